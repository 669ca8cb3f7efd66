import Memograph
import Testing

@Suite("hashing embedder")
struct HashingEmbedderTests {
    @Test func isDeterministicAndNormalised() async throws {
        let embedder = HashingEmbedder(dimension: 64)
        let first = try await embedder.embed(["Ada is on the platform team", "the api listens on 9090"])
        let second = try await HashingEmbedder(dimension: 64).embed([
            "Ada is on the platform team", "the api listens on 9090",
        ])
        #expect(first == second)
        for vector in first {
            #expect(vector.count == 64)
            #expect(abs(vector.reduce(0) { $0 + $1 * $1 } - 1) < 1e-5)
        }
        #expect(embedder.modelIdentity == "hashing-fnv1a-v1:dim=64")
    }

    @Test func sharedWordsMeanHigherSimilarity() {
        let embedder = HashingEmbedder()
        let query = embedder.vector("which port does the api service listen on")
        let related = embedder.vector("the api service now listens on port 9090")
        let unrelated = embedder.vector("Grace prefers green tea in the morning")
        #expect(VectorSimilarity.cosine(query, related) > VectorSimilarity.cosine(query, unrelated) + 0.2)
    }

    @Test func textWithoutWordsIsTheZeroVector() {
        #expect(HashingEmbedder(dimension: 8).vector(" ?! ") == [Float](repeating: 0, count: 8))
    }

    @Test func knownVectorIsStable() {
        let vector = HashingEmbedder(dimension: 16).vector("hello world")
        #expect(vector.filter { $0 != 0 }.count >= 3)
        #expect(HashingEmbedder(dimension: 16).vector("Hello, WORLD!") == vector)
    }
}
