import Foundation
import GRDB
import Testing

@testable import Memograph

@Suite struct ForgetTests {
    static let ontology = try! OntologyLoader.loadDefault()

    func populated() async throws -> StoreFixture {
        let fixture = try StoreFixture(rules: RelationRules(singleValued: []), ontology: Self.ontology)
        let store = fixture.store
        try store.upsertEntity(name: "Zoltan", type: "Person", aliases: ["Zed Bartok"])
        try store.upsertEntity(
            name: "Ada", type: "Person", summary: "Staff engineer; pairs with Zoltan on billing.")
        try await store.ingest(text: "Zoltan is on the platform team.", occurredAt: day(2))
        try await store.ingest(text: "Ada reports to Zoltan. Ada uses Vim.", occurredAt: day(3))
        try await store.ingest(text: "I prefer dark mode.", speaker: "Zoltan", occurredAt: day(4))
        try await store.ingest(text: "Zed Bartok maintains the billing service.", occurredAt: day(5))
        try await store.ingest(text: "@zoltan said hi", occurredAt: day(6))
        try await store.ingest(text: "Ada now reports to Lin.", occurredAt: day(7))
        try await store.ingest(text: "The api service listens on port 8080.", occurredAt: day(8))
        try await store.embedMissing(with: HashingEmbedder(dimension: 64))
        return fixture
    }

    @Test func forgettingAnEntityLeavesNoTraceInAnyTableIndexOrFileByte() async throws {
        let fixture = try await populated()
        let store = fixture.store
        let needles = ["zoltan", "bartok"]
        // The scan finds the names before: it can fail.
        #expect(
            try StoreScan.hits(path: fixture.path, needles: needles).contains("episodes.content"))

        let report = try store.forget("Person:Zoltan", vacuum: true)
        #expect(report.entities == 1)
        #expect(report.episodesDeleted == 1)  // "@zoltan said hi" was about nobody else
        #expect(report.edges == 4)
        #expect(report.vacuumed)
        #expect(try store.findEntities(named: "Zoltan").isEmpty)
        #expect(
            try store.episodes().map(\.content).sorted() == [
                "Ada now reports to Lin.", "Ada reports to [forgotten]. Ada uses Vim.", "I prefer dark mode.",
                "The api service listens on port 8080.", "[forgotten] is on the platform team.",
                "[forgotten] maintains the billing service.",
            ])
        #expect(
            try store.resolve("Person:Ada").summary == "Staff engineer; pairs with [forgotten] on billing.")
        #expect(
            try GraphDump.facts(store) == ["Ada reportsTo Lin", "Ada uses Vim", "api listensOnPort 8080"])
        // What was not about Zoltan keeps its history.
        #expect(try store.history(of: "Person:Ada", relation: "reportsTo").map(\.objectText) == ["Lin"])
        try store.close()
        let hits = try StoreScan.hits(path: fixture.path, needles: needles)
        #expect(hits == [])
    }

    @Test func forgettingANamespaceLeavesTheOthers() async throws {
        let fixture = try await populated()
        let other = try fixture.store.namespace("other")
        try await other.ingest(text: "Quentin maintains the ledger service.", occurredAt: day(2))
        let report = try fixture.store.forgetNamespace(vacuum: true)
        #expect(report.entities > 0)
        #expect(report.episodesDeleted == 7)
        #expect(try GraphDump.facts(other) == ["Quentin maintains ledger"])
        try fixture.store.close()
        let hits = try StoreScan.hits(path: fixture.path, needles: ["zoltan", "bartok", "vim", "8080"])
        #expect(hits == [])
        #expect(try StoreScan.hits(path: fixture.path, needles: ["quentin"]).contains("episodes.content"))
    }

    @Test func mergeMovesEdgesAndNamesAndRefusesDisjointTypes() async throws {
        let fixture = try StoreFixture(rules: RelationRules(singleValued: []), ontology: Self.ontology)
        let store = fixture.store
        let one = try await store.ingest(text: "Ada Lovelace is on the platform team.", occurredAt: day(2))
        let two = try await store.ingest(
            text: "@ada is on the platform team. @ada uses Vim.", occurredAt: day(3))
        #expect(try store.findEntities(named: "Ada Lovelace").count == 1)
        let loop = try store.relate("Person:ada", "knows", "Ada Lovelace").edgeID
        let merged = try store.merge("Ada Lovelace", "Person:ada")
        #expect(merged.aliases == ["@ada", "ada"])
        #expect(try GraphDump.facts(store) == ["Ada Lovelace memberOf platform", "Ada Lovelace uses Vim"])
        // The fact between the two would be a loop: withdrawn, kept in history.
        let withdrawn = try store.history(of: "Ada Lovelace", relation: "knows")
        #expect(withdrawn.map(\.edge.id) == [loop])
        #expect(withdrawn.first?.edge.end == .withdrawn)
        #expect(
            try store.facts(about: "Ada Lovelace", relation: "memberOf").first?.sources == [
                one.episode.id, two.episode.id,
            ])
        try store.upsertEntity(name: "helper", type: "Agent")
        #expect(throws: MemographError.self) { try store.merge("Ada Lovelace", "Agent:helper") }
    }

    @Test func mergeRewritesOnlyTheMovedFactsThatSpellTheirSubjectsName() throws {
        let fixture = try StoreFixture(rules: RelationRules(singleValued: []), ontology: Self.ontology)
        let store = fixture.store
        let hub = try (0..<30).map { index in
            try store.relate(
                "Person:Ada Lovelace", "knows", .name("friend \(index)", type: "Person"),
                fact: index.isMultiple(of: 2) ? "Ada met friend \(index) at a salon." : nil
            ).edgeID
        }
        let own = try store.relate("Person:Ada Lovelace", "hasRole", value: "mathematician").edgeID
        let moved = try store.relate("Person:Countess", "hasEmail", value: "countess@example.org").edgeID
        let incoming = try store.relate("Person:Babbage", "knows", "Person:Countess").edgeID
        let told = try store.relate(
            "Person:Countess", "owns", "Analytical Engine", fact: "The Countess owns the engine's plans."
        ).edgeID
        let logged = {
            try store.read { db in try Int64.fetchOne(db, sql: "SELECT max(seq) FROM edge_log") ?? 0 }
        }
        let before = try logged()
        let rewrites = {
            try store.read { db in
                try Int.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = 'rewrites:search_facts'")
                    ?? 0
            }
        }
        let rewritesBefore = try rewrites()

        try store.merge("Person:Ada Lovelace", "Person:Countess")

        let rewritten = try store.read { db in
            try Set(
                Int64.fetchAll(db, sql: "SELECT edge_id FROM edge_log WHERE seq > ?", arguments: [before]))
        }
        #expect(rewritten == [moved.rawValue, incoming.rawValue, told.rawValue])
        #expect(rewritten.isDisjoint(with: (hub + [own]).map(\.rawValue)))
        #expect(try rewrites() == rewritesBefore + 1)
        let text = { (edge: EdgeID) in
            try store.read { db in
                try String.fetchOne(
                    db, sql: "SELECT text FROM search_facts WHERE rowid = ?", arguments: [edge.rawValue])
            }
        }
        #expect(try text(moved) == "Ada Lovelace hasEmail countess@example.org")
        #expect(try text(own) == "Ada Lovelace hasRole mathematician")
        #expect(try text(hub[0]) == "Ada met friend 0 at a salon.")
        #expect(try text(told) == "The Countess owns the engine's plans.")
        let found = try store.search(
            "Lovelace email countess", vector: nil, options: SearchOptions(limit: 3, depth: 0))
        #expect(found.facts.first?.item.edge.id == moved)
    }
}
