import Foundation
import GRDB

/// Decides, inside a write transaction, what an assertion does to the graph: add provenance to
/// a fact already known, close the previous value of a single-valued relation, store a late
/// arrival already closed, or insert a new edge. Nothing is ever deleted here.
///
/// Contradiction candidates are only edges with the same subject and relation: an assertion
/// never touches facts about anything else.
struct EdgeResolver {
    let db: Database
    let namespace: String
    let now: Date
    let rules: OntologyRules
    /// Entity types read up front for a batch (see ``EntityResolver/types(of:)``).
    let knownTypes: [EntityID: String]
    private let retention: RetentionSchedule

    init(
        db: Database, namespace: String, now: Date, rules: OntologyRules, knownTypes: [EntityID: String] = [:]
    ) throws {
        self.db = db
        self.knownTypes = knownTypes
        self.namespace = namespace
        self.now = now
        self.rules = rules
        retention = try RetentionSchedule(db: db, namespace: namespace)
    }

    /// Applies one assertion; `resolved` is its relation as ``OntologyRules/relation(_:singleValued:)``
    /// maps it (a batch resolves each distinct relation once).
    func apply(_ assertion: Assertion, resolved: OntologyRules.Relation) throws -> RelateOutcome {
        let relation = resolved.name
        if let fact = assertion.fact { try TextRules.check(fact, field: "fact", allowNewlines: true) }
        guard (0...1).contains(assertion.confidence) else {
            throw MemographError.invalidArgument(field: "confidence", reason: "must be between 0 and 1")
        }
        let validFrom = StoreTime.truncate(assertion.validFrom ?? now)
        let validTo = assertion.validTo.map(StoreTime.truncate)
        if let validTo, validTo <= validFrom {
            throw MemographError.invalidArgument(field: "validTo", reason: "must be after validFrom")
        }
        if let source = assertion.source { try requireEpisode(source) }

        // An inverse property is stored in its canonical direction: "Lin manages Ada" is kept
        // as "Ada reportsTo Lin", so both read the same edge and supersession follows it.
        var subjectReference = assertion.subject
        var assertedObject = assertion.object
        if resolved.flipped {
            guard case .entity(let objectReference) = assertion.object else {
                throw MemographError.invalidArgument(
                    field: "object",
                    reason: "'\(assertion.relation)' relates two entities, not a literal value")
            }
            subjectReference = objectReference
            assertedObject = .entity(assertion.subject)
        }

        let entities = EntityResolver(
            db: db, namespace: namespace, now: now, rules: rules, knownTypes: knownTypes)
        var subject = try entities.resolveOrCreate(
            subjectReference, defaultType: rules.inferredType(for: resolved, asSubject: true))
        var object: EdgeObject
        let objectKind: OntologyRules.ObjectKind
        switch assertedObject {
        case .entity(let reference):
            var found = try entities.resolveOrCreate(
                reference, defaultType: rules.inferredType(for: resolved, asSubject: false))
            // A symmetric fact is stored once, from the entity with the smaller id.
            if resolved.symmetric, found.id < subject.id { swap(&subject, &found) }
            object = .entity(found.id)
            objectKind = .entity(type: found.type)
        case .literal(let value):
            let value = try TextRules.nonEmpty(value, field: "object", maxLength: 10_000)
            object = .literal(value)
            objectKind = .literal(value)
        }
        let violation = try rules.enforce(
            rules.violation(subjectType: subject.type, relation: resolved, object: objectKind))
        let attributes = violation.map { [OntologyRules.violationAttribute: $0] } ?? [:]

        let single = resolved.singleValued
        let versions = try believedVersions(
            subject: subject.id, relation: relation, object: single ? nil : object)
        let draft = Draft(
            subject: subject.id, relation: relation, object: object, fact: assertion.fact,
            validFrom: validFrom,
            validTo: validTo, confidence: assertion.confidence, attributes: attributes)

        // The same fact, already believed to hold at validFrom: only the provenance grows.
        if let same = versions.first(where: { $0.object == object && $0.covers(validFrom) }) {
            if let source = assertion.source {
                try addSource(source, to: same.id)
                try confirm(same)
            }
            return .duplicate(same.id)
        }
        guard single else {
            let id = try insert(draft, end: validTo == nil ? nil : .ended, supersededBy: nil)
            if let source = assertion.source { try addSource(source, to: id) }
            return .inserted(id)
        }

        // Single-valued: the new version runs until the next known version starts, and cuts
        // every earlier version that still covers its start.
        let next = versions.filter { $0.validFrom > validFrom }.min { $0.validFrom < $1.validFrom }
        let cut = versions.filter { $0.validFrom <= validFrom && $0.covers(validFrom) }
        var effective = draft
        var end: EdgeEnd? = validTo == nil ? nil : .ended
        if let next, validTo == nil || validTo! > next.validFrom {
            effective.validTo = next.validFrom
            end = .superseded
        }
        let id = try insert(effective, end: end, supersededBy: end == .superseded ? next?.id : nil)
        if let source = assertion.source { try addSource(source, to: id) }
        for old in cut { try close(old, at: validFrom, by: id) }
        if !cut.isEmpty { return .superseded(id, closed: cut.map(\.id)) }
        if end == .superseded, let next { return .storedClosed(id, supersededBy: next.id) }
        return .inserted(id)
    }

    /// Versions of `subject —relation→` (optionally with one object) the store believes now.
    private func believedVersions(subject: EntityID, relation: String, object: EdgeObject?) throws -> [Edge] {
        var sql = """
            SELECT \(RowDecoding.edgeColumns) FROM edges e
            WHERE e.subject_id = ? AND e.relation = ? AND e.namespace = ?
              AND (e.expired_at IS NULL OR e.end_kind IN ('superseded', 'ended'))
            """
        var parameters: [SQLParameter] = [.int(subject.rawValue), .text(relation), .text(namespace)]
        switch object {
        case .entity(let id)?:
            sql += " AND e.object_id = ?"
            parameters.append(.int(id.rawValue))
        case .literal(let value)?:
            sql += " AND e.object_value = ?"
            parameters.append(.text(value))
        case nil:
            break
        }
        return try RowDecoding.edges(db.cachedStatement(sql: sql), parameters)
    }

    private func insert(_ draft: Draft, end: EdgeEnd?, supersededBy: EdgeID?) throws -> EdgeID {
        try HotStatement.execute(
            db.cachedStatement(
                sql: """
                    INSERT INTO edges (namespace, subject_id, relation, object_id, object_value, fact, valid_from,
                        valid_to, recorded_at, expired_at, end_kind, superseded_by, confidence, attributes,
                        expires_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """),
            [
                .text(namespace), .int(draft.subject.rawValue), .text(draft.relation),
                .int(draft.object.entityID?.rawValue), .text(draft.object.literal), .text(draft.fact),
                .int(StoreTime.encode(draft.validFrom)), .int(draft.validTo.map(StoreTime.encode)),
                .int(StoreTime.encode(now)), .int(draft.validTo == nil ? nil : StoreTime.encode(now)),
                .text(end?.rawValue), .int(supersededBy?.rawValue), .real(draft.confidence),
                .text(AttributeCoding.encode(draft.attributes)),
                .int(retention.expiry(of: draft.relation, confirmedAt: now)),
            ])
        return EdgeID(db.lastInsertedRowID)
    }

    /// A new episode confirmed `edge`: its retention starts again.
    private func confirm(_ edge: Edge) throws {
        guard let expiry = retention.expiry(of: edge.relation, confirmedAt: now) else { return }
        try db.cachedStatement(
            sql: "UPDATE edges SET expires_at = max(coalesce(expires_at, 0), ?) WHERE id = ?"
        )
        .execute(arguments: [expiry, edge.id.rawValue])
    }

    /// Ends `edge` at `instant` because `successor` replaced it; an already closed edge keeps the
    /// time the store first learned it closed.
    private func close(_ edge: Edge, at instant: Date, by successor: EdgeID) throws {
        try db.cachedStatement(
            sql: """
                UPDATE edges SET valid_to = ?, expired_at = coalesce(expired_at, ?), end_kind = 'superseded',
                    superseded_by = ? WHERE id = ?
                """
        ).execute(arguments: [
            StoreTime.encode(instant), StoreTime.encode(now), successor.rawValue, edge.id.rawValue,
        ])
    }

    func addSource(_ episode: EpisodeID, to edge: EdgeID) throws {
        try HotStatement.execute(
            db.cachedStatement(
                sql: "INSERT OR IGNORE INTO edge_sources (edge_id, episode_id, recorded_at) VALUES (?, ?, ?)"),
            [.int(edge.rawValue), .int(episode.rawValue), .int(StoreTime.encode(now))])
    }

    private func requireEpisode(_ id: EpisodeID) throws {
        var found = false
        try HotStatement.query(
            db.cachedStatement(sql: "SELECT 1 FROM episodes WHERE id = ? AND namespace = ?"),
            [.int(id.rawValue), .text(namespace)]
        ) { _ in found = true }
        guard found else { throw MemographError.unknownEpisode(id) }
    }

    private struct Draft {
        var subject: EntityID
        var relation: String
        var object: EdgeObject
        var fact: String?
        var validFrom: Date
        var validTo: Date?
        var confidence: Double
        var attributes: [String: String]
    }
}

extension Edge {
    /// Whether the store, as it believes now, holds the edge valid at `instant`.
    func covers(_ instant: Date) -> Bool {
        validFrom <= instant && (validTo.map { instant < $0 } ?? true)
    }
}
