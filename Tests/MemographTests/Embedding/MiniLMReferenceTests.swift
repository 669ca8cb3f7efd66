import Foundation
import Memograph
import Synchronization
import Testing

/// all-MiniLM-L6-v2 in Swift against the official implementation's outputs. Skipped when the
/// weights are absent: run `memograph model fetch` (CI's `.ci/run` does) to enable them.
@Suite(
    "all-MiniLM-L6-v2 reference",
    .enabled(
        if: MiniLMReference.modelIsInstalled && MiniLMReference.fixtureExists,
        "model weights or ../shared fixture missing; run `memograph model fetch`"))
struct MiniLMReferenceTests {
    @Test func tokenIDsMatchTheOfficialTokenizerExactly() throws {
        let reference = try MiniLMReference.load()
        let embedder = try MiniLMReference.embedder.get()
        #expect(reference.cases.count == 41)
        #expect(embedder.configuration.maxSequenceLength == reference.max_seq_length)
        for item in reference.cases {
            #expect(embedder.tokenIDs(item.text) == item.input_ids, "case \(item.id)")
            #expect(
                embedder.tokenizer.wordPieceIDs(item.text).count + 2 == item.num_tokens_untruncated,
                "case \(item.id)")
        }
    }

    @Test func embeddingsMatchTheReferenceOneAtATime() async throws {
        let reference = try MiniLMReference.load()
        let embedder = try MiniLMReference.embedder.get()
        for item in reference.cases {
            let vector = try await embedder.embed(item.text)
            #expect(vector.count == 384)
            let cosine = VectorSimilarity.cosine(vector, item.embedding)
            #expect(cosine >= 0.9999, "case \(item.id): cosine \(cosine)")
        }
    }

    /// Queries from several threads at once: one shares the thread team, the others find it
    /// busy and run alone; all must give the same vectors.
    @Test func concurrentQueriesMatchTheReference() throws {
        let reference = try MiniLMReference.load()
        let embedder = try MiniLMReference.embedder.get()
        let cosines = Mutex<[String: Float]>([:])
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for index in stride(from: thread, to: reference.cases.count, by: 4) {
                let item = reference.cases[index]
                let vector = embedder.embedNow([item.text])[0]
                let cosine = VectorSimilarity.cosine(vector, item.embedding)
                cosines.withLock { $0[item.id] = cosine }
            }
        }
        let all = cosines.withLock { $0 }
        #expect(all.count == reference.cases.count)
        for (id, cosine) in all { #expect(cosine >= 0.9999, "case \(id): cosine \(cosine)") }
    }

    @Test func batchedEmbeddingsMatchTheReference() async throws {
        let reference = try MiniLMReference.load()
        let embedder = try MiniLMReference.embedder.get()
        let texts = (reference.cases + reference.cases.reversed()).map(\.text)
        let vectors = try await embedder.embed(texts)
        #expect(vectors.count == texts.count)
        for (index, item) in (reference.cases + reference.cases.reversed()).enumerated() {
            let cosine = VectorSimilarity.cosine(vectors[index], item.embedding)
            #expect(cosine >= 0.9999, "case \(item.id) in a batch: cosine \(cosine)")
            let norm = vectors[index].reduce(0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - 1) < 1e-5)
        }
    }

    /// The embedder keeps no reference to the vectors it returns (it once leaked one per text):
    /// changing a returned vector changes it in place rather than copying it first.
    @Test func returnedVectorsAreNotRetained() throws {
        let embedder = try MiniLMReference.embedder.get()
        var vectors = embedder.embedNow((0..<70).map { "sentence number \($0)" })
        for index in [0, 69] {
            let before = vectors[index].withUnsafeBufferPointer { $0.baseAddress }
            vectors[index][0] += 1
            #expect(vectors[index].withUnsafeBufferPointer { $0.baseAddress } == before, "vector \(index)")
        }
    }

    @Test func similarityMatrixReproducesThePublishedValues() async throws {
        let check = try MiniLMReference.load().similarity_check
        let vectors = try await MiniLMReference.embedder.get().embed(check.sentences)
        let pairs = [("0-1", 0, 1, 0.6660), ("0-2", 0, 2, 0.1046), ("1-2", 1, 2, 0.1411)]
        for (key, first, second, published) in pairs {
            let similarity = Double(VectorSimilarity.cosine(vectors[first], vectors[second]))
            #expect(abs(similarity - published) < 0.0005, "pair \(key): \(similarity)")
            #expect(abs(similarity - check.observed[key]!) < 0.0005)
        }
    }

    @Test func identityNamesModelAndWeights() throws {
        let embedder = try MiniLMReference.embedder.get()
        #expect(embedder.dimension == 384)
        #expect(embedder.weightsSHA256 == ModelFetcher.weightsSHA256)
        #expect(embedder.modelIdentity.contains(ModelFetcher.weightsSHA256))
        #expect(embedder.modelIdentity.contains("max_seq_length=256"))
    }
}
