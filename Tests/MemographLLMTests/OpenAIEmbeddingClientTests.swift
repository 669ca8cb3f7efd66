import Foundation
import Memograph
import MemographLLM
import MemographTestSupport
import Testing

@Suite("OpenAI-compatible embeddings client over loopback HTTP")
struct OpenAIEmbeddingClientTests {
    private static let fastRetries = RetryPolicy(
        maxAttempts: 3, initialDelay: .milliseconds(10), multiplier: 2, maxDelay: .milliseconds(50))

    private func client(
        _ server: LoopbackHTTPServer, dimension: Int = 3, sendsDimensions: Bool = false,
        retryPolicy: RetryPolicy = fastRetries, timeout: Duration = .seconds(10), maxBatchSize: Int = 128
    ) -> OpenAIEmbeddingClient {
        OpenAIEmbeddingClient(
            configuration: .init(
                baseURL: server.baseURL.appending(path: "v1"), apiKey: "sk-test", model: "text-embed-small",
                dimension: dimension, sendsDimensions: sendsDimensions, timeout: timeout,
                retryPolicy: retryPolicy,
                maxBatchSize: maxBatchSize))
    }

    /// An embeddings response whose vector for input i is [i, i + 0.5, -i], listed in reverse.
    private static func embeddings(for request: LoopbackHTTPServer.Request) -> LoopbackHTTPServer.Response {
        let inputs = request.jsonBody?["input"] as? [String] ?? []
        let items = inputs.indices.reversed().map { index in
            #"{"object":"embedding","index":\#(index),"embedding":[\#(index),\#(Double(index) + 0.5),-\#(index)]}"#
        }
        return .json(200, #"{"object":"list","data":[\#(items.joined(separator: ","))],"model":"m"}"#)
    }

    @Test func sendsTheOpenAIRequestAndOrdersVectorsByIndex() async throws {
        let server = try LoopbackHTTPServer { request, _ in Self.embeddings(for: request) }
        defer { server.stop() }
        let vectors = try await client(server, sendsDimensions: true).embed(["alpha", "beta"])
        #expect(vectors == [[0, 0.5, 0], [1, 1.5, -1]])
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/v1/embeddings")
        #expect(request.headers["authorization"] == "Bearer sk-test")
        #expect(request.headers["content-type"] == "application/json")
        let body = try #require(request.jsonBody)
        #expect(body["model"] as? String == "text-embed-small")
        #expect(body["input"] as? [String] == ["alpha", "beta"])
        #expect(body["encoding_format"] as? String == "float")
        #expect(body["dimensions"] as? Int == 3)
    }

    @Test func splitsLargeInputsIntoBatches() async throws {
        let server = try LoopbackHTTPServer { request, _ in Self.embeddings(for: request) }
        defer { server.stop() }
        let vectors = try await client(server, maxBatchSize: 2).embed(["a", "b", "c", "d", "e"])
        #expect(vectors.count == 5)
        #expect(server.requests.map { ($0.jsonBody?["input"] as? [String])?.count } == [2, 2, 1])
        #expect(server.requests.allSatisfy { $0.jsonBody?["dimensions"] == nil })
    }

    @Test func retriesServerErrorsThenSucceeds() async throws {
        let server = try LoopbackHTTPServer { request, index in
            index < 2 ? .json(500, #"{"error":{"message":"overloaded"}}"#) : Self.embeddings(for: request)
        }
        defer { server.stop() }
        let vectors = try await client(server).embed(["only"])
        #expect(vectors == [[0, 0.5, 0]])
        #expect(server.requests.count == 3)
    }

    @Test func retriesRateLimitsHonouringRetryAfter() async throws {
        let server = try LoopbackHTTPServer { request, index in
            index == 0
                ? .json(429, #"{"error":{"message":"slow down"}}"#, headers: ["Retry-After": "0"])
                : Self.embeddings(for: request)
        }
        defer { server.stop() }
        #expect(try await client(server).embed(["x"]).count == 1)
        #expect(server.requests.count == 2)
    }

    @Test func givesUpAfterTheLastAttemptWithTheServerMessage() async throws {
        let server = try LoopbackHTTPServer { _, _ in .json(503, #"{"error":{"message":"maintenance"}}"#) }
        defer { server.stop() }
        await #expect(
            throws: LLMClientError.http(
                status: 503, message: "maintenance",
                url: server.baseURL.appending(path: "v1/embeddings").absoluteString)
        ) {
            try await client(server).embed(["x"])
        }
        #expect(server.requests.count == 3)
    }

    @Test func unauthorizedIsNotRetried() async throws {
        let server = try LoopbackHTTPServer { _, _ in
            .json(401, #"{"error":{"message":"Incorrect API key provided","type":"invalid_request_error"}}"#)
        }
        defer { server.stop() }
        do {
            _ = try await client(server).embed(["x"])
            Issue.record("expected an error")
        } catch let error as LLMClientError {
            guard case .http(let status, let message, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(status == 401)
            #expect(message == "Incorrect API key provided")
            #expect(error.description.contains("HTTP 401"))
        }
        #expect(server.requests.count == 1)
    }

    @Test func malformedJSONIsAnInvalidResponse() async throws {
        let server = try LoopbackHTTPServer { _, _ in .json(200, #"{"data": [{"embedding": [1, 2"#) }
        defer { server.stop() }
        do {
            _ = try await client(server).embed(["x"])
            Issue.record("expected an error")
        } catch let error as LLMClientError {
            guard case .invalidResponse = error else {
                Issue.record("unexpected error \(error)")
                return
            }
        }
        #expect(server.requests.count == 1)
    }

    @Test func wrongDimensionOrCountIsAnInvalidResponse() async throws {
        let server = try LoopbackHTTPServer { request, _ in Self.embeddings(for: request) }
        defer { server.stop() }
        await #expect(throws: LLMClientError.self) { try await client(server, dimension: 4).embed(["x"]) }
        let short = try LoopbackHTTPServer { _, _ in
            .json(200, #"{"data":[{"index":0,"embedding":[1,2,3]}]}"#)
        }
        defer { short.stop() }
        await #expect(throws: LLMClientError.self) { try await client(short).embed(["x", "y"]) }
    }

    @Test func timeoutsAreTransportErrorsAfterRetries() async throws {
        let server = try LoopbackHTTPServer { request, _ in
            var response = Self.embeddings(for: request)
            response.delay = .milliseconds(800)
            return response
        }
        defer { server.stop() }
        let slow = client(
            server, retryPolicy: RetryPolicy(maxAttempts: 2, initialDelay: .milliseconds(10)),
            timeout: .milliseconds(200))
        do {
            _ = try await slow.embed(["x"])
            Issue.record("expected a timeout")
        } catch let error as LLMClientError {
            guard case .transport = error else {
                Issue.record("unexpected error \(error)")
                return
            }
        }
        // On a loaded machine the client can give up before the server thread has read the
        // request, which still sits in the socket: wait for it rather than race it.
        let deadline = ContinuousClock.now + .seconds(5)
        while server.requests.isEmpty, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(server.requests.count >= 1)
    }

    @Test func connectionRefusedIsATransportError() async throws {
        let server = try LoopbackHTTPServer { request, _ in Self.embeddings(for: request) }
        server.stop()
        await #expect(throws: LLMClientError.self) {
            try await client(server, retryPolicy: .none).embed(["x"])
        }
    }

    @Test func backoffGrowsExponentiallyUpToTheCap() {
        let policy = RetryPolicy(
            maxAttempts: 5, initialDelay: .milliseconds(100), multiplier: 2, maxDelay: .seconds(1))
        #expect(policy.delay(afterAttempt: 1) == .milliseconds(100))
        #expect(policy.delay(afterAttempt: 3) == .milliseconds(400))
        #expect(policy.delay(afterAttempt: 6) == .seconds(1))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(30)) == .seconds(1))
        #expect(RetryPolicy.isRetryable(status: 429) && RetryPolicy.isRetryable(status: 502))
        #expect(!RetryPolicy.isRetryable(status: 401) && !RetryPolicy.isRetryable(status: 400))
    }

    @Test func identityNamesEndpointModelAndDimension() throws {
        let embedder = OpenAIEmbeddingClient(
            configuration: .init(baseURL: URL(string: "https://api.openai.com/v1")!, model: "m", dimension: 8)
        )
        #expect(embedder.modelIdentity == "openai-compatible:api.openai.com/m:dim=8")
        #expect(embedder.dimension == 8)
    }
}
