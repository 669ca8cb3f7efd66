import Foundation
import Memograph
import Testing

/// An episode whose speaker the query names gains ``SearchOptions/namedSpeakerBoost``: the
/// person asked about is most often the one who said the answer.
@Suite struct NamedSpeakerTests {
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    /// Two turns with the same words, by two speakers, a day apart (no conversation shares);
    /// BM25 ties them and ranks Caroline's (the lower id) first, so without the boost Tim's
    /// scores 1/12 in fusion against her 1/11.
    func turns(_ store: GraphStore) throws -> (caroline: Episode, tim: Episode) {
        (
            try store.addEpisode("went hiking in the hills", role: "Caroline", occurredAt: start),
            try store.addEpisode("went hiking in the hills", role: "Tim", occurredAt: start + 86_400)
        )
    }

    @Test func theNamedSpeakersTurnRanksFirstWithTheBoostExplained() async throws {
        let fixture = try StoreFixture()
        let (caroline, tim) = try turns(fixture.store)
        let results = try await fixture.store.search(
            "where did Tim go hiking?", options: SearchOptions(conversationEvidence: 0, explain: true))
        #expect(results.episodes.map(\.item.id) == [tim.id, caroline.id])
        let named = try #require(results.episodes.first)
        let other = results.episodes[1]
        #expect(named.breakdown?.speaker == 2.5)
        #expect(named.score == 2.5 * (named.breakdown?.fused ?? 0))
        #expect(abs(named.score - 2.5 / 12) < 1e-12)
        #expect(other.breakdown?.speaker == 1)
        #expect(abs(other.score - 1.0 / 11) < 1e-12)

        let off = try await fixture.store.search(
            "where did Tim go hiking?", options: SearchOptions(namedSpeakerBoost: 0))
        #expect(off.episodes.map(\.item.id) == [caroline.id, tim.id])
    }

    @Test func namesMatchWholeWordsOnly() async throws {
        let fixture = try StoreFixture()
        let (caroline, tim) = try turns(fixture.store)
        // "time" holds "tim" but does not name Tim; "Tim's" does.
        let time = try await fixture.store.search("what time was the hiking")
        #expect(time.episodes.map(\.item.id) == [caroline.id, tim.id])
        let possessive = try await fixture.store.search("Tim's hiking")
        #expect(possessive.episodes.map(\.item.id) == [tim.id, caroline.id])
    }

    @Test func anAliasOfTheSpeakersEntityNamesThem() async throws {
        let fixture = try StoreFixture()
        let (caroline, tim) = try turns(fixture.store)
        let before = try await fixture.store.search(
            "did Caro enjoy hiking", options: SearchOptions(conversationEvidence: 0))
        #expect(before.episodes.map(\.item.id) == [caroline.id, tim.id])
        #expect(abs(before.episodes[0].score - 1.0 / 11) < 1e-12)

        let entity = try fixture.store.upsertEntity(name: "Caroline", type: "Person")
        try fixture.store.addAliases(["Caro"], to: .id(entity.id))
        let after = try await fixture.store.search(
            "did Caro enjoy hiking", options: SearchOptions(conversationEvidence: 0, explain: true))
        #expect(after.episodes.map(\.item.id) == [caroline.id, tim.id])
        #expect(after.episodes[0].breakdown?.speaker == 2.5)
        #expect(abs(after.episodes[0].score - 2.5 / 11) < 1e-12)
        #expect(after.episodes[1].breakdown?.speaker == 1)
    }

    @Test func theQueryWithoutSpeakersLeavesOutEveryNameOfThem() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        #expect(try store.queryWithoutSpeakers("what did Caroline paint?") == nil)
        _ = try turns(store)
        try store.addEpisode("hello", role: "Melanie Smith", occurredAt: start + 9 * 86_400)
        try store.addEpisode("hi all", role: "Mary-Jane", occurredAt: start + 12 * 86_400)
        try store.addEpisode("a note without a speaker", occurredAt: start + 15 * 86_400)
        try store.namespace("elsewhere").addEpisode("hi", role: "Ada", occurredAt: start)
        let caroline = try store.upsertEntity(name: "Caroline", type: "Person")
        try store.addAliases(["Caro"], to: .id(caroline.id))

        #expect(
            try store.queryWithoutSpeakers("What kind of art does Caroline make?")
                == "What kind of art does make?")
        // An alias of the speaker's entity, and a possessive after a name, go too.
        #expect(try store.queryWithoutSpeakers("did Caro and Tim's dog go hiking") == "did and dog go hiking")
        #expect(try store.queryWithoutSpeakers("what did Melanie  Smith say,  Tim?") == "what did say, ?")
        #expect(try store.queryWithoutSpeakers("what did Mary-Jane's cat eat?") == "what did cat eat?")
        // Whole words of a whole name only; another namespace's speakers are not this one's.
        for query in ["what time is it", "what did Melanie say", "what did Ada say"] {
            #expect(try store.queryWithoutSpeakers(query) == nil, "\(query)")
        }
        // A query of names and function words keeps them.
        #expect(try store.queryWithoutSpeakers("Caroline and Tim?") == nil)
        #expect(throws: MemographError.self) { try store.queryWithoutSpeakers("  ") }
    }

    @Test func aNamespaceWithTooManySpeakersKeepsTheNames() throws {
        let fixture = try StoreFixture()
        for speaker in 0...GraphStore.speakerListLimit {
            try fixture.store.addEpisode("hello", role: "speaker\(speaker)", occurredAt: start)
        }
        #expect(try fixture.store.queryWithoutSpeakers("what did speaker7 say about rain") == nil)
        let small = try fixture.store.namespace("small")
        try small.addEpisode("hello", role: "speaker7", occurredAt: start)
        #expect(
            try small.queryWithoutSpeakers("what did speaker7 say about rain") == "what did say about rain")
    }

    @Test func messageKindsAreNotSpeakers() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let user = try store.addEpisode("we picked a linter", role: "user", occurredAt: start)
        let tool = try store.addEpisode("linter output: 3 warnings", role: "tool", occurredAt: start + 86_400)
        try store.addEpisode("rules loaded", role: "System", occurredAt: start + 2 * 86_400)
        #expect(
            try store.queryWithoutSpeakers("what linter tool did the user pick?")
                == "what linter tool did the pick?")
        #expect(try store.queryWithoutSpeakers("which system linter tool") == nil)
        let results = try await store.search(
            "what linter tool did the user pick?",
            options: SearchOptions(conversationEvidence: 0, explain: true))
        let speaker = Dictionary(
            uniqueKeysWithValues: results.episodes.map { ($0.item.id, $0.breakdown?.speaker) })
        #expect(speaker[user.id] == 2.5)
        #expect(speaker[tool.id] == 1)
    }

    /// Melanie's turn says the name the query asks about, Caroline's says what it asks: the
    /// query's own vector finds the name, the vector of the query without it finds the answer.
    @Test func episodesAreSearchedWithTheQueryEmbeddedWithoutTheNames() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let embedder = HashingEmbedder(dimension: 256)
        let mention = try store.addEpisode("Caroline Caroline hello", role: "Melanie", occurredAt: start)
        let answer = try store.addEpisode(
            "the sunrise was red", role: "Caroline", occurredAt: start + 5 * 86_400)
        try await store.embedMissing(with: embedder)
        func firstByVector(_ options: SearchOptions) async throws -> EpisodeID? {
            let results = try await store.search("Caroline sunrise", options: options, embedder: embedder)
            return results.episodes.first { $0.breakdown?.vectorRank == 1 }?.item.id
        }
        #expect(try await firstByVector(SearchOptions(explain: true)) == answer.id)
        #expect(try await firstByVector(SearchOptions(namedSpeakerBoost: 0, explain: true)) == mention.id)
        // The same through a vector given whole.
        let vector = QueryVector(
            values: embedder.vector("Caroline sunrise"), model: embedder.modelIdentity,
            episodeValues: embedder.vector("sunrise"))
        let given = try store.search(
            "Caroline sunrise", vector: vector, options: SearchOptions(explain: true))
        #expect(given.episodes.first { $0.breakdown?.vectorRank == 1 }?.item.id == answer.id)
        let unboosted = try store.search(
            "Caroline sunrise", vector: vector, options: SearchOptions(namedSpeakerBoost: 0, explain: true))
        #expect(unboosted.episodes.first { $0.breakdown?.vectorRank == 1 }?.item.id == mention.id)

        var wrong = vector
        wrong.episodeValues = [1, 0]
        #expect(
            throws: MemographError.invalidArgument(
                field: "episodeValues", reason: "has 2 dimensions where values has 256")
        ) {
            try store.search("Caroline sunrise", vector: wrong)
        }
    }

    /// Many queries are embedded in one batch as search embeds one: each query's vector, and
    /// for those that name a speaker while the boost is on, the vector of the rest.
    @Test func queryVectorsAreTheOnesSearchEmbeds() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let embedder = HashingEmbedder(dimension: 64)
        try store.addEpisode("the sunrise was red", role: "Caroline", occurredAt: start)
        let queries = ["what did Caroline paint?", "what was painted?"]
        let vectors = try await store.queryVectors(for: queries, embedder: embedder)
        #expect(vectors.map(\.values) == queries.map { embedder.vector($0) })
        #expect(vectors.map(\.episodeValues) == [embedder.vector("what did paint?"), nil])
        #expect(vectors.allSatisfy { $0.model == embedder.modelIdentity })
        let unboosted = try await store.queryVectors(
            for: queries, options: SearchOptions(namedSpeakerBoost: 0), embedder: embedder)
        #expect(unboosted.allSatisfy { $0.episodeValues == nil })
        await #expect(throws: MemographError.self) {
            try await store.queryVectors(for: ["  "], embedder: embedder)
        }
        await #expect(
            throws: MemographError.invalidArgument(
                field: "embedder", reason: "returned 1 vectors for 3 texts")
        ) {
            try await store.queryVectors(for: queries, embedder: OneVector(inner: embedder))
        }
    }

    /// An embedder that returns one vector whatever it is given.
    private struct OneVector: Embedder {
        let inner: HashingEmbedder
        var dimension: Int { inner.dimension }
        var modelIdentity: String { inner.modelIdentity }
        func embed(_ texts: [String]) async throws -> [[Float]] { [inner.vector(texts[0])] }
    }

    @Test func aBreakdownWrittenBeforeSpeakersAndContextStillDecodes() throws {
        let old = #"{"bm25Rank":1,"fused":0.5,"graph":0,"recency":1}"#
        let breakdown = try JSONDecoder().decode(ScoreBreakdown.self, from: Data(old.utf8))
        #expect(breakdown == ScoreBreakdown(bm25Rank: 1, fused: 0.5))
        #expect(breakdown.speaker == 1)
        #expect(breakdown.context == 0)
        let missingFused = #"{"graph":0,"recency":1}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(ScoreBreakdown.self, from: Data(missingFused.utf8))
        }
    }
}
