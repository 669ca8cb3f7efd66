import Foundation
import Memograph

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// An `Embedder` backed by an OpenAI-compatible `POST /embeddings` endpoint (OpenAI, Ollama,
/// vLLM, llama.cpp, TEI). Long input lists are split into requests of `maxBatchSize`; failed
/// requests are retried per `retryPolicy`.
public struct OpenAIEmbeddingClient: Embedder {
    /// Where and what to ask.
    public struct Configuration: Sendable {
        /// The API root including its version, e.g. `https://api.openai.com/v1`.
        public var baseURL: URL
        /// Sent as `Authorization: Bearer …` when set.
        public var apiKey: String?
        public var model: String
        /// Length of the vectors the model returns.
        public var dimension: Int
        /// Ask the server to shorten vectors to `dimension` (the `dimensions` request field,
        /// supported by OpenAI's text-embedding-3 models).
        public var sendsDimensions: Bool
        /// Per-request timeout.
        public var timeout: Duration
        public var retryPolicy: RetryPolicy
        public var maxBatchSize: Int

        public init(
            baseURL: URL, apiKey: String? = nil, model: String, dimension: Int, sendsDimensions: Bool = false,
            timeout: Duration = .seconds(60), retryPolicy: RetryPolicy = RetryPolicy(),
            maxBatchSize: Int = 128
        ) {
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.model = model
            self.dimension = dimension
            self.sendsDimensions = sendsDimensions
            self.timeout = timeout
            self.retryPolicy = retryPolicy
            self.maxBatchSize = max(1, maxBatchSize)
        }
    }

    private struct RequestBody: Encodable {
        let model: String
        let input: [String]
        let encoding_format = "float"
        let dimensions: Int?
    }

    private struct ResponseBody: Decodable {
        struct Item: Decodable {
            let index: Int?
            let embedding: [Float]
        }
        let data: [Item]
    }

    public let configuration: Configuration
    private let transport: OpenAITransport

    public var dimension: Int { configuration.dimension }
    /// `openai-compatible:<host>/<model>:dim=<dimension>`.
    public var modelIdentity: String {
        "openai-compatible:\(configuration.baseURL.host ?? "local")/\(configuration.model):dim=\(configuration.dimension)"
    }

    public init(configuration: Configuration) {
        self.configuration = configuration
        transport = OpenAITransport(
            baseURL: configuration.baseURL, apiKey: configuration.apiKey, timeout: configuration.timeout,
            retryPolicy: configuration.retryPolicy)
    }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        var vectors: [[Float]] = []
        vectors.reserveCapacity(texts.count)
        var start = 0
        while start < texts.count {
            let end = min(start + configuration.maxBatchSize, texts.count)
            vectors += try await embedBatch(Array(texts[start..<end]))
            start = end
        }
        return vectors
    }

    private var endpoint: URL { transport.endpoint("embeddings") }

    private func embedBatch(_ texts: [String]) async throws(LLMClientError) -> [[Float]] {
        let body = RequestBody(
            model: configuration.model, input: texts,
            dimensions: configuration.sendsDimensions ? configuration.dimension : nil)
        let data = try await transport.post("embeddings", body: (try? JSONEncoder().encode(body)) ?? Data())
        let decoded: ResponseBody
        do {
            decoded = try JSONDecoder().decode(ResponseBody.self, from: data)
        } catch {
            throw .invalidResponse(
                reason: "the body is not an embeddings response (\(error))", url: endpoint.absoluteString)
        }
        guard decoded.data.count == texts.count else {
            throw .invalidResponse(
                reason: "\(decoded.data.count) embeddings for \(texts.count) inputs",
                url: endpoint.absoluteString)
        }
        let ordered = decoded.data.enumerated().sorted {
            ($0.element.index ?? $0.offset) < ($1.element.index ?? $1.offset)
        }
        var vectors: [[Float]] = []
        for item in ordered {
            guard item.element.embedding.count == configuration.dimension else {
                throw .invalidResponse(
                    reason:
                        "an embedding has \(item.element.embedding.count) dimensions, expected \(configuration.dimension)",
                    url: endpoint.absoluteString)
            }
            vectors.append(item.element.embedding)
        }
        return vectors
    }
}
