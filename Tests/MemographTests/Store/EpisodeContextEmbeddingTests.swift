import Foundation
import Memograph
import Testing

/// A conversation turn is embedded after the end of the turn before it, and its vector is
/// dropped (to be embedded again) whenever that turn changes.
@Suite struct EpisodeContextEmbeddingTests {
    let start = Date(timeIntervalSince1970: 1_700_000_000)
    let embedder = HashingEmbedder(dimension: 64)

    private func vector(_ store: GraphStore, _ episode: Episode) throws -> [Float]? {
        try store.vector(for: .episode(episode.id))
    }

    @Test func aTurnIsEmbeddedAfterTheTurnBeforeItButADocumentIsNot() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let question = try store.addEpisode(
            "what is your favourite colour?", role: "Melanie", occurredAt: start)
        let reply = try store.addEpisode("teal, without a doubt", role: "Caroline", occurredAt: start + 5)
        let note = try store.addEpisode("Paint order: teal, 2 litres", occurredAt: start + 10)
        let late = try store.addEpisode("morning again!", role: "Caroline", occurredAt: start + 7_200)
        try await store.embedMissing(with: embedder)

        #expect(try vector(store, question) == embedder.vector("what is your favourite colour?"))
        #expect(
            try vector(store, reply)
                == embedder.vector("what is your favourite colour?\nteal, without a doubt"))
        #expect(try vector(store, note) == embedder.vector("Paint order: teal, 2 litres"))
        // Two hours after the note: another conversation.
        #expect(try vector(store, late) == embedder.vector("morning again!"))
    }

    @Test func onlyTheEndOfALongTurnBeforeIsRead() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let long = (1...200).map { "word\($0)" }.joined(separator: " ")
        try store.addEpisode(long, role: "Melanie", occurredAt: start)
        let reply = try store.addEpisode("agreed", role: "Caroline", occurredAt: start + 1)
        try await store.embedMissing(with: embedder)
        // The last 400 characters, from the first whole word in them.
        let tail = String(long.suffix(400))
        let context = String(tail[tail.index(after: tail.firstIndex(of: " ")!)...])
        #expect(context.hasSuffix("word200") && !context.hasPrefix(" ") && context.count < 400)
        #expect(try vector(store, reply) == embedder.vector(context + "\nagreed"))
    }

    @Test func aTurnArrivingLateInBetweenDropsTheVectorAfterIt() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let first = try store.addEpisode("shall we meet?", role: "Melanie", occurredAt: start)
        let third = try store.addEpisode("see you at six then", role: "Caroline", occurredAt: start + 20)
        try await store.embedMissing(with: embedder)
        #expect(try vector(store, first) != nil)
        #expect(try vector(store, third) == embedder.vector("shall we meet?\nsee you at six then"))

        try store.addEpisode("six works for me", role: "Melanie", occurredAt: start + 10)
        #expect(try vector(store, third) == nil)
        #expect(try vector(store, first) != nil)
        let report = try await store.embedMissing(with: embedder)
        #expect(report.episodes == 2)
        #expect(try vector(store, third) == embedder.vector("six works for me\nsee you at six then"))
    }

    @Test func deletingOrRedactingTheTurnBeforeDropsTheVectorAfterIt() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let first = try store.addEpisode(
            "Bob Stone called about the lease", role: "Melanie", occurredAt: start)
        let second = try store.addEpisode("what did he want?", role: "Caroline", occurredAt: start + 1)
        let third = try store.addEpisode("a longer lease", role: "Melanie", occurredAt: start + 2)
        try await store.embedMissing(with: embedder)

        try store.deleteEpisode(second.id)
        #expect(try vector(store, third) == nil)
        try await store.embedMissing(with: embedder)
        #expect(
            try vector(store, third) == embedder.vector("Bob Stone called about the lease\na longer lease"))

        // Forgetting Bob rewrites the first turn (kept: it also supports a fact about others);
        // the turn after it no longer reads his name.
        try store.relate("Person:Bob Stone", "knows", "Person:Melanie", source: first.id)
        try store.relate("Person:Melanie", "knows", "Person:Caroline", source: first.id)
        try await store.embedMissing(with: embedder)
        try store.forget("Person:Bob Stone")
        #expect(try vector(store, third) == nil)
        try await store.embedMissing(with: embedder)
        let redacted = try store.episode(first.id).content
        #expect(!redacted.contains("Bob"))
        #expect(try vector(store, third) == embedder.vector(redacted + "\na longer lease"))
    }
}
