import Foundation
import GRDB

/// Expands a frontier of entities by one hop: from the store's in-memory ``Adjacency`` when it
/// holds one, else with one query per direction.
///
/// Both give the same steps in the same order — outgoing edges before incoming ones, then by
/// frontier entity, then by edge id — so a walk reaches each entity by the same edge either way.
struct GraphWalker {
    /// One edge leaving the frontier, by id: the walk decodes no edge it does not keep.
    struct Step: Hashable {
        var from: EntityID
        var to: EntityID
        var edge: Int64
        var reversed: Bool
    }

    let db: Database
    let adjacency: Adjacency?
    let slice: TimeSlice
    let now: Date
    /// The relation names to follow; nil follows every relation.
    let relations: [String]?
    let direction: EdgeDirection

    /// The same walk from the other end of its edges, as a search back from a path's target goes.
    var reversed: GraphWalker {
        GraphWalker(
            db: db, adjacency: adjacency, slice: slice, now: now, relations: relations,
            direction: direction.reversed)
    }

    /// The steps from each entity of `frontier` (distinct ids, as a walk's frontier is) by one
    /// edge valid in the slice and followed in the walk's direction and relations.
    func steps(from frontier: [EntityID]) throws -> [Step] {
        var steps: [Step] = []
        for reversed in [false, true] {
            if direction == .outgoing && reversed || direction == .incoming && !reversed { continue }
            if let adjacency {
                append(from: frontier, reversed: reversed, in: adjacency, to: &steps)
            } else {
                try append(from: frontier, reversed: reversed, to: &steps)
            }
        }
        return steps
    }

    /// The steps along (or, `reversed`, against) edges from the frontier, read from memory.
    private func append(
        from frontier: [EntityID], reversed: Bool, in adjacency: Adjacency, to steps: inout [Step]
    ) {
        let instants = slice.instants(now: now)
        let followed = relations.map { names in
            let names = Set(names)
            return (0..<adjacency.relationCount).map { names.contains(adjacency.relationName(Int32($0))) }
        }
        var hops: [Adjacency.Hop] = []
        for entity in frontier {
            hops.removeAll(keepingCapacity: true)
            adjacency.appendNewest(.max, of: entity, outgoing: !reversed, at: instants, to: &hops)
            for hop in hops where followed?[Int(hop.relation)] ?? true {
                guard let to = hop.to else { continue }
                steps.append(Step(from: entity, to: to, edge: hop.edge, reversed: reversed))
            }
        }
    }

    /// The steps along (or, `reversed`, against) edges from the frontier, queried.
    private func append(from frontier: [EntityID], reversed: Bool, to steps: inout [Step]) throws {
        let (near, far) = reversed ? ("object_id", "subject_id") : ("subject_id", "object_id")
        let time = slice.sqlCondition(now: now)
        var parameters: [SQLParameter] = [.text(IDList.json(frontier.map(\.rawValue)))]
        if let relations { parameters.append(.text(IDList.json(relations))) }
        parameters += time.parameters
        // Driving the join from the id list walks the adjacency index once per id, with no
        // temporary index over the list; each id's edges come together, in index order.
        let sql = """
            SELECT frontier.value, e.\(far), e.id FROM json_each(?) AS frontier CROSS JOIN edges e
              ON e.\(near) = frontier.value
            WHERE e.object_id IS NOT NULL\(relations == nil ? "" : " AND e.relation IN (SELECT value FROM json_each(?))")
              AND \(time.sql)
            """
        var run = steps.count
        try HotStatement.query(db.cachedStatement(sql: sql), parameters) { row in
            let from = EntityID(row.int64(0))
            if let last = steps.last, run < steps.count, last.from != from {
                steps[run...].sort { $0.edge < $1.edge }
                run = steps.count
            }
            steps.append(Step(from: from, to: EntityID(row.int64(1)), edge: row.int64(2), reversed: reversed))
        }
        steps[run...].sort { $0.edge < $1.edge }
    }
}
