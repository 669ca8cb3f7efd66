import Testing

@testable import Memograph

/// The one-pass selection search uses for its best candidates must give exactly what a stable
/// sort's prefix gives, ties included.
@Suite struct SortedPrefixTests {
    @Test(arguments: [0, 1, 2, 7, 50, 199, 200, 250])
    func matchesTheStableSortPrefix(k: Int) {
        var generator = SystemRandomNumberGenerator()
        // Few distinct keys, so that most comparisons are ties that only order can break.
        let items = (0..<200).map { (position: $0, key: Int.random(in: 0..<13, using: &generator)) }
        let byKey: ((position: Int, key: Int), (position: Int, key: Int)) -> Bool = { $0.key > $1.key }
        let expected = items.sorted(by: byKey).prefix(k).map(\.position)
        #expect(items.sortedPrefix(k, by: byKey).map(\.position) == expected)
    }

    @Test func topOfAVectorIndexIsTheHighestScoresByPosition() {
        let scores: [Float] = [0.1, 0.9, 0.5, 0.9, -1, 0.5, 0.7]
        scores.withUnsafeBufferPointer { scores in
            #expect(ExactVectorIndex.top(4, of: scores) == [1, 3, 6, 2])
            #expect(ExactVectorIndex.top(0, of: scores).isEmpty)
            #expect(ExactVectorIndex.top(10, of: scores) == [1, 3, 6, 2, 5, 0, 4])
        }
    }

    /// The heap selection against a stable sort, on many ties and on the full range of `k`.
    @Test(arguments: [1, 2, 3, 64, 999, 1_000, 1_001])
    func topMatchesTheStableSortOnTies(k: Int) {
        var generator = SystemRandomNumberGenerator()
        let scores = (0..<1_000).map { _ in Float(Int.random(in: -20...20, using: &generator)) / 8 }
        let expected = scores.indices.sorted { scores[$0] > scores[$1] }.prefix(k)
        #expect(scores.withUnsafeBufferPointer { ExactVectorIndex.top(k, of: $0) } == Array(expected))
    }
}
