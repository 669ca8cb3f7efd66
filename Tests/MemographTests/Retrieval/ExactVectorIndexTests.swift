import Memograph
import Testing

@Suite struct ExactVectorIndexTests {
    @Test func topKMatchesABruteForceRanking() async throws {
        let embedder = HashingEmbedder(dimension: 64)
        let texts = (0..<300).map { "document \($0) about topic \($0 % 17) and colour \($0 % 5)" }
        let vectors = try await embedder.embed(texts)
        let index = try ExactVectorIndex(
            dimension: 64, entries: vectors.enumerated().map { (Int64($0.offset + 1), $0.element) })
        let query = try await embedder.embed("topic 3 colour 2")
        let expected = vectors.enumerated()
            .map {
                (
                    id: Int64($0.offset + 1),
                    score: zip($0.element, query).reduce(Float(0)) { $0 + $1.0 * $1.1 }
                )
            }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
            .prefix(10)
        let found = index.nearest(to: query, k: 10)
        #expect(found.map(\.id) == expected.map(\.id))
        for (hit, want) in zip(found, expected) { #expect(abs(hit.score - want.score) < 1e-4) }
        #expect(index.vector(of: 5) == vectors[4])
        #expect(index.nearest(to: query, k: 0).isEmpty)
        #expect(index.nearest(to: [1, 2], k: 3).isEmpty)
    }

    @Test func vectorsOfTheWrongLengthAreRefused() {
        #expect(throws: MemographError.invalidArgument(field: "vector", reason: "row 7 has 2 values, not 3"))
        {
            try ExactVectorIndex(dimension: 3, entries: [(7, [1, 0])])
        }
    }
}
