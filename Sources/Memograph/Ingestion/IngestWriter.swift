import Foundation
import GRDB

/// Writes one episode's candidate entities and facts inside the ingestion transaction, each
/// fact in a savepoint so that one the store refuses leaves no trace while the others stay.
struct IngestWriter {
    let db: Database
    let namespace: String
    let now: Date
    let rules: OntologyRules
    let episode: Episode
    let resolver: CandidateResolver

    private(set) var resolutions: [EntityResolution] = []
    private(set) var written: [IngestReport.WrittenFact] = []
    private(set) var skipped: [IngestReport.SkippedFact] = []
    /// Resolved candidates by ``CandidateResolver/key(_:_:)``; nil for an ambiguous name.
    private var resolved: [String: EntityResolution?] = [:]

    init(
        db: Database, namespace: String, now: Date, rules: OntologyRules, episode: Episode,
        resolver: CandidateResolver
    ) {
        self.db = db
        self.namespace = namespace
        self.now = now
        self.rules = rules
        self.episode = episode
        self.resolver = resolver
    }

    /// The entity a candidate name resolves to (once per episode), or nil when it is ambiguous.
    mutating func entity(name: String, type: String, aliases: [String] = []) throws -> EntityID? {
        let key = CandidateResolver.key(name, type)
        if let known = resolved[key] { return known?.entity }
        let resolution = try resolver.resolve(name: name, type: type, aliases: aliases)
        resolved[key] = .some(resolution)
        if let resolution { try recordMention(resolution) }
        return resolution?.entity
    }

    mutating func recordMention(_ resolution: EntityResolution) throws {
        resolutions.append(resolution)
        try db.execute(
            sql: """
                INSERT OR IGNORE INTO mentions (episode_id, entity_id, namespace, surface, method, score)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                episode.id.rawValue, resolution.entity.rawValue, namespace, resolution.surface,
                resolution.method.rawValue, resolution.score,
            ])
    }

    mutating func write(_ fact: CandidateFact, defaultValidFrom: Date) throws {
        guard let subject = try entity(name: fact.subjectName, type: fact.subjectType) else {
            skipped.append(.init(candidate: fact, reason: "'\(fact.subjectName)' names several entities"))
            return
        }
        let object: AssertedObject
        switch fact.object {
        case .entity(let name, let type):
            guard let id = try entity(name: name, type: type) else {
                skipped.append(.init(candidate: fact, reason: "'\(name)' names several entities"))
                return
            }
            object = .entity(.id(id))
        case .literal(let value):
            object = .literal(value)
        }
        let assertion = Assertion(
            .id(subject), fact.relation, object, validFrom: fact.validFrom ?? defaultValidFrom,
            fact: fact.sentence,
            source: episode.id)
        var result: IngestReport.WrittenFact?
        do {
            try db.inSavepoint {
                let relation = try rules.relation(assertion.relation)
                let outcome = try EdgeResolver(db: db, namespace: namespace, now: now, rules: rules)
                    .apply(assertion, resolved: relation)
                var replaced: [EdgeID] = []
                if let replacement = fact.replaces, !relation.singleValued, case .inserted(let id) = outcome {
                    replaced = try close(replacement, before: id)
                }
                result = .init(candidate: fact, outcome: outcome, replaced: replaced)
                return .commit
            }
        } catch let error as MemographError {
            skipped.append(.init(candidate: fact, reason: error.localizedDescription))
            return
        }
        if let result { written.append(result) }
    }

    /// Closes the current values of the new edge's subject and relation that the text said it
    /// replaces; only edges of that subject and relation are ever candidates.
    private func close(_ replacement: CandidateFact.Replacement, before id: EdgeID) throws -> [EdgeID] {
        let columns = RowDecoding.edgeColumns
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT \(columns) FROM edges e WHERE e.id = ?", arguments: [id.rawValue])
        else { return [] }
        let edge = RowDecoding.edge(row)
        let current = try Row.fetchAll(
            db,
            sql: """
                SELECT \(columns) FROM edges e WHERE e.subject_id = ? AND e.relation = ? AND e.id <> ?
                  AND e.valid_to IS NULL AND e.expired_at IS NULL AND e.valid_from < ?
                ORDER BY e.valid_from DESC, e.id DESC
                """,
            arguments: [edge.subject.rawValue, edge.relation, id.rawValue, StoreTime.encode(edge.validFrom)]
        ).map(RowDecoding.edge)
        let closing: [Edge]
        switch replacement {
        case .latest:
            closing = Array(current.prefix(1))
        case .sameKind:
            guard let newObject = try objectEntity(edge) else { return [] }
            closing = try current.filter { old in
                guard let oldObject = try objectEntity(old), oldObject.type == newObject.type else {
                    return false
                }
                guard newObject.type == "Preference" else { return true }
                return !Self.contentWords(oldObject.name).isDisjoint(with: Self.contentWords(newObject.name))
            }
        }
        for old in closing {
            try db.execute(
                sql: """
                    UPDATE edges SET valid_to = ?, expired_at = ?, end_kind = 'superseded', superseded_by = ?
                    WHERE id = ?
                    """,
                arguments: [
                    StoreTime.encode(edge.validFrom), StoreTime.encode(now), id.rawValue, old.id.rawValue,
                ])
        }
        return closing.map(\.id)
    }

    private func objectEntity(_ edge: Edge) throws -> (type: String, name: String)? {
        guard let id = edge.object.entityID,
            let row = try Row.fetchOne(
                db, sql: "SELECT type, name FROM entities WHERE id = ?", arguments: [id.rawValue])
        else { return nil }
        return (row[0], row[1])
    }

    private static let stopWords: Set<String> = [
        "the", "a", "an", "of", "to", "in", "on", "for", "and", "with", "my",
    ]

    /// "light mode" and "dark mode" share "mode": preferences about the same thing.
    private static func contentWords(_ text: String) -> Set<String> {
        Set(NameNormalizer.normalize(text).split(separator: " ").map(String.init)).subtracting(stopWords)
    }
}
