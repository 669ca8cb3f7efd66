import Foundation
import GRDB
import Memograph
import Testing

@Suite struct EmbeddingStoreTests {
    @Test func vectorsAreStoredOnceAndSurviveReopening() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let episode = try store.addEpisode("Ada maintains the api")
        let fact = try store.relate("Person:Ada", "maintains", "Service:api", source: episode.id)
        let embedder = HashingEmbedder(dimension: 64)

        let first = try await store.embedMissing(with: embedder)
        #expect([first.entities, first.edges, first.episodes] as [Int] == [2, 1, 1])
        #expect(try store.embeddingModel() == embedder.modelIdentity)
        let again = try await store.embedMissing(with: embedder)
        #expect([again.entities, again.edges, again.episodes] as [Int] == [0, 0, 0])

        try store.relate("Service:api", "listensOnPort", value: "9090")
        let more = try await store.embedMissing(with: embedder)
        #expect([more.entities, more.edges, more.episodes] as [Int] == [0, 1, 0])

        let expected = try await embedder.embed("Ada maintains api")
        let reopened = try GraphStore(path: fixture.path)
        #expect(try reopened.vector(for: .edge(fact.edgeID)) == expected)
        // On disk: little-endian 32-bit floats, one after the other.
        let blob = try await DatabaseQueue(path: fixture.path).read { db in
            try Data.fetchOne(
                db, sql: "SELECT vector FROM embeddings WHERE owner_kind = 'edge' AND owner_id = ?",
                arguments: [fact.edgeID.rawValue])
        }
        let bytes = expected.flatMap { value in
            withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) }
        }
        #expect(blob.map(Array.init) == bytes)
        let portFact = try #require(try reopened.facts(about: "Service:api", relation: "listensOnPort").first)
        let portVector = try #require(try reopened.vector(for: .edge(portFact.edge.id)))
        #expect(portVector == (try await embedder.embed("api listens on port 9090")))
    }

    @Test func anotherModelIsRefusedUntilTheStoreIsReembedded() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.relate("Person:Ada", "uses", "Tool:vim")
        try await store.embedMissing(with: HashingEmbedder(dimension: 32))
        let other = HashingEmbedder(dimension: 48)
        await #expect(
            throws: MemographError.embeddingModelMismatch(
                recorded: HashingEmbedder(dimension: 32).modelIdentity, given: other.modelIdentity)
        ) {
            try await store.embedMissing(with: other)
        }
        let report = try await store.reembed(with: other)
        #expect(report.discarded == 3)
        #expect(report.entities + report.edges == 3)
        let entity = try store.resolve("Person:Ada")
        #expect(try store.vector(for: .entity(entity.id))?.count == 48)
    }

    @Test func purgingAFactOrDeletingAnEpisodeDeletesItsVector() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let episode = try store.addEpisode("Ada uses vim")
        let fact = try store.relate("Person:Ada", "uses", "Tool:vim", source: episode.id)
        try await store.embedMissing(with: HashingEmbedder(dimension: 16))
        #expect(try store.vector(for: .episode(episode.id)) != nil)
        try store.deleteEpisode(episode.id)
        #expect(try store.vector(for: .episode(episode.id)) == nil)
        #expect(try store.vector(for: .edge(fact.edgeID)) != nil)
        try store.purge(fact.edgeID)
        #expect(try store.vector(for: .edge(fact.edgeID)) == nil)
    }
}
