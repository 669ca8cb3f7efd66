import Dispatch
import Foundation
import Synchronization

/// A BERT-family sentence-embedding model run in Swift (default: all-MiniLM-L6-v2, 384
/// dimensions): WordPiece tokenisation, the encoder on BLAS `sgemm`, mean pooling over the
/// tokens and L2 normalisation. Loads a sentence-transformers model folder with
/// `model.safetensors` (memory-mapped), `config.json`, `vocab.txt`,
/// `sentence_bert_config.json` and `1_Pooling/config.json`.
///
/// Texts are sorted by length and packed into batches; batches run on all cores.
public final class BertSentenceEmbedder: Embedder {
    /// At most this many texts go through the encoder together.
    public static let batchSize = 32
    /// At most this many tokens go through the encoder together, which bounds memory.
    public static let maxTokensPerBatch = 4096

    /// A single batch of fewer tokens than this is embedded as a query: its products run on the
    /// half-precision panels, shared by the cores (see `BertEncoder.embed`). Larger
    /// single batches run multi-threaded BLAS.
    static let queryTokenLimit = 256

    public let directory: URL
    public let configuration: BertConfiguration
    public let tokenizer: WordPieceTokenizer
    public let dimension: Int
    /// Folder name, weights' SHA-256, pooling and sequence limit, e.g.
    /// `all-MiniLM-L6-v2@sha256:53aa…;mean;max_seq_length=256`.
    public let modelIdentity: String
    /// SHA-256 of `model.safetensors`.
    public let weightsSHA256: String
    private let encoder: BertEncoder
    /// Runs one embedding call at a time: the work already uses every core.
    private let queue = DispatchQueue(label: "memograph.bert-sentence-embedder")

    /// Loads the model in `directory` (see `ModelLocation` for the default). A missing or
    /// malformed model is a `ModelError` that names the file and `memograph model fetch`.
    public convenience init(directory: URL = ModelLocation.defaultDirectory()) throws(ModelError) {
        try self.init(directory: directory, expectedSHA256: nil)
    }

    /// Loads the model in `directory`, and when `expectedSHA256` is given, refuses weights
    /// with another hash.
    public init(directory: URL, expectedSHA256: String?) throws(ModelError) {
        for file in [ModelChecksum.weightsFile, "config.json", "vocab.txt"]
        where !FileManager.default.fileExists(atPath: directory.appending(path: file).path) {
            throw .missingModel(directory: directory.path, missingFile: file)
        }
        let configuration = try BertConfiguration(directory: directory)
        let vocabularyURL = directory.appending(path: "vocab.txt")
        let vocabulary = try Vocabulary(contentsOf: vocabularyURL)
        guard vocabulary.tokens.count <= configuration.vocabularySize else {
            throw .invalidFile(
                path: vocabularyURL.path,
                reason: "\(vocabulary.tokens.count) tokens but the model has \(configuration.vocabularySize)")
        }
        let hash = try ModelChecksum.sha256(ofWeightsIn: directory)
        let weightsPath = directory.appending(path: ModelChecksum.weightsFile).path
        if let expectedSHA256, hash != expectedSHA256 {
            throw .checksumMismatch(path: weightsPath, expected: expectedSHA256, actual: hash)
        }
        let weights: BertWeights
        do {
            weights = try BertWeights(file: SafetensorsFile(path: weightsPath), configuration: configuration)
        } catch {
            throw .invalidWeights(error)
        }
        self.directory = directory
        self.configuration = configuration
        self.tokenizer = try WordPieceTokenizer(
            vocabulary: vocabulary, maxLength: configuration.maxSequenceLength,
            lowercase: configuration.lowercase,
            stripAccents: configuration.stripAccents, splitsCJKCharacters: configuration.splitsCJKCharacters)
        self.dimension = configuration.hiddenSize
        self.weightsSHA256 = hash
        self.modelIdentity =
            "\(directory.standardizedFileURL.lastPathComponent)@sha256:\(hash);mean;max_seq_length=\(configuration.maxSequenceLength)"
        self.encoder = BertEncoder(weights: weights, configuration: configuration)
    }

    /// The model's token ids for `text` (what the encoder sees).
    public func tokenIDs(_ text: String) -> [Int32] {
        tokenizer.encode(configuration.lowercasesInput ? text.lowercased() : text)
    }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        await withCheckedContinuation { continuation in
            queue.async { continuation.resume(returning: self.embedNow(texts)) }
        }
    }

    /// Embeds on the calling thread (the batches still spread over all cores).
    public func embedNow(_ texts: [String]) -> [[Float]] {
        let sequences = tokenized(texts)
        let batches = Self.batches(lengths: sequences.map(\.count))
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let workers = max(1, min(cores, batches.count))
        let tokenCount = sequences.reduce(0) { $0 + $1.count }
        MatrixProduct.setThreadCount(
            workers > 1 || tokenCount < Self.queryTokenLimit ? 1 : cores)
        let encoder = self.encoder
        // One short batch (a query) cannot keep the cores busy by batches: its products run on
        // the half-precision panels, and the thread team shares out each stage instead.
        let onPanels = workers == 1 && tokenCount < Self.queryTokenLimit
        return Self.filled(count: texts.count) { buffer in
            nonisolated(unsafe) let results = buffer
            // Each worker takes the longest batch left, so that the cores finish together.
            let taken = Atomic(0)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while case let index = taken.wrappingAdd(1, ordering: .relaxed).oldValue,
                    index < batches.count
                {
                    let members = batches[batches.count - 1 - index]
                    let vectors = encoder.embed(members.map { sequences[$0] }, onPanels: onPanels)
                    for (member, vector) in zip(members, vectors) { results[member] = vector }
                }
            }
        }
    }

    /// The token ids of every text, split between the cores when there are enough texts for it
    /// to pay, so that one core does not tokenise while the other waits for the first batch.
    private func tokenized(_ texts: [String]) -> [[Int32]] {
        let parts = ProcessInfo.processInfo.activeProcessorCount
        guard texts.count >= 64, parts > 1 else { return texts.map(tokenIDs) }
        return Self.filled(count: texts.count) { buffer in
            nonisolated(unsafe) let results = buffer
            let share = (texts.count + parts - 1) / parts
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                for index in (part * share)..<min(texts.count, (part + 1) * share) {
                    results[index] = self.tokenIDs(texts[index])
                }
            }
        }
    }

    /// An array of `count` elements that `fill` writes in place, possibly from several threads
    /// at once, each element from one thread only. Every element starts empty.
    private static func filled<Element: Sendable>(
        count: Int, _ fill: (UnsafeMutableBufferPointer<[Element]>) -> Void
    ) -> [[Element]] {
        [[Element]](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.initialize(repeating: [])
            initialized = count
            fill(buffer)
        }
    }

    /// Groups text indices, shortest first, into batches of at most `batchSize` texts and
    /// `maxTokensPerBatch` tokens, so that texts of similar length run together.
    static func batches(lengths: [Int]) -> [[Int]] {
        let order = lengths.indices.sorted { lengths[$0] < lengths[$1] }
        var batches: [[Int]] = []
        var tokensInBatch = 0
        for index in order {
            if batches.isEmpty || batches[batches.count - 1].count == batchSize
                || tokensInBatch + lengths[index] > maxTokensPerBatch
            {
                batches.append([])
                tokensInBatch = 0
            }
            batches[batches.count - 1].append(index)
            tokensInBatch += lengths[index]
        }
        return batches
    }
}
