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
        #expect(named.breakdown?.speaker == 2)
        #expect(named.score == 2 * (named.breakdown?.fused ?? 0))
        #expect(abs(named.score - 2.0 / 12) < 1e-12)
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
        #expect(after.episodes[0].breakdown?.speaker == 2)
        #expect(abs(after.episodes[0].score - 2.0 / 11) < 1e-12)
        #expect(after.episodes[1].breakdown?.speaker == 1)
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
