import Foundation
import GRDB
import Memograph
import Testing

@Suite struct SplitTests {
    /// Two people called Jordan that ingestion took for one: the design Jordan reports to Zoltan
    /// and uses Figma; the sales Jordan (episode 2) reports to Lin, which closed the first fact.
    func conflated() async throws -> (StoreFixture, sales: EpisodeID) {
        let fixture = try StoreFixture(ontology: ForgetTests.ontology)
        let store = fixture.store
        try store.upsertEntity(name: "Jordan", type: "Person", aliases: ["Jordan S."])
        try await store.ingest(text: "Jordan reports to Zoltan.", occurredAt: day(2))
        let sales = try await store.ingest(text: "Jordan reports to Lin.", occurredAt: day(3))
        try await store.ingest(text: "Jordan uses Figma.", occurredAt: day(4))
        return (fixture, sales.episode.id)
    }

    @Test func splittingByEpisodeMovesItsFactsMentionsAndAliasesAndRepairsTheTimeline() async throws {
        let (fixture, sales) = try await conflated()
        let store = fixture.store
        // The conflation is visible: Lin replaced Zoltan.
        #expect(try store.facts(about: "Jordan", relation: "reportsTo").map(\.objectText) == ["Lin"])

        let report = try store.split(
            "Person:Jordan", into: "Person:Jordan Smith", episodes: [sales], aliases: ["jordan s."])
        #expect(report.targetCreated)
        #expect(report.movedEdges.count == 1)
        #expect(report.movedAliases == ["Jordan S."])
        #expect(report.entity.aliases.isEmpty)
        #expect(report.target.aliases == ["Jordan S."])
        #expect(
            try GraphDump.facts(store) == [
                "Jordan Smith reportsTo Lin", "Jordan reportsTo Zoltan", "Jordan uses Figma",
            ])
        // The withdrawn version stays in Jordan's history; the new edge keeps its provenance.
        let history = try store.history(of: "Person:Jordan", relation: "reportsTo")
        #expect(history.map(\.objectText) == ["Zoltan", "Lin"])
        #expect(history.map(\.edge.end) == [nil, .withdrawn])
        let moved = try store.fact(report.movedEdges[0].to)
        #expect(moved.sources == [sales])
        #expect(moved.edge.validFrom == day(3))
        let mentioned = try await DatabaseQueue(path: store.path).read { db in
            try String.fetchAll(
                db,
                sql:
                    "SELECT e.name FROM mentions m JOIN entities e ON e.id = m.entity_id WHERE m.episode_id = ?",
                arguments: [sales.rawValue])
        }
        #expect(mentioned.sorted() == ["Jordan Smith", "Lin"])
    }

    @Test func splittingNamedEdgesOntoAnExistingEntity() async throws {
        let (fixture, _) = try await conflated()
        let store = fixture.store
        try store.upsertEntity(name: "Jordan Lee", type: "Person")
        let figma = try #require(try store.facts(about: "Jordan", relation: "uses").first)
        let report = try store.split("Person:Jordan", into: "Person:Jordan Lee", edges: [figma.edge.id])
        #expect(!report.targetCreated)
        #expect(try store.facts(about: "Jordan Lee").map(\.objectText) == ["Figma"])
        #expect(try store.facts(about: "Person:Jordan", relation: "uses").isEmpty)
    }

    @Test func badSplitsAreTypedErrorsThatChangeNothing() async throws {
        let (fixture, sales) = try await conflated()
        let store = fixture.store
        try store.upsertEntity(name: "Ada", type: "Person")
        let zoltanEdge = try #require(try store.history(of: "Person:Jordan", relation: "reportsTo").first)
        let before = try fixture.snapshot()
        let cases: [(String, () throws -> Void)] = [
            (
                "is Person:Jordan itself",
                { try store.split("Person:Jordan", into: "Jordan", episodes: [sales]) }
            ),
            ("nothing would move", { try store.split("Person:Jordan", into: "Person:Jordan Smith") }),
            (
                "is not an alias of Person:Jordan",
                { try store.split("Person:Jordan", into: "Person:Jordan Smith", aliases: ["JJ"]) }
            ),
            (
                "does not touch entity",
                { try store.split("Person:Ada", into: "Person:Ada Two", edges: [zoltanEdge.edge.id]) }
            ),
            (
                "does not mention entity",
                { try store.split("Person:Ada", into: "Person:Ada Two", episodes: [sales]) }
            ),
        ]
        for (reason, call) in cases {
            do {
                try call()
                Issue.record("expected an error containing '\(reason)'")
            } catch let error as MemographError {
                #expect("\(error)".contains(reason), "\(error)")
            }
        }
        #expect(throws: MemographError.unknownEntity("Person:Nobody")) {
            try store.split("Person:Nobody", into: "Person:Jordan Smith", episodes: [sales])
        }
        #expect(try fixture.snapshot() == before)
    }
}
