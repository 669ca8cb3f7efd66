import Foundation
import GRDB
import MemographTestSupport
import Testing

@testable import Memograph

/// Vectors are rows of a rowid table (migration v12): two MiniLM-sized vectors a page, where the
/// WITHOUT ROWID table of v3 gave each one an overflow page besides.
@Suite struct EmbeddingTableTests {
    let embedder = HashingEmbedder(dimension: 384)

    private func pages(_ path: String, _ name: String) throws -> Int {
        try DatabaseQueue(path: path).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM dbstat WHERE name = ?", arguments: [name]) ?? 0
        }
    }

    @Test func vectorsOfMiniLMSizeTakeHalfAPageEach() async throws {
        let fixture = try StoreFixture()
        try fixture.store.relate(
            (0..<100).map {
                Assertion(
                    EntityReference(parsing: "Person:p\($0)"), "uses",
                    .entity(EntityReference(parsing: "Tool:t\($0)")))
            })
        let report = try await fixture.store.embedMissing(with: embedder)
        let vectors = report.entities + report.edges
        #expect(vectors == 300)
        #expect(try pages(fixture.path, "embeddings") <= vectors / 2 + 5)
    }

    @Test func aStoreFromBeforeTheRowidTableKeepsItsVectorsAndTheirTriggers() async throws {
        let directory = try ScratchDirectory.make("memograph")
        let path = directory.appendingPathComponent("old.sqlite").path
        let old = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(old, upTo: "v11-embedding-queue")
        let ada = embedder.vector("Ada (Person)")
        try await old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO entities (id, namespace, type, name, normalized_name, created_at, updated_at)
                    VALUES (1, 'default', 'Person', 'Ada', 'ada', 0, 0), (2, 'default', 'Tool', 'vim', 'vim', 0, 0);
                    INSERT INTO store_info (key, value) VALUES ('embedding_model', '\(embedder.modelIdentity)');
                    """)
            try db.execute(
                sql: "INSERT INTO embeddings VALUES ('entity', 1, 'default', ?, ?)",
                arguments: [embedder.modelIdentity, VectorCoding.encode(ada)])
        }
        try old.close()
        let before = try pages(path, "embeddings")

        let store = try GraphStore(path: path)
        #expect(try store.vector(for: .entity(EntityID(1))) == ada)
        #expect(try pages(path, "embeddings") == 1 && before == 2)
        let found = try store.search("vim", vector: QueryVector(values: ada, model: embedder.modelIdentity))
        #expect(found.entities.map(\.item.name).contains("Ada"))
        // The log and the queue still follow every vector written, replaced or deleted.
        let report = try await store.embedMissing(with: embedder)
        #expect([report.entities, report.edges, report.episodes] as [Int] == [1, 0, 0])
        try store.upsertEntity(name: "Ada", type: "Person", summary: "Writes compilers")
        #expect(try store.vector(for: .entity(EntityID(1))) == nil)
        try await store.embedMissing(with: embedder)
        #expect(
            try store.vector(for: .entity(EntityID(1))) == embedder.vector("Ada (Person): Writes compilers"))
        let search = try store.search(
            "compilers",
            vector: QueryVector(values: embedder.vector("Writes compilers"), model: embedder.modelIdentity))
        #expect(search.entities.first?.item.name == "Ada")
        let logged = try await DatabaseQueue(path: path).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM embedding_log") ?? 0
        }
        #expect(logged == 4)
    }
}
