import Foundation
import GRDB
import MemographTestSupport
import Testing

@testable import Memograph

/// The queue and the rows above each kind's mark are exactly the rows without a vector, whatever
/// wrote them, so that `embedMissing` reads those instead of every row of the store.
@Suite struct EmbeddingQueueTests {
    let embedder = HashingEmbedder(dimension: 32)
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    /// The rows of every namespace without a vector, found the slow way: every row probed.
    private static let unembedded = """
        SELECT 'entity', id, namespace FROM entities x WHERE NOT EXISTS (
            SELECT 1 FROM embeddings m WHERE m.owner_kind = 'entity' AND m.owner_id = x.id)
        UNION ALL SELECT 'edge', id, namespace FROM edges x WHERE NOT EXISTS (
            SELECT 1 FROM embeddings m WHERE m.owner_kind = 'edge' AND m.owner_id = x.id)
        UNION ALL SELECT 'episode', id, namespace FROM episodes x WHERE NOT EXISTS (
            SELECT 1 FROM embeddings m WHERE m.owner_kind = 'episode' AND m.owner_id = x.id)
        """

    /// Rows above their kind's mark without a vector: those the next sweep queues.
    private static let aboveMarks = """
        SELECT 'entity', id, namespace FROM entities x WHERE x.id > (
            SELECT CAST(value AS INTEGER) FROM store_info WHERE key = 'embedding_mark:entity') AND NOT EXISTS (
            SELECT 1 FROM embeddings m WHERE m.owner_kind = 'entity' AND m.owner_id = x.id)
        UNION ALL SELECT 'edge', id, namespace FROM edges x WHERE x.id > (
            SELECT CAST(value AS INTEGER) FROM store_info WHERE key = 'embedding_mark:edge') AND NOT EXISTS (
            SELECT 1 FROM embeddings m WHERE m.owner_kind = 'edge' AND m.owner_id = x.id)
        UNION ALL SELECT 'episode', id, namespace FROM episodes x WHERE x.id > (
            SELECT CAST(value AS INTEGER) FROM store_info WHERE key = 'embedding_mark:episode') AND NOT EXISTS (
            SELECT 1 FROM embeddings m WHERE m.owner_kind = 'episode' AND m.owner_id = x.id)
        """

    private struct Owner: Hashable, CustomStringConvertible {
        var kind: String
        var id: Int64
        var namespace: String
        var description: String { "\(namespace)/\(kind) \(id)" }
    }

    private func owners(_ path: String, _ sql: String) throws -> Set<Owner> {
        try DatabaseQueue(path: path).read { db in
            Set(try Row.fetchAll(db, sql: sql).map { Owner(kind: $0[0], id: $0[1], namespace: $0[2]) })
        }
    }

    private func expectQueueExact(_ fixture: StoreFixture, _ moment: String) throws {
        let queued = try owners(fixture.path, "SELECT owner_kind, owner_id, namespace FROM embedding_queue")
        let pending = queued.union(try owners(fixture.path, Self.aboveMarks))
        let missing = try owners(fixture.path, Self.unembedded)
        #expect(
            queued.isSubset(of: missing) && pending == missing,
            "after \(moment): pending but embedded \(pending.subtracting(missing)), missing but not pending \(missing.subtracting(pending))"
        )
    }

    @Test func everyKindOfWriteKeepsTheQueueExact() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let other = try store.namespace("other")
        try expectQueueExact(fixture, "opening")

        let first = try store.addEpisode("Ada moved the api to Go", role: "Lin", occurredAt: start)
        let ada = try store.relate("Person:Ada", "maintains", "Service:api", source: first.id)
        try store.relate("Service:api", "listensOnPort", value: "8080")
        try other.relate("Person:Bo", "uses", "Tool:vim")
        try expectQueueExact(fixture, "the first writes")
        try await store.embedMissing(with: embedder)
        try expectQueueExact(fixture, "embedding one namespace")
        #expect(try owners(fixture.path, Self.unembedded).map(\.namespace) == ["other", "other", "other"])

        // A turn before the first one drops the first one's vector (it is read after the new turn).
        let question = try store.addEpisode("what did Ada do?", role: "Bo", occurredAt: start - 5)
        try store.relate("Service:api", "listensOnPort", value: "9090")
        try store.upsertEntity(name: "Ada", type: "Person", summary: "Maintains the api")
        try expectQueueExact(fixture, "an earlier turn, a superseding value and a new summary")
        #expect(try store.vector(for: .episode(first.id)) == nil)
        #expect(try store.vector(for: .entity(store.resolve("Person:Ada").id)) == nil)

        try await store.embedMissing(with: embedder)
        try store.purge(ada.edgeID)
        try store.relate("Person:Ada Lovelace", "knows", "Person:Lin")
        try store.merge("Person:Ada", "Person:Ada Lovelace")
        try expectQueueExact(fixture, "a purge and a merge")
        try store.deleteEpisode(first.id)
        try expectQueueExact(fixture, "deleting an episode")
        try await other.embedMissing(with: embedder)
        try other.forget("Person:Bo")
        try expectQueueExact(fixture, "forgetting an entity")

        try await store.reembed(with: HashingEmbedder(dimension: 48))
        try expectQueueExact(fixture, "re-embedding with another model")
        let remaining = try owners(fixture.path, Self.unembedded)
        #expect(!remaining.isEmpty && remaining.allSatisfy { $0.namespace == "other" })
        let note = try store.addEpisode("a note")
        try await DatabaseQueue(path: fixture.path).write { db in
            try db.execute(
                sql: "UPDATE embeddings SET owner_id = ? WHERE owner_kind = 'episode' AND owner_id = ?",
                arguments: [note.id.rawValue, question.id.rawValue])
        }
        try expectQueueExact(fixture, "moving a vector to another owner")
        #expect(try store.vector(for: .episode(question.id)) == nil)
    }

    @Test func aChangedEntityOrFactIsEmbeddedAgainFromItsNewText() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let fact = try store.relate("Person:Ada", "uses", "Tool:vim")
        try await store.embedMissing(with: embedder)
        try store.upsertEntity(name: "Ada", type: "Person", summary: "Writes the compiler")
        try store.upsertEntity(name: "vim", type: "Tool", summary: nil)

        let report = try await store.embedMissing(with: embedder)
        #expect([report.entities, report.edges, report.episodes] as [Int] == [1, 0, 0])
        let ada = try store.resolve("Person:Ada")
        #expect(
            try store.vector(for: .entity(ada.id)) == embedder.vector("Ada (Person): Writes the compiler"))

        // A fact without a sentence is read as its ends' names: merging one end rewrites it.
        try store.relate("Person:Ada L.", "knows", "Person:Lin")
        try await store.embedMissing(with: embedder)
        try store.merge("Person:Ada", "Person:Ada L.")
        let again = try await store.embedMissing(with: embedder)
        #expect(again.edges == 1)
        let knows = try #require(try store.facts(about: "Person:Ada", relation: "knows").first)
        #expect(try store.vector(for: .edge(knows.edge.id)) == embedder.vector("Ada knows Lin"))
        #expect(try store.vector(for: .edge(fact.edgeID)) == embedder.vector("Ada uses vim"))
    }

    @Test func embeddingWithNothingNewWritesNothing() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.relate("Person:Ada", "uses", "Tool:vim")
        try await store.embedMissing(with: embedder)
        let observer = try DatabaseQueue(path: fixture.path)
        func version() throws -> Int {
            try observer.read { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
        }
        let before = try version()
        let report = try await store.embedMissing(with: embedder)
        #expect([report.entities, report.edges, report.episodes] as [Int] == [0, 0, 0])
        #expect(try version() == before)
        try store.relate("Person:Ada", "uses", "Tool:emacs")
        try await store.embedMissing(with: embedder)
        #expect(try version() != before)
    }

    @Test func aReusedIdIsEmbeddedAgain() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.relate("Person:Ada", "uses", "Tool:vim")
        let newest = try store.relate("Person:Ada", "uses", "Tool:emacs")
        try await store.embedMissing(with: embedder)
        // The newest row gone, the next one takes its id, which the mark had already passed.
        try store.purge(newest.edgeID)
        let reused = try store.relate("Person:Ada", "knows", "Person:Lin")
        #expect(reused.edgeID == newest.edgeID)
        try expectQueueExact(fixture, "reusing an id")
        let report = try await store.embedMissing(with: embedder)
        #expect([report.entities, report.edges, report.episodes] as [Int] == [1, 1, 0])
        #expect(try store.vector(for: .edge(reused.edgeID)) == embedder.vector("Ada knows Lin"))
    }

    @Test func aStoreFromBeforeTheQueueQueuesWhatItHadNotEmbedded() async throws {
        let directory = try ScratchDirectory.make("memograph")
        let path = directory.appendingPathComponent("old.sqlite").path
        let old = try DatabaseQueue(path: path)
        try StoreSchema.migrator.migrate(old, upTo: "v10-embedding-log")
        try await old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO entities (id, namespace, type, name, normalized_name, created_at, updated_at)
                    VALUES (1, 'default', 'Person', 'Ada', 'ada', 0, 0), (2, 'default', 'Tool', 'vim', 'vim', 0, 0),
                        (3, 'other', 'Person', 'Bo', 'bo', 0, 0);
                    INSERT INTO edges (id, namespace, subject_id, relation, object_id, valid_from, recorded_at)
                    VALUES (1, 'default', 1, 'uses', 2, 0, 0);
                    INSERT INTO episodes (id, namespace, content, occurred_at, recorded_at)
                    VALUES (1, 'default', 'Ada uses vim', 0, 0);
                    """)
            try db.execute(
                sql: "INSERT INTO embeddings VALUES ('entity', 1, 'default', ?, ?)",
                arguments: [embedder.modelIdentity, VectorCoding.encode(embedder.vector("Ada (Person)"))])
            try db.execute(
                sql: "INSERT INTO store_info (key, value) VALUES ('embedding_model', ?)",
                arguments: [embedder.modelIdentity])
        }
        try old.close()

        let store = try GraphStore(path: path)
        let queued = try owners(path, "SELECT owner_kind, owner_id, namespace FROM embedding_queue")
        #expect(
            queued == [
                Owner(kind: "entity", id: 2, namespace: "default"),
                Owner(kind: "entity", id: 3, namespace: "other"),
                Owner(kind: "edge", id: 1, namespace: "default"),
                Owner(kind: "episode", id: 1, namespace: "default"),
            ])
        let report = try await store.embedMissing(with: embedder)
        #expect([report.entities, report.edges, report.episodes] as [Int] == [1, 1, 1])
        #expect(try store.vector(for: .edge(EdgeID(1))) == embedder.vector("Ada uses vim"))
        #expect(
            try owners(path, "SELECT owner_kind, owner_id, namespace FROM embedding_queue").map(\.namespace)
                == ["other"])
    }
}
