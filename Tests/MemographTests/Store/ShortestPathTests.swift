import Foundation
import GRDB
import Testing

@testable import Memograph

@Suite struct ShortestPathTests {
    /// On sparse random graphs, every path is as short as the nearest-first walk from its source
    /// says the target is, joins its ends step by step over edges valid in the slice, and is
    /// missing exactly where the walk does not reach the target within the depth.
    @Test(arguments: [1, 2, 3] as [UInt64])
    func pathsAreAsShortAsTheWalkSaysAndJoinTheirEnds(seed: UInt64) throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try RandomGraph.populate(fixture, seed: seed, entities: 60, edges: 110)
        let things = (0..<60).map { EntityReference.name("e\($0)", type: "Thing") }
        var lengths: [Int: Int] = [:]
        for asOf in [nil, day(12)] {
            for source in things.prefix(12) {
                guard let start = try? store.resolve(source) else { continue }
                let distances = Dictionary(
                    try store.neighbours(of: .id(start.id), depth: 5, asOf: asOf).map {
                        ($0.entity.id, $0.hops)
                    },
                    uniquingKeysWith: min)
                for target in things.suffix(20) {
                    guard let goal = try? store.resolve(target), goal.id != start.id else { continue }
                    let path = try store.path(from: .id(start.id), to: .id(goal.id), maxDepth: 5, asOf: asOf)
                    #expect(
                        path?.count == distances[goal.id],
                        "\(source) → \(target) as of \(String(describing: asOf))")
                    guard let path else { continue }
                    lengths[path.count, default: 0] += 1
                    #expect(path.first?.from == start.id && path.last?.to == goal.id)
                    for (step, next) in zip(path, path.dropFirst()) { #expect(step.to == next.from) }
                    for step in path {
                        let ends = (step.edge.subject, step.edge.object.entityID)
                        #expect(step.reversed ? ends == (step.to, step.from) : ends == (step.from, step.to))
                        #expect(TimeSlice(asOf: asOf).contains(step.edge, now: fixture.clock.now))
                    }
                }
            }
        }
        // Paths of several lengths, so that meeting in the middle is put to the test.
        #expect(lengths.keys.filter { $0 >= 3 }.count >= 2, "\(lengths)")
    }

    /// Along one direction of the edges, from memory and from SQL alike, a path is as long as a
    /// search from its source alone finds it, follows every edge the walk's way, and is missing
    /// exactly where that search finds none.
    @Test func directedPathsAreAsShortAsASearchFromTheSourceAlone() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try RandomGraph.populate(fixture, seed: 4, entities: 40, edges: 120)
        try store.read { db in
            let head = try ChangeLog.edges.head(db)
            let adjacency = try Adjacency.load(namespace: store.namespace, through: head, db: db)
            let things = try Int64.fetchAll(db, sql: "SELECT id FROM entities ORDER BY id").map {
                EntityID($0)
            }
            var found = 0
            for direction in [EdgeDirection.outgoing, .incoming] {
                for source in things.prefix(10) {
                    for target in things.suffix(15) where target != source {
                        for memory in [adjacency, nil] {
                            let walker = GraphWalker(
                                db: db, adjacency: memory, slice: TimeSlice(), now: day(40), relations: nil,
                                direction: direction)
                            let path = try ShortestPath(walker: walker).between(source, target, maxDepth: 5)
                            #expect(path?.count == (try distance(from: source, to: target, by: walker)))
                            guard let path else { continue }
                            found += 1
                            #expect(path.first?.from == source && path.last?.to == target)
                            for (step, next) in zip(path, path.dropFirst()) { #expect(step.to == next.from) }
                            #expect(path.allSatisfy { $0.reversed == (direction == .incoming) })
                        }
                    }
                }
            }
            #expect(found > 50)
        }
    }

    /// The hops from `source` to `target` by a search from the source alone, up to 5.
    private func distance(from source: EntityID, to target: EntityID, by walker: GraphWalker) throws -> Int? {
        var seen: Set<EntityID> = [source]
        var frontier = [source]
        for hops in 1...5 where !frontier.isEmpty {
            var next: [EntityID] = []
            for step in try walker.steps(from: frontier) where seen.insert(step.to).inserted {
                if step.to == target { return hops }
                next.append(step.to)
            }
            frontier = next
        }
        return nil
    }
}
