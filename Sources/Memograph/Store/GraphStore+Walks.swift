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
            let adjacency = try adjacencies.adjacency(namespace: namespace, db: db)
            let walker = GraphWalker(
                db: db, adjacency: adjacency, slice: TimeSlice(asOf: asOf, knownAt: knownAt), now: now,
                relations: filter.names, direction: filter.direction)
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
            func neighbours(entity: (EntityID) -> Entity?, edge: (Int64) -> Edge?) -> [Neighbour] {
                found.compactMap { item in
                    guard let entity = entity(item.id), let edge = edge(item.step.edge) else { return nil }
                    return Neighbour(entity: entity, hops: item.hops, via: edge, from: item.step.from)
                }
            }
            // Once a walk holds the adjacency, what it returns comes from memory too: reading the
            // rows was most of a two-hop walk's time.
            if let adjacency, let table = try entityTables.value(namespace: namespace, db: db) {
                return neighbours(entity: { table[$0] }, edge: { adjacency.edge($0, namespace: namespace) })
            }
            let entities = try resolver.loadByID(found.map(\.id))
            let edges = try RowDecoding.edges(ids: found.map(\.step.edge), namespace: namespace, db: db)
            return neighbours(entity: { entities[$0] }, edge: { edges[$0] })
        }
    }

    /// A shortest path between two entities over edges valid in the given slice, walking edges
    /// in `direction` (default: either way) and, given one, only `relation` (read as
    /// ``neighbours(of:relation:direction:depth:closure:asOf:knownAt:)`` reads it); nil when none
    /// exists within `maxDepth` hops.
    ///
    /// It is searched from both ends at once, so a path of four hops across a million edges costs
    /// about what two walks of two hops do.
    public func path(
        from start: EntityReference, to goal: EntityReference, relation: String? = nil,
        direction: EdgeDirection = .both, maxDepth: Int = 6, asOf: Date? = nil, knownAt: Date? = nil
    ) throws -> [PathStep]? {
        guard (1...12).contains(maxDepth) else {
            throw MemographError.invalidArgument(field: "maxDepth", reason: "must be between 1 and 12")
        }
        let now = self.now
        return try read { db in
            let resolver = EntityResolver(db: db, namespace: namespace, now: now, rules: ontologyRules)
            let source = try resolver.resolve(start).id
            let target = try resolver.resolve(goal).id
            let filter = try ontologyRules.readFilter(relation, direction: direction)
            if source == target { return [] }
            let adjacency = try adjacencies.adjacency(namespace: namespace, db: db)
            let walker = GraphWalker(
                db: db, adjacency: adjacency, slice: TimeSlice(asOf: asOf, knownAt: knownAt), now: now,
                relations: filter.names, direction: filter.direction)
            guard let steps = try ShortestPath(walker: walker).between(source, target, maxDepth: maxDepth)
            else {
                return nil
            }
            func path(edge: (Int64) -> Edge?) -> [PathStep] {
                steps.compactMap { step in
                    edge(step.edge).map {
                        PathStep(edge: $0, from: step.from, to: step.to, reversed: step.reversed)
                    }
                }
            }
            if let adjacency { return path { adjacency.edge($0, namespace: namespace) } }
            let edges = try RowDecoding.edges(ids: steps.map(\.edge), namespace: namespace, db: db)
            return path { edges[$0] }
        }
    }
}
