import Foundation
import Memograph

/// A ``Reranker`` backed by a rerank endpoint, `POST <base>/rerank` in the form Cohere and Jina
/// defined and vLLM, llama.cpp's server and Infinity serve: a cross-encoder (bge-reranker-v2-m3,
/// jina-reranker-v2) reads the query with each passage and scores how well it answers.
///
/// All passages go in one request with `top_n` set to their number; an answer must score each
/// of them once, or it is an ``LLMClientError/invalidResponse(reason:url:)``.
public struct RerankEndpointClient: Reranker {
    /// Where and what to ask.
    public struct Configuration: Sendable {
        /// The API root including its version, e.g. `http://localhost:8000/v1`.
        public var baseURL: URL
        /// Sent as `Authorization: Bearer …` when set.
        public var apiKey: String?
        /// The reranker model the server knows (`BAAI/bge-reranker-v2-m3`).
        public var model: String
        /// Per-request timeout.
        public var timeout: Duration
        /// How failed requests are repeated.
        public var retryPolicy: RetryPolicy

        /// Creates a configuration.
        public init(
            baseURL: URL, apiKey: String? = nil, model: String, timeout: Duration = .seconds(60),
            retryPolicy: RetryPolicy = RetryPolicy()
        ) {
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.model = model
            self.timeout = timeout
            self.retryPolicy = retryPolicy
        }

        /// Reads `MEMOGRAPH_RERANK_BASE_URL`, `MEMOGRAPH_RERANK_MODEL` and (optional)
        /// `MEMOGRAPH_RERANK_API_KEY`; a setting in `overrides` wins over its variable. An error
        /// names both places a missing or malformed setting can come from.
        public static func fromEnvironment(
            _ environment: [String: String] = ProcessInfo.processInfo.environment,
            overriding overrides: EndpointOverrides = EndpointOverrides()
        ) throws -> Configuration {
            try overrides.configuration(
                environment, variables: "MEMOGRAPH_RERANK", flags: "rerank",
                example: "http://localhost:8000/v1")
        }
    }

    private struct RequestBody: Encodable {
        let model: String
        let query: String
        let documents: [String]
        let top_n: Int
    }

    private struct ResponseBody: Decodable {
        struct Result: Decodable {
            let index: Int
            let relevance_score: Double
        }
        let results: [Result]
    }

    /// Where and what it asks.
    public let configuration: Configuration
    private let transport: OpenAITransport

    /// `rerank:<model>`.
    public var name: String { "rerank:\(configuration.model)" }

    /// A client for the configured endpoint.
    public init(configuration: Configuration) {
        self.configuration = configuration
        transport = OpenAITransport(
            baseURL: configuration.baseURL, apiKey: configuration.apiKey, timeout: configuration.timeout,
            retryPolicy: configuration.retryPolicy)
    }

    /// The endpoint's relevance score of each passage, in their order.
    ///
    /// - Throws: ``LLMClientError`` when the request fails or the answer does not score every
    ///   passage exactly once.
    public func scores(query: String, passages: [String]) async throws -> [Double] {
        guard !passages.isEmpty else { return [] }
        let body = try JSONEncoder().encode(
            RequestBody(model: configuration.model, query: query, documents: passages, top_n: passages.count))
        let data = try await transport.post("rerank", body: body)
        let url = transport.endpoint("rerank").absoluteString
        let results: [ResponseBody.Result]
        do {
            results = try JSONDecoder().decode(ResponseBody.self, from: data).results
        } catch {
            throw LLMClientError.invalidResponse(
                reason: "the body is not a rerank response (\(error))", url: url)
        }
        var scores = [Double?](repeating: nil, count: passages.count)
        for result in results {
            guard scores.indices.contains(result.index) else {
                throw LLMClientError.invalidResponse(
                    reason: "index \(result.index) is not one of the \(passages.count) documents", url: url)
            }
            guard scores[result.index] == nil else {
                throw LLMClientError.invalidResponse(
                    reason: "document \(result.index) is scored twice", url: url)
            }
            scores[result.index] = result.relevance_score
        }
        let scored = scores.compactMap { $0 }
        guard scored.count == passages.count else {
            throw LLMClientError.invalidResponse(
                reason: "scored \(scored.count) of the \(passages.count) documents", url: url)
        }
        return scored
    }
}

extension RerankEndpointClient.Configuration: EndpointConfiguration {
    static func endpoint(baseURL: URL, apiKey: String?, model: String) -> Self {
        Self(baseURL: baseURL, apiKey: apiKey, model: model)
    }
}
