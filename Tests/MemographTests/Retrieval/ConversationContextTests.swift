import Foundation
import Memograph
import Testing

/// An episode gains shares of its conversation neighbours' scores: the reply to a matching
/// question is found although it shares no word with the query.
@Suite struct ConversationContextTests {
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    /// Three turns of one conversation (one second apart), then one turn two hours later.
    func conversation(_ store: GraphStore) throws -> [Episode] {
        [
            try store.addEpisode("Caroline: morning! coffee first", occurredAt: start),
            try store.addEpisode("Melanie: what is your favourite colour?", occurredAt: start + 1),
            try store.addEpisode("Caroline: teal, without a doubt", occurredAt: start + 2),
            try store.addEpisode("Caroline: also, my sister says hello", occurredAt: start + 7_200),
        ]
    }

    @Test func theReplyAndTheTurnBeforeGainTheirShares() async throws {
        let fixture = try StoreFixture()
        let turns = try conversation(fixture.store)
        let results = try await fixture.store.search(
            "favourite colour", options: SearchOptions(conversationEvidence: 0, explain: true))
        #expect(results.episodes.map(\.item.id) == [turns[1].id, turns[2].id, turns[0].id])
        let question = try #require(results.episodes.first)
        let reply = results.episodes[1]
        let before = results.episodes[2]
        #expect(reply.breakdown?.contextFrom == turns[1].id)
        #expect(before.breakdown?.contextFrom == turns[1].id)
        #expect(abs(reply.score - 0.3 * question.score) < 1e-12)
        #expect(abs(before.score - 0.2 * question.score) < 1e-12)
        #expect(question.breakdown?.context == 0)
    }

    @Test func turnsFurtherApartThanTheGapAreAnotherConversation() async throws {
        let fixture = try StoreFixture()
        let turns = try conversation(fixture.store)
        // The late turn's neighbour is two hours away: nothing passes across the gap either way.
        let late = try await fixture.store.search("sister")
        #expect(late.episodes.map(\.item.id) == [turns[3].id])
        let wide = try await fixture.store.search(
            "sister", options: SearchOptions(conversationGap: 3 * 3_600))
        // Within three hours, the turn before gains 0.2 and the one before it 0.25.
        #expect(wide.episodes.map(\.item.id) == [turns[3].id, turns[1].id, turns[2].id])
    }

    @Test func sharesCanBeTurnedOffAndDoNotChain() async throws {
        let fixture = try StoreFixture()
        let turns = try conversation(fixture.store)
        let off = try await fixture.store.search(
            "favourite colour", options: SearchOptions(followingShare: 0, precedingShare: 0))
        #expect(off.episodes.map(\.item.id) == [turns[1].id])
        // "coffee" matches the first turn only; the second gains 0.3 of it, and the third gains
        // nothing from the second's borrowed score.
        let chained = try await fixture.store.search(
            "coffee", options: SearchOptions(secondNeighbourShare: 0))
        #expect(chained.episodes.map(\.item.id) == [turns[0].id, turns[1].id])
    }

    /// Seven turns a second apart; "sunrise" matches the middle one only. The turns one and two
    /// away on each side gain their shares of it, straight from the match; those three away gain
    /// nothing, with or without the shares of the turns between.
    @Test func theTurnsTwoAwayGainTheSecondNeighbourShare() async throws {
        let fixture = try StoreFixture()
        var turns: [Episode] = []
        for index in 0..<7 {
            let content = index == 3 ? "Mel: I painted a sunrise" : "turn \(index)"
            let role = index % 2 == 0 ? "Caroline" : "Mel"
            turns.append(
                try fixture.store.addEpisode(content, role: role, occurredAt: start + Double(index)))
        }
        let options = SearchOptions(conversationEvidence: 0, explain: true)
        let results = try await fixture.store.search("sunrise", options: options)
        let byID = Dictionary(uniqueKeysWithValues: results.episodes.map { ($0.item.id, $0) })
        let match = try #require(byID[turns[3].id])
        #expect(results.episodes.count == 5)
        for (index, share) in [(1, 0.25), (2, 0.2), (4, 0.3), (5, 0.25)] {
            let hit = try #require(byID[turns[index].id], "turn \(index)")
            #expect(abs(hit.score - share * match.score) < 1e-12, "turn \(index)")
            #expect(hit.breakdown?.contextFrom == turns[3].id)
        }
        #expect(byID[turns[0].id] == nil && byID[turns[6].id] == nil)

        var off = options
        off.secondNeighbourShare = 0
        let near = try await fixture.store.search("sunrise", options: off)
        #expect(Set(near.episodes.map(\.item.id)) == [turns[2].id, turns[3].id, turns[4].id])
    }

    @Test func aNeighbourNotYetSaidAtAsOfIsSkipped() async throws {
        let fixture = try StoreFixture()
        let turns = try conversation(fixture.store)
        let early = try await fixture.store.search(
            "favourite colour", options: SearchOptions(asOf: start + 1))
        #expect(early.episodes.map(\.item.id) == [turns[1].id, turns[0].id])
    }

    @Test func outOfRangeSharesAreRefused() async throws {
        let fixture = try StoreFixture()
        await #expect(
            throws: MemographError.invalidArgument(field: "followingShare", reason: "must be between 0 and 1")
        ) {
            try await fixture.store.search("x", options: SearchOptions(followingShare: 1.5))
        }
        await #expect(
            throws: MemographError.invalidArgument(
                field: "secondNeighbourShare", reason: "must be between 0 and 1")
        ) {
            try await fixture.store.search("x", options: SearchOptions(secondNeighbourShare: -0.1))
        }
        await #expect(
            throws: MemographError.invalidArgument(
                field: "conversationGap", reason: "must be between 0 and 366 days")
        ) {
            try await fixture.store.search("x", options: SearchOptions(conversationGap: -1))
        }
    }
}
