import Foundation
import Memograph
import Testing

/// An episode gains ``SearchOptions/conversationEvidence`` in proportion to how well its
/// conversation as a whole matches: a weak match inside a conversation about the question
/// outranks a slightly better lone match elsewhere.
@Suite struct ConversationEvidenceTests {
    let start = Date(timeIntervalSince1970: 1_700_000_000)
    /// BM25 and fusion only, so that every score is a reciprocal rank (k = 10).
    let plain = SearchOptions(
        followingShare: 0, precedingShare: 0, secondNeighbourShare: 0, namedSpeakerBoost: 0, explain: true)

    @Test func aTurnOfTheBetterConversationOvertakesALoneMatch() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        // BM25 ranks: maps (both words), lone (one word, shortest), steep (one word, longer).
        let maps = try store.addEpisode("hiking trail maps", role: "Ada", occurredAt: start)
        let steep = try store.addEpisode("the trail was steep", role: "Lin", occurredAt: start + 60)
        _ = try store.addEpisode("lunch at the top", role: "Ada", occurredAt: start + 120)
        let lone = try store.addEpisode("trail", role: "Ada", occurredAt: start + 86_400)

        var off = plain
        off.conversationEvidence = 0
        let before = try await store.search("hiking trail", options: off)
        #expect(before.episodes.map(\.item.id) == [maps.id, lone.id, steep.id])

        let after = try await store.search("hiking trail", options: plain)
        #expect(after.episodes.map(\.item.id) == [maps.id, steep.id, lone.id])
        let scores = Dictionary(uniqueKeysWithValues: after.episodes.map { ($0.item.id, $0) })
        // The first conversation's evidence is 1/11 + 1/13 and the best; the lone turn's 1/12.
        let loneMultiplier = 1 + 0.5 * (1.0 / 12) / (1.0 / 11 + 1.0 / 13)
        #expect(scores[maps.id]?.breakdown?.conversation == 1.5)
        #expect(abs(scores[maps.id]!.score - 1.5 / 11) < 1e-12)
        #expect(abs(scores[steep.id]!.score - 1.5 / 13) < 1e-12)
        #expect(abs(scores[lone.id]!.breakdown!.conversation - loneMultiplier) < 1e-12)
        #expect(abs(scores[lone.id]!.score - loneMultiplier / 12) < 1e-12)
    }

    /// A turn after `asOf` gets a share from the turn before it, but must neither be returned nor
    /// add to its conversation's evidence, which would lower every other conversation's.
    @Test func aSearchAsOfATimeIsTheSameWhateverCameAfter() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let other = try store.addEpisode("trail", role: "Ada", occurredAt: start - 86_400)
        _ = try store.addEpisode("hiking trail maps", role: "Ada", occurredAt: start)
        _ = try store.addEpisode("the trail was steep", role: "Lin", occurredAt: start + 60)
        var options = plain
        options.followingShare = 0.3
        options.asOf = start + 90
        func scores() async throws -> [EpisodeID: Double] {
            let results = try await store.search("hiking trail", options: options)
            return Dictionary(uniqueKeysWithValues: results.episodes.map { ($0.item.id, $0.score) })
        }
        let before = try await scores()
        #expect(before.count == 3 && before[other.id] != nil)
        _ = try store.addEpisode("lunch at the top", role: "Ada", occurredAt: start + 120)
        #expect(try await scores() == before)
    }

    @Test func aDocumentIsAConversationOfItsOwn() async throws {
        let fixture = try StoreFixture()
        let turn = try fixture.store.addEpisode("hiking boots", role: "Ada", occurredAt: start)
        let document = try fixture.store.addEpisode("hiking boots", occurredAt: start + 10)
        let results = try await fixture.store.search("hiking boots", options: plain)
        #expect(results.episodes.map(\.item.id) == [turn.id, document.id])
        #expect(results.episodes[0].breakdown?.conversation == 1.5)
        let documentMultiplier = try #require(results.episodes[1].breakdown?.conversation)
        #expect(abs(documentMultiplier - (1 + 0.5 * 11 / 12)) < 1e-12)
    }

    @Test func aBreakdownWrittenBeforeConversationEvidenceStillDecodes() throws {
        let old = #"{"fused":0.5,"graph":0,"recency":1,"speaker":2}"#
        let breakdown = try JSONDecoder().decode(ScoreBreakdown.self, from: Data(old.utf8))
        #expect(breakdown == ScoreBreakdown(fused: 0.5, speaker: 2))
        #expect(breakdown.conversation == 1)
    }
}
