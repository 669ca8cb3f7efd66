import Foundation
import GRDB

extension GraphStore {
    /// The facts about an entity — edges where it is the subject or (with `.both`, the default)
    /// the object — that hold in the given slice; by default the current view. Newest first.
    public func facts(
        about reference: EntityReference, relation: String? = nil, direction: EdgeDirection = .both,
        asOf: Date? = nil, knownAt: Date? = nil
    ) throws -> [Fact] {
        let now = self.now
        return try read { db in
            let entity = try EntityResolver(db: db, namespace: namespace, now: now, rules: ontologyRules)
                .resolve(reference)
            let filter = try ontologyRules.readFilter(relation, direction: direction)
            let time = TimeSlice(asOf: asOf, knownAt: knownAt).sqlCondition(now: now)
            var parts: [String] = []
            var parameters: [SQLParameter] = []
            let relationClause =
                filter.names == nil ? "" : " AND e.relation IN (SELECT value FROM json_each(?))"
            for (column, wanted) in [("subject_id", EdgeDirection.outgoing), ("object_id", .incoming)]
            where filter.direction == .both || filter.direction == wanted {
                parts.append(
                    "SELECT \(RowDecoding.edgeColumns) FROM edges e WHERE e.\(column) = ?\(relationClause) AND \(time.sql)"
                )
                parameters.append(.int(entity.id.rawValue))
                if let names = filter.names { parameters.append(.text(IDList.json(names))) }
                parameters += time.parameters
            }
            let sql = parts.joined(separator: " UNION ALL ") + " ORDER BY 8 DESC, 1 DESC"
            let edges = try RowDecoding.edges(db.cachedStatement(sql: sql), parameters)
            return try assemble(edges, db: db, now: now)
        }
    }

    /// Every version of `subject —relation→ …` ever recorded, superseded and withdrawn ones
    /// included, in event-time order: the fact's timeline.
    public func history(of reference: EntityReference, relation: String) throws -> [Fact] {
        let now = self.now
        return try read { db in
            let entity = try EntityResolver(db: db, namespace: namespace, now: now, rules: ontologyRules)
                .resolve(reference)
            let resolved = try ontologyRules.relation(relation)
            let ends =
                resolved.symmetric
                ? "(e.subject_id = ?1 OR e.object_id = ?1)"
                : resolved.flipped ? "e.object_id = ?1" : "e.subject_id = ?1"
            let edges = try RowDecoding.edges(
                db.cachedStatement(
                    sql: """
                        SELECT \(RowDecoding.edgeColumns) FROM edges e
                        WHERE \(ends) AND e.relation = ?2 ORDER BY e.valid_from, e.recorded_at, e.id
                        """), [.int(entity.id.rawValue), .text(resolved.name)])
            return try assemble(edges, db: db, now: now)
        }
    }

    /// One edge with its ends and provenance.
    public func fact(_ id: EdgeID) throws -> Fact {
        let now = self.now
        return try read { db in try assemble([loadEdge(id, db: db)], db: db, now: now)[0] }
    }

    /// Resolves both ends and the provenance of `edges`, keeping their order.
    func assemble(_ edges: [Edge], db: Database, now: Date) throws -> [Fact] {
        guard !edges.isEmpty else { return [] }
        var ids = Set<EntityID>()
        for edge in edges {
            ids.insert(edge.subject)
            if let object = edge.object.entityID { ids.insert(object) }
        }
        let byID = try EntityResolver(db: db, namespace: namespace, now: now, rules: ontologyRules).loadByID(
            Array(ids))
        var sources: [EdgeID: [EpisodeID]] = [:]
        try HotStatement.query(
            db.cachedStatement(
                sql: """
                    SELECT edge_id, episode_id FROM edge_sources WHERE edge_id IN (SELECT value FROM json_each(?))
                    ORDER BY recorded_at, episode_id
                    """), [.text(IDList.json(edges.map(\.id.rawValue)))]
        ) { row in sources[EdgeID(row.int64(0)), default: []].append(EpisodeID(row.int64(1))) }
        return edges.compactMap { edge in
            guard let subject = byID[edge.subject] else { return nil }
            return Fact(
                edge: edge, subject: subject, object: edge.object.entityID.flatMap { byID[$0] },
                sources: sources[edge.id] ?? [])
        }
    }
}
