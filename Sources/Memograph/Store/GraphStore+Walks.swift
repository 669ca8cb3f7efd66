import Foundation
import GRDB

extension GraphStore {
    /// Entities within `depth` hops of an entity over edges valid in the given slice (default:
    /// now), nearest first; each is reported once, at its smallest distance.
    ///
    /// With an ontology, `relation` may be written as its inverse or a synonym and matches its
    /// subproperties; a symmetric relation is walked both ways. `closure` follows a transitive
    /// relation to its end (up to 10 hops): everything an entity is, transitively, `partOf`.
    public func neighbours(
        of reference: EntityReference, relation: String? = nil, direction: EdgeDirection = .both,
        depth: Int = 1, closure: Bool = false, asOf: Date? = nil, knownAt: Date? = nil
    ) throws -> [Neighbour] {
        guard (1...10).contains(depth) else {
            throw MemographError.invalidArgument(field: "depth", reason: "must be between 1 and 10")
        }
        let now = self.now
        return try read { db in
            let resolver = EntityResolver(db: db, namespace: namespace, now: now, rules: ontologyRules)
            let start = try resolver.resolve(reference).id
            let filter = try ontologyRules.readFilter(relation, direction: direction)
            var depth = depth
            if closure {
                guard let relation, try ontologyRules.relation(relation).transitive else {
                    throw MemographError.invalidArgument(
                        field: "closure", reason: "needs a relation the ontology declares transitive")
                }
                depth = 10
            }
            let walker = GraphWalker(
                db: db, slice: TimeSlice(asOf: asOf, knownAt: knownAt), now: now, relations: filter.names,
                direction: filter.direction)
            var seen: Set<EntityID> = [start]
            var frontier = [start]
            var found: [(id: EntityID, hops: Int, step: GraphWalker.Step)] = []
            for hop in 1...depth where !frontier.isEmpty {
                var next: [EntityID] = []
                for step in try walker.steps(from: frontier) where seen.insert(step.to).inserted {
                    found.append((step.to, hop, step))
                    next.append(step.to)
                }
                frontier = next
            }
            let entities = try resolver.load(found.map(\.id))
            let byID = Dictionary(uniqueKeysWithValues: entities.map { ($0.id, $0) })
            return found.compactMap { item in
                byID[item.id].map {
                    Neighbour(entity: $0, hops: item.hops, via: item.step.edge, from: item.step.from)
                }
            }
        }
    }

    /// A shortest path between two entities over edges valid in the given slice, walking edges
    /// in either direction; nil when none exists within `maxDepth` hops.
    public func path(
        from start: EntityReference, to goal: EntityReference, maxDepth: Int = 6, asOf: Date? = nil,
        knownAt: Date? = nil
    ) throws -> [PathStep]? {
        guard (1...12).contains(maxDepth) else {
            throw MemographError.invalidArgument(field: "maxDepth", reason: "must be between 1 and 12")
        }
        let now = self.now
        return try read { db in
            let resolver = EntityResolver(db: db, namespace: namespace, now: now, rules: ontologyRules)
            let source = try resolver.resolve(start).id
            let target = try resolver.resolve(goal).id
            if source == target { return [] }
            let walker = GraphWalker(
                db: db, slice: TimeSlice(asOf: asOf, knownAt: knownAt), now: now, relations: nil,
                direction: .both)
            var parent: [EntityID: GraphWalker.Step] = [:]
            var frontier = [source]
            var seen: Set<EntityID> = [source]
            for _ in 1...maxDepth where !frontier.isEmpty {
                var next: [EntityID] = []
                for step in try walker.steps(from: frontier) where seen.insert(step.to).inserted {
                    parent[step.to] = step
                    if step.to == target {
                        var steps: [PathStep] = []
                        var cursor = target
                        while let step = parent[cursor] {
                            steps.append(
                                PathStep(
                                    edge: step.edge, from: step.from, to: step.to, reversed: step.reversed))
                            cursor = step.from
                        }
                        return steps.reversed()
                    }
                    next.append(step.to)
                }
                frontier = next
            }
            return nil
        }
    }
}

/// Expands a frontier of entities by one hop with one query per direction and chunk.
struct GraphWalker {
    struct Step {
        var from: EntityID
        var to: EntityID
        var edge: Edge
        var reversed: Bool
    }

    let db: Database
    let slice: TimeSlice
    let now: Date
    /// The relation names to follow; nil follows every relation.
    let relations: [String]?
    let direction: EdgeDirection

    func steps(from frontier: [EntityID]) throws -> [Step] {
        let time = slice.sqlCondition(now: now)
        var steps: [Step] = []
        let list = IDList.json(frontier.map(\.rawValue))
        let relationClause = relations == nil ? "" : " AND e.relation IN (SELECT value FROM json_each(?))"
        for (column, reversed) in [("subject_id", false), ("object_id", true)] {
            if direction == .outgoing && reversed || direction == .incoming && !reversed { continue }
            var parameters: [SQLParameter] = [.text(list)]
            if let relations { parameters.append(.text(IDList.json(relations))) }
            parameters += time.parameters
            // Driving the join from the id list walks the adjacency index once per id, with no
            // temporary index over the list.
            let sql = """
                SELECT \(RowDecoding.edgeColumns) FROM json_each(?) AS frontier CROSS JOIN edges e
                  ON e.\(column) = frontier.value
                WHERE e.object_id IS NOT NULL\(relationClause) AND \(time.sql)
                """
            for edge in try RowDecoding.edges(db.cachedStatement(sql: sql), parameters) {
                guard let object = edge.object.entityID else { continue }
                steps.append(
                    reversed
                        ? Step(from: object, to: edge.subject, edge: edge, reversed: true)
                        : Step(from: edge.subject, to: object, edge: edge, reversed: false))
            }
        }
        return steps
    }
}
