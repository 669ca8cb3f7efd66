import Foundation
import GRDB
import Testing

@testable import Memograph

/// The in-memory adjacency must be the graph the store holds: after every kind of write, the one
/// kept current from the edge log equals one loaded afresh, and search walks the same graph from
/// memory as from SQL.
@Suite struct AdjacencyCacheTests {
    /// A small graph with every kind of edge a walk meets: open, superseded, ended, literal, and
    /// one in another namespace.
    private func populated() throws -> (StoreFixture, [EdgeID]) {
        let fixture = try StoreFixture()
        let store = fixture.store
        var edges: [EdgeID] = []
        // Each fact is recorded on the day it starts, so that known-at reads see the graph grow.
        func recorded(_ day: Date, _ write: () throws -> RelateOutcome) throws {
            fixture.clock.set(day)
            edges.append(try write().edgeID)
        }
        try recorded(day(1)) {
            try store.relate(
                Assertion(
                    "Person:Ada", "memberOf", .entity("Team:platform"), validFrom: day(1),
                    fact: "Ada joined platform with Linus", confidence: 0.8))
        }
        try recorded(day(2)) {
            try store.relate("Team:platform", "maintains", "Service:billing", validFrom: day(2))
        }
        try recorded(day(3)) {
            try store.relate("Service:billing", "dependsOn", "Tool:postgres", validFrom: day(3))
        }
        try recorded(day(4)) {
            try store.relate("Service:billing", "listensOnPort", value: "8080", validFrom: day(4))
        }
        try recorded(day(9)) {
            try store.relate("Service:billing", "listensOnPort", value: "9090", validFrom: day(9))
        }
        try recorded(day(5)) { try store.relate("Person:Grace", "knows", "Person:Ada", validFrom: day(5)) }
        fixture.clock.set(day(8))
        try store.retract(edges[5], at: day(7))
        try store.namespace("other").relate("Person:Ada", "knows", "Person:Eve", validFrom: day(1))
        fixture.clock.set(day(60))
        return (fixture, edges)
    }

    @Test func theFirstRequestIsDeclinedAndTheSecondLoadsTheNamespace() throws {
        let (fixture, edges) = try populated()
        #expect(try fixture.store.adjacencies.cachedAndFresh(fixture.store).cached == nil)
        let (cached, fresh) = try fixture.store.adjacencies.cachedAndFresh(fixture.store)
        #expect(cached == fresh)
        #expect(Set(try #require(cached).edgeIDs) == Set(edges.map(\.rawValue)))
        let billing = try fixture.store.resolve("Service:billing").id
        let adjacency = try #require(cached)
        let now = StoreTime.encode(day(60))
        var current: [Adjacency.Hop] = []
        adjacency.appendNewest(10, of: billing, outgoing: true, at: (now, now), to: &current)
        // The superseded port is out of the current view; the other two, oldest first.
        #expect(current.map(\.edge) == [edges[2].rawValue, edges[4].rawValue])
        #expect(current.map { adjacency.relationName($0.relation) } == ["dependsOn", "listensOnPort"])
        #expect(current[0].to == (try fixture.store.resolve("Tool:postgres").id) && current[1].to == nil)
        // A cut keeps the newest, appended after what the list held; from the far end, the subject.
        adjacency.appendNewest(1, of: billing, outgoing: true, at: (now, now), to: &current)
        adjacency.appendNewest(10, of: billing, outgoing: false, at: (now, now), to: &current)
        #expect(current.map(\.edge) == [edges[2], edges[4], edges[4], edges[1]].map(\.rawValue))
        #expect(current[3].to == (try fixture.store.resolve("Team:platform").id))
        // Without instants, closed edges count too: the timeline.
        var timeline: [Adjacency.Hop] = []
        adjacency.appendNewest(10, of: billing, outgoing: true, at: nil, to: &timeline)
        #expect(timeline.map(\.edge) == [edges[2], edges[3], edges[4]].map(\.rawValue))
        #expect(adjacency.lifetime(of: edges[3].rawValue)?.isVisible(event: now, system: now) == false)
        #expect(adjacency.lifetime(of: edges[4].rawValue)?.isVisible(event: now, system: now) == true)
    }

    @Test func everyKindOfWriteReachesTheHeldAdjacencyThroughTheLog() throws {
        let (fixture, edges) = try populated()
        let store = fixture.store
        _ = try store.adjacencies.cachedAndFresh(store)
        let before = try #require(try store.adjacencies.cachedAndFresh(store).cached)
        try store.relate("Person:Linus", "knows", "Person:Grace")
        let episode = try store.addEpisode("Ada now works on search")
        let writes: [(String, () throws -> Void)] = [
            ("insert", { try store.relate("Person:Ada", "worksOn", "Project:search", source: episode.id) }),
            (
                "supersede",
                { try store.relate("Service:billing", "listensOnPort", value: "7070", validFrom: day(20)) }
            ),
            ("retract", { try store.retract(edges[2], at: day(30)) }),
            ("purge", { try store.purge(edges[1]) }),
            ("withdraw", { _ = try store.deleteEpisode(episode.id) }),
            ("other namespace", { try store.namespace("other").relate("Person:Eve", "knows", "Person:Ada") }),
            // Writes v9's trigger did not log: a fact's text, its attributes.
            ("redact", { _ = try store.forget("Person:Linus") }),
            (
                "attributes",
                {
                    try store.database.write { db in
                        try db.execute(
                            sql: "UPDATE edges SET attributes = '{\"source\":\"hr\"}' WHERE id = ?",
                            arguments: [edges[0].rawValue])
                    }
                }
            ),
        ]
        for (name, write) in writes {
            try write()
            let (cached, fresh) = try store.adjacencies.cachedAndFresh(store)
            #expect(cached == fresh, "after \(name)")
        }
        // The same writes applied in one step to the adjacency held before them.
        let caughtUp = try store.read { db in
            let head = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM edge_log") ?? 0
            let changed = try Set(
                Int64.fetchAll(
                    db, sql: "SELECT edge_id FROM edge_log WHERE seq > ?", arguments: [before.through]))
            var adjacency = before
            try adjacency.apply(changed: changed, through: head, namespace: store.namespace, db: db)
            return adjacency
        }
        #expect(caughtUp == (try store.adjacencies.cachedAndFresh(store).fresh))
        #expect(caughtUp != before)
        let edge = try #require(
            try store.adjacencies.cachedAndFresh(store).cached?.edge(edges[0].rawValue, namespace: "default"))
        #expect(edge.fact?.contains("Linus") == false && edge.attributes == ["source": "hr"])
    }

    /// Every edge the adjacency holds is the edge a row read gives, text and bookkeeping too:
    /// superseded, retracted, literal, with a fact, a confidence and attributes.
    @Test func edgesFromMemoryAreTheEdgesInTheStore() throws {
        let (fixture, edges) = try populated()
        let store = fixture.store
        try store.database.write { db in
            try db.execute(
                sql: "UPDATE edges SET attributes = '{\"k\":\"v\"}' WHERE id = ?",
                arguments: [edges[0].rawValue])
        }
        try RandomGraph.populate(fixture, seed: 9)
        try store.read { db in
            let adjacency = try Adjacency.load(
                namespace: store.namespace, through: ChangeLog.edges.head(db), db: db)
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM edges WHERE namespace = ?", arguments: ["default"])
            let read = try RowDecoding.edges(ids: ids, namespace: store.namespace, db: db)
            #expect(ids.count > 200 && read.count == ids.count)
            for id in ids { #expect(adjacency.edge(id, namespace: store.namespace) == read[id], "\(id)") }
            #expect(read.values.contains { $0.end == .superseded && $0.supersededBy != nil })
            #expect(read.values.contains { $0.fact != nil && $0.confidence == 0.8 && !$0.attributes.isEmpty })
            #expect(read.values.contains { $0.object.entityID == nil && $0.expiresAt == nil })
            #expect(read.values.contains { $0.expiresAt != nil })
            let other = try Int64.fetchOne(db, sql: "SELECT id FROM edges WHERE namespace = 'other'")
            #expect(adjacency.edge(try #require(other), namespace: store.namespace) == nil)
        }
    }

    @Test func anAdjacencyFarBehindTheLogIsLoadedAfresh() throws {
        let (fixture, _) = try populated()
        let store = fixture.store
        _ = try store.adjacencies.cachedAndFresh(store)
        _ = try store.adjacencies.cachedAndFresh(store)
        // A real write, then more log entries than writers keep, as a long run of writes would
        // leave (naming an edge that does not exist): the write's own entry is pruned.
        try store.relate("Person:Ada", "knows", "Person:Linus")
        try store.database.write { db in
            try db.execute(
                sql: """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                    INSERT INTO edge_log (edge_id) SELECT -1 FROM n
                    """, arguments: [AdjacencyCache.retainedEntries + 8_192])
        }
        let (kept, linus) = try store.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM edge_log") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM edge_log WHERE edge_id > 0") ?? 0
            )
        }
        #expect(kept <= AdjacencyCache.retainedEntries + 4_096)
        #expect(linus == 0)
        let (cached, fresh) = try store.adjacencies.cachedAndFresh(store)
        #expect(cached == fresh)
    }

    @Test func searchWalksTheSameGraphFromMemoryAsFromTheStore() async throws {
        let (fixture, edges) = try populated()
        let warm = fixture.store
        let slices: [SearchOptions] = [
            SearchOptions(depth: 2, explain: true),
            SearchOptions(asOf: day(6), depth: 2, explain: true),
            SearchOptions(knownAt: day(6), depth: 2, explain: true),
            SearchOptions(around: "Tool:postgres", depth: 3, explain: true),
            SearchOptions(includeHistory: true, depth: 2, explain: true),
        ]
        /// The results of each slice, from memory and from the store alike.
        @discardableResult func compare(_ query: String, seeding: Bool = true) async throws -> [SearchResults]
        {
            var results: [SearchResults] = []
            for options in slices {
                // A store opened afresh declines the adjacency on its first search and walks SQL.
                let cold = try GraphStore(path: fixture.path, clock: { fixture.clock.now })
                defer { try? cold.close() }
                let fromStore = try await cold.search(query, options: options)
                _ = try await warm.search(query, options: options)
                let fromMemory = try await warm.search(query, options: options)
                #expect(fromMemory == fromStore, "\(query) \(options)")
                #expect(!seeding || !fromMemory.facts.isEmpty, "\(query) \(options)")
                results.append(fromMemory)
            }
            return results
        }
        try await compare("Ada")
        try await compare("billing")
        // The superseded port's own words seed it only in the slices that see it: as of day 6,
        // and with history. The retracted edge, which has no words of its own, is reached from
        // Grace where the slice sees it: before its end, as known before it was retracted, and in
        // the timeline, which walks closed edges too.
        let port = try await compare("8080", seeding: false).map { $0.facts.map(\.item.edge.id) }
        #expect(port.map { $0.contains(edges[3]) } == [false, true, true, false, true])
        let retracted = try await compare("Grace", seeding: false).map { $0.facts.map(\.item.edge.id) }
        #expect(retracted.map { $0.contains(edges[5]) } == [false, true, true, false, true])
        try warm.relate("Service:ledger", "dependsOn", "Tool:postgres")
        try warm.retract(edges[1], at: day(50))
        try await compare("Ada")
    }

    /// Walks from every entity of a random graph with closed edges, literals, self-loops and
    /// parallel edges take the same steps, in the same order, from memory as from SQL: in each
    /// direction, for a relation or all, in the current view and at earlier instants.
    @Test func walkersTakeTheSameStepsFromMemoryAsFromTheStore() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try RandomGraph.populate(fixture, seed: 7)
        try store.read { db in
            let head = try Int64.fetchOne(db, sql: "SELECT max(seq) FROM edge_log") ?? 0
            let adjacency = try Adjacency.load(namespace: store.namespace, through: head, db: db)
            let everyone = try Int64.fetchAll(db, sql: "SELECT id FROM entities ORDER BY id").map {
                EntityID($0)
            }
            let frontiers =
                [everyone, everyone.reversed(), Array(everyone.prefix(3))] + everyone.map { [$0] }
            let slices = [
                TimeSlice(), TimeSlice(asOf: day(12)), TimeSlice(knownAt: day(9)), TimeSlice(asOf: day(29)),
            ]
            var compared = 0
            for slice in slices {
                for direction in EdgeDirection.allCases {
                    for followed in [nil, ["knows"], ["memberOf", "dependsOn"]] {
                        func walker(_ adjacency: Adjacency?) -> GraphWalker {
                            GraphWalker(
                                db: db, adjacency: adjacency, slice: slice, now: day(40), relations: followed,
                                direction: direction)
                        }
                        for frontier in frontiers {
                            let fromStore = try walker(nil).steps(from: frontier)
                            let fromMemory = try walker(adjacency).steps(from: frontier)
                            #expect(fromMemory == fromStore, "\(slice) \(direction) \(followed ?? [])")
                            compared += fromStore.count
                        }
                    }
                }
            }
            // Enough steps that order and filters are put to the test, and closed edges that drop out.
            #expect(compared > 5_000)
            let all = try walker(db: db, adjacency: adjacency, slice: TimeSlice(), frontier: everyone)
            let earlier = try walker(
                db: db, adjacency: adjacency, slice: TimeSlice(asOf: day(12)), frontier: everyone)
            #expect(all.count > earlier.count && !Set(earlier).isSubset(of: Set(all)))
        }
    }

    private func walker(db: Database, adjacency: Adjacency, slice: TimeSlice, frontier: [EntityID]) throws
        -> [GraphWalker.Step]
    {
        try GraphWalker(
            db: db, adjacency: adjacency, slice: slice, now: day(40), relations: nil, direction: .both
        )
        .steps(from: frontier)
    }

    /// What a walk returns — entities with their aliases and attributes, edges whole — is the
    /// same from memory as from SQL, also after writes to entities and edges the held rows
    /// catch up with.
    @Test func neighboursAndPathsAreTheSameFromMemoryAsFromTheStore() throws {
        let (fixture, _) = try populated()
        let warm = fixture.store
        _ = try warm.neighbours(of: "Person:Ada")
        #expect(!warm.adjacencies.isHolding)
        let walks: [(String, (GraphStore) throws -> [Neighbour])] = [
            ("neighbours", { try $0.neighbours(of: "Person:Ada", depth: 3) }),
            ("incoming", { try $0.neighbours(of: "Service:billing", direction: .incoming, depth: 2) }),
            ("relation", { try $0.neighbours(of: "Person:Ada", relation: "memberOf", depth: 2) }),
            ("as of", { try $0.neighbours(of: "Person:Grace", depth: 3, asOf: day(6)) }),
            ("known at", { try $0.neighbours(of: "Tool:postgres", depth: 4, knownAt: day(6)) }),
        ]
        let paths: [(String, (GraphStore) throws -> [PathStep]?)] = [
            ("path", { try $0.path(from: "Person:Grace", to: "Tool:postgres", asOf: day(6)) }),
            ("no path now", { try $0.path(from: "Person:Grace", to: "Tool:postgres") }),
        ]
        func compare() throws {
            // A store opened afresh declines the adjacency on its first walk and queries SQL.
            func cold<T>(_ query: (GraphStore) throws -> T) throws -> T {
                let cold = try GraphStore(path: fixture.path, clock: { fixture.clock.now })
                defer { try? cold.close() }
                return try query(cold)
            }
            for (name, walk) in walks {
                let fromStore = try cold(walk)
                #expect(try walk(warm) == fromStore, "\(name)")
                #expect(!fromStore.isEmpty, "\(name)")
            }
            for (name, path) in paths {
                let fromStore = try cold(path)
                #expect(try path(warm) == fromStore, "\(name)")
                #expect((fromStore == nil) == (name == "no path now"), "\(name)")
            }
        }
        try compare()
        // The warm store's first walk above loaded the adjacency and the entity table.
        #expect(warm.adjacencies.isHolding && warm.entityTables.isHolding)
        _ = try warm.upsertEntity(
            name: "postgres", type: "Tool", summary: "the database", aliases: ["pg"],
            attributes: ["a": "1", "b": "2"])
        try warm.addAliases(["Countess"], to: "Person:Ada")
        try warm.relate(
            Assertion(
                "Person:Ada", "maintains", .entity("Service:billing"), fact: "Ada keeps billing running"))
        try compare()
        let ada = try warm.neighbours(of: "Tool:postgres", depth: 3).first { $0.entity.name == "Ada" }
        #expect(ada?.entity.aliases == ["Countess"])
    }

    /// An import into a store that holds its rows in memory reaches them through the logs:
    /// entities and aliases inserted, edges inserted and then linked to their successors.
    @Test func anImportReachesTheHeldRows() throws {
        let (source, _) = try populated()
        try source.store.addAliases(["Countess"], to: "Person:Ada")
        let file = source.directory.appendingPathComponent("graph.jsonl")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let output = try FileHandle(forWritingTo: file)
        _ = try source.store.exportJSONL(to: output)
        try output.close()

        let fixture = try StoreFixture()
        let store = fixture.store
        try store.relate("Person:Linus", "knows", "Person:Ken")
        _ = try store.neighbours(of: "Person:Linus")
        _ = try store.neighbours(of: "Person:Linus")
        #expect(store.adjacencies.isHolding && store.entityTables.isHolding)
        let summary = try store.importJSONL(from: file.path)
        #expect(summary.edges > 5)
        let (cached, fresh) = try store.adjacencies.cachedAndFresh(store)
        #expect(cached == fresh)
        let (table, freshTable) = try store.entityTables.cachedAndFresh(store)
        #expect(table == freshTable && table?.count == 7)
        // The port the import superseded is linked to its successor in memory as in the row.
        let ports = try store.history(of: "Service:billing", relation: "listensOnPort").map(\.edge)
        let first = try #require(ports.first)
        #expect(first.supersededBy != nil)
        #expect(cached?.edge(first.id.rawValue, namespace: store.namespace) == first)
    }
}
