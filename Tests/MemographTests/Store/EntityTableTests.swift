import Foundation
import GRDB
import Testing

@testable import Memograph

/// The in-memory entity table must be the entities the store holds: after every kind of write to
/// entities and their aliases, the one kept current from the entity log equals one loaded afresh.
@Suite struct EntityTableTests {
    /// The cache's table and a fresh load, both as one snapshot sees them.
    private func cachedAndFresh(_ store: GraphStore) throws -> (cached: EntityTable?, fresh: EntityTable) {
        try store.read { db in
            let cached = try store.entityTables.value(namespace: store.namespace, db: db)
            let head = try ChangeLog.entities.head(db)
            return (cached, try EntityTable.load(namespace: store.namespace, through: head, db: db))
        }
    }

    @Test func everyKindOfEntityWriteReachesTheHeldTableThroughTheLog() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.relate("Person:Ada", "memberOf", "Team:platform")
        try store.relate("Person:Grace", "knows", "Person:Ada")
        let (first, _) = try cachedAndFresh(store)
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
            ("forget", { _ = try store.forget("Person:Grace") }),
            (
                "other namespace",
                { _ = try store.namespace("other").upsertEntity(name: "Eve", type: "Person") }
            ),
        ]
        for (name, write) in writes {
            try write()
            let (cached, fresh) = try cachedAndFresh(store)
            #expect(cached == fresh, "after \(name)")
        }
        let ada = try store.resolve("Person:Ada")
        let (cached, _) = try cachedAndFresh(store)
        let held = try #require(cached?[ada.id])
        #expect(held == ada)
        #expect(held.summary == "leads" && held.aliases.contains("Countess"))
        #expect(cached?.count == 3)
        #expect(cached != before)
    }

    @Test func aTableFarBehindTheLogIsLoadedAfresh() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        _ = try store.upsertEntity(name: "Ada", type: "Person")
        _ = try cachedAndFresh(store)
        for start in stride(from: 0, to: 1_500, by: 500) {
            _ = try store.upsertEntities((start..<start + 500).map { (name: "e\($0)", type: "Thing") })
        }
        let (cached, fresh) = try cachedAndFresh(store)
        #expect(cached == fresh)
        #expect(fresh.count == 1_501)
    }
}
