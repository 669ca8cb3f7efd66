import Foundation
import Memograph
import Synchronization
import Testing

/// A reranker that reads passages the way a test wants: each passage scores the number of
/// `answerWords` it contains, and every call is recorded.
private final class WordReranker: Reranker {
    let answerWords: [String]
    let transform: @Sendable ([Double]) -> [Double]
    private let calls = Mutex<[(query: String, passages: [String])]>([])

    init(answerWords: [String], transform: @escaping @Sendable ([Double]) -> [Double] = { $0 }) {
        self.answerWords = answerWords
        self.transform = transform
    }

    var name: String { "words" }
    var received: [(query: String, passages: [String])] { calls.withLock { $0 } }

    func scores(query: String, passages: [String]) async throws -> [Double] {
        calls.withLock { $0.append((query, passages)) }
        return transform(
            passages.map { passage in
                Double(answerWords.filter { passage.lowercased().contains($0) }.count)
            })
    }
}

@Suite struct RerankTests {
    private static let answerText =
        "I had to move on, and my home country, Sweden, still feels close to me every single day of the year"

    /// Five turns that share the question's words and, in a long turn that shares one, the answer.
    private static func conversation(_ store: GraphStore) throws -> EpisodeID {
        for day in 1...5 {
            // Longer turns score lower under BM25: no two of these tie.
            let padding = String(repeating: " and so on", count: day)
            try store.addEpisode("we talked about where you did move from\(padding)", role: "Sam")
        }
        return try store.addEpisode(Self.answerText, role: "Caroline").id
    }

    @Test func theRerankerBringsAnAnswerFromBelowTheLimitToTheTop() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let answer = try Self.conversation(store)
        let options = SearchOptions(limit: 3, depth: 0, namedSpeakerBoost: 0, explain: true)
        let plain = try await store.search("where did Caroline move from", options: options)
        #expect(!plain.episodes.map(\.item.id).contains(answer))

        let reranker = WordReranker(answerWords: ["sweden", "country"])
        let reranked = try await store.search(
            "where did Caroline move from", options: options, reranker: reranker)
        #expect(reranked.episodes.count == 3)
        #expect(reranked.episodes.first?.item.id == answer)
        #expect(reranked.episodes.first?.score == 2)
        let before = try #require(reranked.episodes.first?.breakdown?.rankBeforeRerank)
        #expect(before > 3)
        // One call, with the query and every passage of the pool: more than the limit.
        #expect(reranker.received.count == 1)
        #expect(reranker.received.first?.query == "where did Caroline move from")
        #expect(reranker.received.first?.passages.count == 6)
        #expect(reranker.received.first?.passages.contains(Self.answerText) == true)
    }

    @Test func equalScoresKeepTheSearchOrderAndTheDepthBoundsThePool() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        _ = try Self.conversation(store)
        let query = "where did Caroline move from"
        let plain = try await store.search(query, options: SearchOptions(limit: 4, depth: 0))
        let flat = WordReranker(answerWords: [])
        let same = try await store.search(query, options: SearchOptions(limit: 4, depth: 0), reranker: flat)
        #expect(same.episodes.map(\.item.id) == plain.episodes.map(\.item.id))
        #expect(same.episodes.allSatisfy { $0.score == 0 })

        let shallow = WordReranker(answerWords: ["sweden"])
        let cut = try await store.search(
            query, options: SearchOptions(limit: 2, depth: 0, rerankDepth: 2), reranker: shallow)
        #expect(shallow.received.first?.passages.count == 2)
        let plainTwo = try await store.search(query, options: SearchOptions(limit: 2, depth: 0))
        #expect(cut.episodes.map(\.item.id) == plainTwo.episodes.map(\.item.id))
    }

    @Test func thePoolScoresAsTheSearchWithoutARerankerAndHoldsAtLeastTheLimit() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        _ = try Self.conversation(store)
        let query = "where did Caroline move from"
        let options = SearchOptions(limit: 4, depth: 0, explain: true, rerankDepth: 2)
        let plain = try await store.search(query, options: options)
        let flat = WordReranker(answerWords: [])
        let pooled = try await store.search(query, options: options, reranker: flat)
        #expect(flat.received.first?.passages.count == 4)
        #expect(pooled.episodes.count == 4)
        for hit in pooled.episodes {
            var breakdown = try #require(hit.breakdown)
            #expect(breakdown.rankBeforeRerank != nil)
            breakdown.rankBeforeRerank = nil
            var expected = try #require(plain.episodes.first { $0.item.id == hit.item.id }?.breakdown)
            // Shares are summed in the order a dictionary yields them: equal to the last bits.
            #expect(abs(breakdown.context - expected.context) < 1e-12)
            expected.context = breakdown.context
            #expect(breakdown == expected)
        }
    }

    @Test func theContextBlockKeepsWhatTheRerankerPrefersWithinItsBudget() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        // The answer is the oldest turn: a block filled newest first would leave it out.
        let answer = try store.addEpisode(Self.answerText, role: "Caroline", occurredAt: day(1)).id
        for padding in 1...5 {
            try store.addEpisode(
                "we talked about where you did move from" + String(repeating: " and so on", count: padding),
                role: "Sam", occurredAt: day(1 + padding))
        }
        let query = "where did Caroline move from"
        let answerLine = try store.episode(answer).content
        // Room for the heading and about one turn: without a reranker the best BM25 turn goes in.
        let budget = (("Episodes\n- 2026-03-01T00:00:00Z Caroline: " + answerLine + "\n").count + 3) / 4
        let options = SearchOptions(limit: 6, depth: 0, namedSpeakerBoost: 0)
        let plain = try await store.context(for: query, budget: budget, options: options)
        #expect(!plain.contains("Sweden"), "\(plain)")
        let reranked = try await store.context(
            for: query, budget: budget, options: options, reranker: WordReranker(answerWords: ["sweden"]))
        #expect(reranked.contains("Sweden"), "\(reranked)")
        #expect((reranked.count + 3) / 4 <= budget)
    }

    @Test func theTokenBudgetCutsAfterTheRerank() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let answer = try Self.conversation(store)
        let budget = (Self.answerText.count + 3) / 4
        let results = try await store.search(
            "where did Caroline move from", options: SearchOptions(depth: 0, tokenBudget: budget),
            reranker: WordReranker(answerWords: ["sweden"]))
        #expect(results.episodes.map(\.item.id) == [answer])
    }

    @Test func aRerankerThatMiscountsOrReturnsNaNIsATypedError() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        _ = try Self.conversation(store)
        let short = WordReranker(answerWords: []) { Array($0.dropLast()) }
        await #expect(
            throws: MemographError.invalidArgument(
                field: "reranker", reason: "words returned 5 scores for 6 passages")
        ) {
            try await store.search(
                "where did Caroline move from", options: SearchOptions(depth: 0), reranker: short)
        }
        let nan = WordReranker(answerWords: []) { scores in scores.indices.map { $0 == 1 ? .nan : 0 } }
        await #expect(
            throws: MemographError.invalidArgument(
                field: "reranker", reason: "words returned nan for passage 2, not a finite number")
        ) {
            try await store.search(
                "where did Caroline move from", options: SearchOptions(depth: 0), reranker: nan)
        }
        let unused = WordReranker(answerWords: [])
        await #expect(
            throws: MemographError.invalidArgument(field: "rerankDepth", reason: "must be between 1 and 1000")
        ) {
            try await store.search("where", options: SearchOptions(rerankDepth: 0), reranker: unused)
        }
        await #expect(
            throws: MemographError.invalidArgument(
                field: "tokenBudget", reason: "must be between 1 and 10000000 tokens")
        ) {
            try await store.search("where", options: SearchOptions(tokenBudget: 0), reranker: unused)
        }
        #expect(unused.received.isEmpty)
    }

    @Test func nothingFoundAsksTheRerankerNothing() async throws {
        let fixture = try StoreFixture()
        let reranker = WordReranker(answerWords: ["sweden"])
        let results = try await fixture.store.search("sweden", reranker: reranker)
        #expect(results.episodes.isEmpty && results.facts.isEmpty && results.entities.isEmpty)
        #expect(reranker.received.isEmpty)
    }
}
