import Foundation
import GRDB

extension GraphStore {
    /// Writes one fact; see ``EdgeResolver`` semantics: duplicates add provenance, a new value of
    /// a single-valued relation closes the previous one, a late arrival is stored already closed.
    ///
    /// Entities named by reference are created when no entity matches (a bare name gets the type
    /// `Thing`); an ambiguous name is an error.
    @discardableResult
    public func relate(_ assertion: Assertion) throws -> RelateOutcome {
        try relate([assertion])[0]
    }

    /// Writes several facts in one transaction: all of them, or (when one is invalid) none.
    @discardableResult
    public func relate(_ assertions: [Assertion]) throws -> [RelateOutcome] {
        let now = self.now
        return try database.write { db in
            let referenced = assertions.flatMap { assertion -> [EntityID] in
                var ids: [EntityID] = []
                if case .id(let id) = assertion.subject { ids.append(id) }
                if case .entity(.id(let id)) = assertion.object { ids.append(id) }
                return ids
            }
            let knownTypes = try EntityResolver(db: db, namespace: namespace, now: now, rules: ontologyRules)
                .types(of: referenced)
            let resolver = try EdgeResolver(
                db: db, namespace: namespace, now: now, rules: ontologyRules, knownTypes: knownTypes)
            var relations: [RelationKey: OntologyRules.Relation] = [:]
            return try assertions.map { assertion in
                let key = RelationKey(written: assertion.relation, singleValued: assertion.singleValued)
                if relations[key] == nil {
                    relations[key] = try ontologyRules.relation(
                        assertion.relation, singleValued: assertion.singleValued)
                }
                return try resolver.apply(assertion, resolved: relations[key]!)
            }
        }
    }

    /// Writes `subject —relation→ object` where the object is an entity.
    @discardableResult
    public func relate(
        _ subject: EntityReference, _ relation: String, _ object: EntityReference, validFrom: Date? = nil,
        validTo: Date? = nil, fact: String? = nil, source: EpisodeID? = nil, singleValued: Bool? = nil
    ) throws -> RelateOutcome {
        try relate(
            Assertion(
                subject, relation, .entity(object), validFrom: validFrom, validTo: validTo, fact: fact,
                source: source, singleValued: singleValued))
    }

    /// Writes `subject —relation→ value` where the object is a literal (a port, a version, a path).
    @discardableResult
    public func relate(
        _ subject: EntityReference, _ relation: String, value: String, validFrom: Date? = nil,
        validTo: Date? = nil, fact: String? = nil, source: EpisodeID? = nil, singleValued: Bool? = nil
    ) throws -> RelateOutcome {
        try relate(
            Assertion(
                subject, relation, .literal(value), validFrom: validFrom, validTo: validTo, fact: fact,
                source: source, singleValued: singleValued))
    }

    /// Ends a fact at `at` (default now) without forgetting it: it stays in history and in
    /// as-of reads before that instant.
    public func retract(_ id: EdgeID, at instant: Date? = nil) throws {
        let now = self.now
        try database.write { db in
            let edge = try loadEdge(id, db: db)
            guard edge.validTo == nil, edge.expiredAt == nil else {
                throw MemographError.invalidArgument(field: "edge", reason: "\(id) is already closed")
            }
            let end = StoreTime.truncate(instant ?? now)
            guard end > edge.validFrom else {
                throw MemographError.invalidArgument(
                    field: "at", reason: "must be after the fact's validFrom")
            }
            try db.execute(
                sql: "UPDATE edges SET valid_to = ?, expired_at = ?, end_kind = 'ended' WHERE id = ?",
                arguments: [StoreTime.encode(end), StoreTime.encode(now), id.rawValue])
        }
    }

    /// Removes an edge and its provenance physically, as if it had never been written; the
    /// version it had closed becomes current again. Use ``retract(_:at:)`` to keep history.
    public func purge(_ id: EdgeID) throws {
        let now = self.now
        try database.write { db in
            let edge = try loadEdge(id, db: db)
            try TimelineRepair(db: db, now: now).bridge(over: edge)
            try deleteEdges([id.rawValue], db: db)
        }
    }

    /// Deletes edges physically with their provenance (by cascade), vectors and search rows (by
    /// trigger); links from other edges to them are cleared. Timelines are the caller's concern.
    func deleteEdges(_ ids: [Int64], db: Database) throws {
        let list = IDList.json(ids)
        try db.execute(
            sql:
                "UPDATE edges SET superseded_by = NULL WHERE superseded_by IN (SELECT value FROM json_each(?))",
            arguments: [list])
        try db.execute(
            sql:
                "DELETE FROM embeddings WHERE owner_kind = 'edge' AND owner_id IN (SELECT value FROM json_each(?))",
            arguments: [list])
        try db.execute(
            sql: "DELETE FROM edges WHERE id IN (SELECT value FROM json_each(?))", arguments: [list])
    }

    /// A relation as written in an assertion, with the caller's single-valued override.
    private struct RelationKey: Hashable {
        var written: String
        var singleValued: Bool?
    }

    func loadEdge(_ id: EdgeID, db: Database) throws -> Edge {
        let row = try Row.fetchOne(
            db, sql: "SELECT \(RowDecoding.edgeColumns) FROM edges e WHERE e.id = ? AND e.namespace = ?",
            arguments: [id.rawValue, namespace])
        guard let row else { throw MemographError.unknownEdge(id) }
        return RowDecoding.edge(row)
    }
}
