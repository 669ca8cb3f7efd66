import Foundation
import Memograph

/// The fixture `../shared/fixtures/minilm/reference.json` (official sentence-transformers
/// outputs for 41 hard inputs) and the model directory the reference tests run against.
struct MiniLMReference: Decodable, Sendable {
    struct Case: Decodable, Sendable {
        let id: String
        let text: String
        let input_ids: [Int32]
        let num_tokens_untruncated: Int
        let embedding: [Float]
    }

    struct SimilarityCheck: Decodable, Sendable {
        let sentences: [String]
        let observed: [String: Double]
    }

    let max_seq_length: Int
    let cases: [Case]
    let similarity_check: SimilarityCheck

    /// The fixture file, in the shared test data.
    static let fixtureURL = SharedFixtures.directory.appending(path: "fixtures/minilm/reference.json")

    /// The model directory (`$MEMOGRAPH_MODEL_DIR` or the user data directory).
    static let modelDirectory = ModelLocation.defaultDirectory()

    /// True when the weights are installed; otherwise the model tests are skipped
    /// (run `memograph model fetch` to install them).
    static let modelIsInstalled = FileManager.default.fileExists(
        atPath: modelDirectory.appending(path: "model.safetensors").path)

    static let fixtureExists = FileManager.default.fileExists(atPath: fixtureURL.path)

    static func load() throws -> MiniLMReference {
        try JSONDecoder().decode(MiniLMReference.self, from: Data(contentsOf: fixtureURL))
    }

    /// One shared model instance for all tests (loading maps 90 MB).
    static let embedder: Result<BertSentenceEmbedder, ModelError> = Result {
        () throws(ModelError) -> BertSentenceEmbedder in
        try BertSentenceEmbedder(directory: modelDirectory)
    }
}
