import Foundation
import GRDB
import MemographTestSupport
import Testing

@testable import Memograph

/// The in-memory entity table must be the entities the store holds: after every kind of write to
/// entities and their aliases, the one kept current from the entity log equals one loaded afresh.
@Suite struct EntityTableTests {
    @Test func everyKindOfEntityWriteReachesTheHeldTableThroughTheLog() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.relate("Person:Ada", "memberOf", "Team:platform")
        try store.relate("Person:Grace", "knows", "Person:Ada")
        let (first, _) = try store.entityTables.cachedAndFresh(store)
        let before = try #require(first)
        #expect(before.count == 3)
        let writes: [(String, () throws -> Void)] = [
            ("new entity", { _ = try store.upsertEntity(name: "billing", type: "Service") }),
            (
                "summary and attributes",
                {
                    _ = try store.upsertEntity(
                        name: "Ada", type: "Person", summary: "leads", attributes: ["a": "1"])
                }
            ),
            ("aliases", { try store.addAliases(["Countess", "AAL"], to: "Person:Ada") }),
            ("created by a fact", { try store.relate("Person:Linus", "knows", "Person:Grace") }),
            ("merge", { _ = try store.merge("Person:Ada", "Person:Linus") }),
            ("split", { _ = try store.split("Person:Ada", into: "Person:Augusta", aliases: ["AAL"]) }),
            ("forget", { _ = try store.forget("Person:Grace") }),
            (
                "other namespace",
                { _ = try store.namespace("other").upsertEntity(name: "Eve", type: "Person") }
            ),
        ]
        for (name, write) in writes {
            try write()
            let (cached, fresh) = try store.entityTables.cachedAndFresh(store)
            #expect(cached == fresh, "after \(name)")
        }
        let ada = try store.resolve("Person:Ada")
        let (cached, _) = try store.entityTables.cachedAndFresh(store)
        let held = try #require(cached?[ada.id])
        #expect(held == ada)
        #expect(held.summary == "leads" && held.aliases.contains("Countess") && !held.aliases.contains("AAL"))
        #expect(cached?[try store.resolve("Person:Augusta").id]?.aliases == ["AAL"])
        #expect(cached?.count == 4)
        #expect(cached != before)
    }

    /// Two writes the list above does not make: ingestion giving a `Thing` the more specific type
    /// a sentence shows, and forgetting dropping another entity's alias that spells the name.
    @Test func aRefinedTypeAndARedactedAliasReachTheHeldTable() async throws {
        let fixture = try StoreFixture(rules: RelationRules(singleValued: []), ontology: ForgetTests.ontology)
        let store = fixture.store
        let hopper = try store.upsertEntity(name: "Hopper", type: "Thing").id
        let ada = try store.upsertEntity(name: "Ada", type: "Person", aliases: ["Grace's friend", "AAL"]).id
        try store.upsertEntity(name: "Grace", type: "Person")
        #expect(try store.entityTables.cachedAndFresh(store).cached?[hopper]?.type == "Thing")

        try await store.ingest(text: "Hopper is on the platform team.", occurredAt: day(2))
        var (cached, fresh) = try store.entityTables.cachedAndFresh(store)
        #expect(cached == fresh)
        #expect(cached?[hopper]?.type == "Person")

        try store.forget("Person:Grace")
        (cached, fresh) = try store.entityTables.cachedAndFresh(store)
        #expect(cached == fresh)
        #expect(cached?[ada]?.aliases == ["AAL"])
    }

    /// More writes than a catch-up takes (over 1,024 entries, a quarter of the table) take the
    /// reload path, which must give the same table.
    @Test func aTableManyWritesBehindIsTheStoresAfterward() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        _ = try store.upsertEntity(name: "Ada", type: "Person")
        _ = try store.entityTables.cachedAndFresh(store)
        for start in stride(from: 0, to: 1_500, by: 500) {
            _ = try store.upsertEntities((start..<start + 500).map { (name: "e\($0)", type: "Thing") })
        }
        let (cached, fresh) = try store.entityTables.cachedAndFresh(store)
        #expect(cached == fresh)
        #expect(fresh.count == 1_501)
    }

    /// A store made before the entity log (v13) gets it, and the edge log's trigger that follows
    /// every column, when it is opened: existing entities load, and a fact's new text is logged.
    @Test func aStoreFromBeforeTheEntityLogGetsItWhenOpened() throws {
        let directory = try ScratchDirectory.make("memograph")
        let path = directory.appendingPathComponent("old.sqlite").path
        let old = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(old, upTo: "v13-episode-roles")
        try old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO entities (id, namespace, type, name, normalized_name, created_at, updated_at)
                    VALUES (1, 'default', 'Person', 'Ada', 'ada', 0, 0), (2, 'default', 'Team', 'platform', 'platform', 0, 0);
                    INSERT INTO aliases (entity_id, namespace, alias, normalized_alias) VALUES (1, 'default', 'Countess', 'countess');
                    INSERT INTO edges (id, namespace, subject_id, relation, object_id, fact, valid_from, recorded_at)
                    VALUES (1, 'default', 1, 'memberOf', 2, 'Ada is on platform', 0, 0);
                    """)
        }
        try old.close()
        let store = try GraphStore(path: path)
        let (cached, fresh) = try store.entityTables.cachedAndFresh(store)
        #expect(cached == fresh && cached?[EntityID(1)]?.aliases == ["Countess"])
        let logged = try store.read { db in try ChangeLog.edges.head(db) }
        try store.database.write { db in
            try db.execute(sql: "UPDATE edges SET fact = 'Ada leads platform' WHERE id = 1")
        }
        #expect(try store.read { db in try ChangeLog.edges.head(db) } > logged)
        try store.addAliases(["AAL"], to: EntityReference.id(EntityID(1)))
        #expect(
            try store.entityTables.cachedAndFresh(store).cached?[EntityID(1)]?.aliases == ["AAL", "Countess"])
    }
}
