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

    private struct ErrorBody: Decodable {
        struct Detail: Decodable { let message: String? }
        let error: Detail?
        let message: String?
    }

    public let configuration: Configuration
    private let session: URLSession

    public var dimension: Int { configuration.dimension }
    /// `openai-compatible:<host>/<model>:dim=<dimension>`.
    public var modelIdentity: String {
        "openai-compatible:\(configuration.baseURL.host ?? "local")/\(configuration.model):dim=\(configuration.dimension)"
    }

    public init(configuration: Configuration) {
        self.configuration = configuration
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        let seconds =
            Double(configuration.timeout.components.seconds)
            + Double(configuration.timeout.components.attoseconds) / 1e18
        sessionConfiguration.timeoutIntervalForRequest = seconds
        sessionConfiguration.timeoutIntervalForResource = seconds
        session = URLSession(configuration: sessionConfiguration)
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

    private var endpoint: URL { configuration.baseURL.appending(path: "embeddings") }

    private func embedBatch(_ texts: [String]) async throws(LLMClientError) -> [[Float]] {
        let body = RequestBody(
            model: configuration.model, input: texts,
            dimensions: configuration.sendsDimensions ? configuration.dimension : nil)
        var request = URLRequest(url: endpoint)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let apiKey = configuration.apiKey {
            request.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization")
        }
        request.httpBody = try? JSONEncoder().encode(body)
        let data = try await send(request)
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

    /// Sends `request`, retrying per the policy; returns the body of a 2xx answer.
    private func send(_ request: URLRequest) async throws(LLMClientError) -> Data {
        let url = endpoint.absoluteString
        var attempt = 1
        while true {
            let failure: LLMClientError
            var retryAfter: Duration?
            do {
                let (data, response) = try await session.data(for: request)
                guard let http = response as? HTTPURLResponse else {
                    throw LLMClientError.invalidResponse(reason: "not an HTTP response", url: url)
                }
                if (200...299).contains(http.statusCode) { return data }
                let status = LLMClientError.http(
                    status: http.statusCode, message: Self.errorMessage(in: data), url: url)
                guard RetryPolicy.isRetryable(status: http.statusCode) else { throw status }
                if let header = http.value(forHTTPHeaderField: "Retry-After"), let seconds = Double(header) {
                    retryAfter = .milliseconds(Int(seconds * 1000))
                }
                failure = status
            } catch let error as LLMClientError {
                throw error
            } catch {
                failure = .transport(message: error.localizedDescription, url: url)
            }
            guard attempt < configuration.retryPolicy.maxAttempts else { throw failure }
            try? await Task.sleep(
                for: configuration.retryPolicy.delay(afterAttempt: attempt, retryAfter: retryAfter))
            attempt += 1
        }
    }

    /// The server's error message: OpenAI's `{"error": {"message": …}}`, a top-level
    /// `message`, or else the body text itself.
    private static func errorMessage(in data: Data) -> String {
        if let body = try? JSONDecoder().decode(ErrorBody.self, from: data),
            let message = body.error?.message ?? body.message
        {
            return message
        }
        let text = String(decoding: data.prefix(500), as: UTF8.self).trimmingCharacters(
            in: .whitespacesAndNewlines)
        return text.isEmpty ? "(empty body)" : text
    }
}
