import Foundation
import GRDB

extension GraphStore {
    /// Splits facts, mentions and names off `entity` onto `target`, by hand, when one entity
    /// turns out to be two ("Jordan" in design and "Jordan" in sales): the undo of a wrong
    /// ``merge(_:_:)``.
    ///
    /// What moves: the given `edges`; every fact about `entity` that only the given `episodes`
    /// support, and the mentions of `entity` in those episodes; the given `aliases`. A moved fact
    /// is withdrawn from `entity`'s timeline (it stays in history, and a value it had closed is
    /// current again) and asserted afresh about `target` with its provenance, so `target`'s
    /// own timeline decides what it supersedes. `target` is created when it names nothing.
    ///
    /// - Throws: ``MemographError/invalidArgument(field:reason:)`` when `target` is `entity`,
    ///   nothing would move, an edge does not touch `entity` or is already withdrawn, an episode
    ///   does not mention `entity`, or an alias is not one of `entity`'s aliases; the store is
    ///   then unchanged.
    @discardableResult
    public func split(
        _ entity: EntityReference, into target: EntityReference, edges: [EdgeID] = [],
        episodes: [EpisodeID] = [], aliases: [String] = []
    ) throws -> SplitReport {
        let now = self.now
        return try database.write { db in
            let entities = EntityResolver(db: db, namespace: namespace, now: now, rules: ontologyRules)
            let source = try entities.resolve(entity)
            let movedAliases = try aliasesToMove(aliases, of: source, db: db)
            try requireMentions(of: source.id, in: episodes, db: db)
            let moving = try edgesToMove(from: source.id, edges: edges, episodes: episodes, db: db)
            let created = try entities.find(target).isEmpty
            let destination = try entities.resolveOrCreate(target, defaultType: source.type)
            guard destination.id != source.id else {
                throw MemographError.invalidArgument(
                    field: "into", reason: "\(target) is \(source.reference) itself")
            }
            guard !moving.isEmpty || !episodes.isEmpty || !movedAliases.isEmpty else {
                throw MemographError.invalidArgument(
                    field: "split", reason: "no edge, episode or alias given: nothing would move")
            }

            let repair = TimelineRepair(db: db, now: now)
            for edge in moving.sorted(by: { $0.id.rawValue > $1.id.rawValue }) {
                try repair.withdraw(loadEdge(edge.id, db: db))
            }
            let resolver = try EdgeResolver(db: db, namespace: namespace, now: now, rules: ontologyRules)
            var moved: [SplitReport.MovedEdge] = []
            for edge in moving.sorted(by: { ($0.validFrom, $0.id.rawValue) < ($1.validFrom, $1.id.rawValue) })
            {
                let sources = try Int64.fetchAll(
                    db, sql: "SELECT episode_id FROM edge_sources WHERE edge_id = ? ORDER BY episode_id",
                    arguments: [edge.id.rawValue]
                ).map { EpisodeID($0) }
                let outcome = try resolver.apply(
                    reassertion(of: edge, from: source.id, onto: destination.id, source: sources.first),
                    resolved: ontologyRules.relation(edge.relation))
                for episode in sources.dropFirst() { try resolver.addSource(episode, to: outcome.edgeID) }
                moved.append(SplitReport.MovedEdge(from: edge.id, to: outcome.edgeID))
            }

            try db.execute(
                sql: """
                    UPDATE OR IGNORE mentions SET entity_id = ? WHERE entity_id = ? AND episode_id IN \
                    (SELECT value FROM json_each(?))
                    """,
                arguments: [
                    destination.id.rawValue, source.id.rawValue, IDList.json(episodes.map(\.rawValue)),
                ])
            for alias in movedAliases {
                try db.execute(
                    sql: "DELETE FROM aliases WHERE entity_id = ? AND normalized_alias = ?",
                    arguments: [source.id.rawValue, NameNormalizer.normalize(alias)])
            }
            try entities.addAliases(movedAliases, to: destination.id)
            try db.execute(
                sql: "DELETE FROM embeddings WHERE owner_kind = 'entity' AND owner_id IN (?, ?)",
                arguments: [source.id.rawValue, destination.id.rawValue])
            let ends = try entities.load([source.id, destination.id])
            return SplitReport(
                entity: ends[0], target: ends[1], targetCreated: created, movedEdges: moved,
                movedAliases: movedAliases, episodes: episodes)
        }
    }

    /// The given aliases, each checked to be one of `entity`'s (its own name cannot move).
    private func aliasesToMove(_ aliases: [String], of entity: Entity, db: Database) throws -> [String] {
        let known = Dictionary(
            entity.aliases.map { (NameNormalizer.normalize($0), $0) }, uniquingKeysWith: { first, _ in first }
        )
        return try aliases.map { alias in
            guard let stored = known[NameNormalizer.normalize(alias)] else {
                throw MemographError.invalidArgument(
                    field: "alias", reason: "'\(alias)' is not an alias of \(entity.reference)")
            }
            return stored
        }
    }

    private func requireMentions(of entity: EntityID, in episodes: [EpisodeID], db: Database) throws {
        for episode in episodes {
            let mentioned = try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM mentions WHERE episode_id = ?1 AND entity_id = ?2)
                        OR EXISTS (SELECT 1 FROM edge_sources s JOIN edges e ON e.id = s.edge_id
                                   WHERE s.episode_id = ?1 AND (e.subject_id = ?2 OR e.object_id = ?2))
                    """, arguments: [episode.rawValue, entity.rawValue])
            guard mentioned == true else {
                throw MemographError.invalidArgument(
                    field: "episode",
                    reason: "episode #\(episode.rawValue) does not mention entity #\(entity.rawValue)")
            }
        }
    }

    /// The given edges (each must touch `entity` and still be believed) and the believed edges of
    /// `entity` that only `episodes` support.
    private func edgesToMove(
        from entity: EntityID, edges: [EdgeID], episodes: [EpisodeID], db: Database
    ) throws -> [Edge] {
        var moving: [EdgeID: Edge] = [:]
        for id in edges {
            let edge = try loadEdge(id, db: db)
            guard edge.subject == entity || edge.object.entityID == entity else {
                throw MemographError.invalidArgument(
                    field: "edge", reason: "edge #\(id.rawValue) does not touch entity #\(entity.rawValue)")
            }
            guard edge.end != .withdrawn else {
                throw MemographError.invalidArgument(
                    field: "edge", reason: "edge #\(id.rawValue) is withdrawn: nothing to move")
            }
            moving[id] = edge
        }
        guard !episodes.isEmpty else { return Array(moving.values) }
        let supported = try RowDecoding.edges(
            db.makeStatement(
                sql: """
                    SELECT \(RowDecoding.edgeColumns) FROM edges e
                    WHERE (e.subject_id = ?1 OR e.object_id = ?1) AND (e.end_kind IS NULL OR e.end_kind <> 'withdrawn')
                      AND EXISTS (SELECT 1 FROM edge_sources s WHERE s.edge_id = e.id)
                      AND NOT EXISTS (SELECT 1 FROM edge_sources s WHERE s.edge_id = e.id
                                      AND s.episode_id NOT IN (SELECT value FROM json_each(?2)))
                    """), [.int(entity.rawValue), .text(IDList.json(episodes.map(\.rawValue)))])
        for edge in supported { moving[edge.id] = edge }
        return Array(moving.values)
    }

    /// `edge` asserted again with `target` in place of `entity` at either end; it keeps its own
    /// end only when it was ended explicitly (a supersession belonged to the old timeline).
    private func reassertion(of edge: Edge, from entity: EntityID, onto target: EntityID, source: EpisodeID?)
        -> Assertion
    {
        let subject = edge.subject == entity ? target : edge.subject
        let object: AssertedObject =
            switch edge.object {
            case .entity(let id): .entity(.id(id == entity ? target : id))
            case .literal(let value): .literal(value)
            }
        return Assertion(
            .id(subject), edge.relation, object, validFrom: edge.validFrom,
            validTo: edge.end == .ended ? edge.validTo : nil, fact: edge.fact, source: source,
            confidence: edge.confidence)
    }
}
