import Foundation
import Memograph
import MemographLLM
import MemographTestSupport
import Testing

@Suite("Rerank endpoint client over loopback HTTP")
struct RerankEndpointClientTests {
    private static let fastRetries = RetryPolicy(
        maxAttempts: 3, initialDelay: .milliseconds(10), multiplier: 2, maxDelay: .milliseconds(50))

    private func client(_ server: LoopbackHTTPServer) -> RerankEndpointClient {
        RerankEndpointClient(
            configuration: .init(
                baseURL: server.baseURL.appending(path: "v1"), apiKey: "sk-test", model: "bge-reranker-v2-m3",
                retryPolicy: Self.fastRetries))
    }

    /// A cross-encoder as vLLM answers: each document containing a word of `answers` scores
    /// 0.9 (others 0.02 + 0.01 × index), results sorted best first, documents echoed, usage counted.
    private static func rerank(_ request: LoopbackHTTPServer.Request, answers: [String])
        -> LoopbackHTTPServer.Response
    {
        let documents = request.jsonBody?["documents"] as? [String] ?? []
        let scored = documents.enumerated().map { index, text in
            (
                index, text,
                answers.contains { text.lowercased().contains($0) } ? 0.9 : 0.02 + 0.01 * Double(index)
            )
        }
        let results = scored.sorted { $0.2 > $1.2 }.map { index, text, score in
            let document = String(
                decoding: try! JSONSerialization.data(withJSONObject: ["text": text]), as: UTF8.self)
            return #"{"index":\#(index),"document":\#(document),"relevance_score":\#(score)}"#
        }
        return .json(
            200,
            #"{"id":"rerank-1","model":"bge-reranker-v2-m3","usage":{"total_tokens":42},"results":[\#(results.joined(separator: ","))]}"#
        )
    }

    @Test func sendsTheRerankRequestAndReadsScoresByIndex() async throws {
        let server = try LoopbackHTTPServer { request, _ in Self.rerank(request, answers: ["sweden"]) }
        defer { server.stop() }
        let reranker = client(server)
        #expect(reranker.name == "rerank:bge-reranker-v2-m3")
        let scores = try await reranker.scores(
            query: "where did Caroline move from?",
            passages: ["we talked", "my home country, Sweden", "lunch"])
        #expect(scores == [0.02, 0.9, 0.04])
        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.path == "/v1/rerank")
        #expect(request.headers["authorization"] == "Bearer sk-test")
        let body = try #require(request.jsonBody)
        #expect(body["model"] as? String == "bge-reranker-v2-m3")
        #expect(body["query"] as? String == "where did Caroline move from?")
        #expect(body["documents"] as? [String] == ["we talked", "my home country, Sweden", "lunch"])
        #expect(body["top_n"] as? Int == 3)
        #expect(try await reranker.scores(query: "q", passages: []) == [])
        #expect(server.requests.count == 1)
    }

    @Test func searchReordersItsHitsByTheEndpointsScores() async throws {
        let directory = try ScratchDirectory.make("memograph-rerank")
        let store = try GraphStore(path: directory.appendingPathComponent("memory.sqlite").path)
        defer { try? store.close() }
        for padding in 1...4 {
            try store.addEpisode(
                "we talked about where you did move from" + String(repeating: " and so on", count: padding),
                role: "Sam")
        }
        let answer = try store.addEpisode(
            "I had to move on, and my home country, Sweden, still feels close to me every single day",
            role: "Caroline")
        let server = try LoopbackHTTPServer { request, _ in Self.rerank(request, answers: ["sweden"]) }
        defer { server.stop() }
        let options = SearchOptions(limit: 2, depth: 0, namedSpeakerBoost: 0, explain: true)
        let plain = try await store.search("where did Caroline move from", options: options)
        #expect(!plain.episodes.map(\.item.id).contains(answer.id))

        let reranked = try await store.search(
            "where did Caroline move from", options: options, reranker: client(server))
        #expect(reranked.episodes.map(\.item.id).first == answer.id)
        #expect(reranked.episodes.first?.score == 0.9)
        #expect(reranked.episodes.count == 2)
        #expect((server.requests.first?.jsonBody?["documents"] as? [String])?.count == 5)
    }

    @Test func anAnswerThatDoesNotScoreEachDocumentOnceIsAnInvalidResponse() async throws {
        let answers = [
            #"{"results":[{"index":0,"relevance_score":0.5},{"index":2,"relevance_score":0.1}]}"#:
                "index 2 is not one of the 2 documents",
            #"{"results":[{"index":0,"relevance_score":0.5},{"index":0,"relevance_score":0.1}]}"#:
                "document 0 is scored twice",
            #"{"results":[{"index":1,"relevance_score":0.5}]}"#: "scored 1 of the 2 documents",
        ]
        for (body, reason) in answers {
            let server = try LoopbackHTTPServer { _, _ in .json(200, body) }
            defer { server.stop() }
            await #expect(
                throws: LLMClientError.invalidResponse(
                    reason: reason, url: server.baseURL.appending(path: "v1/rerank").absoluteString)
            ) {
                try await client(server).scores(query: "q", passages: ["a", "b"])
            }
        }
        let malformed = try LoopbackHTTPServer { _, _ in .json(200, #"{"data":[{"index":0}]}"#) }
        defer { malformed.stop() }
        do {
            _ = try await client(malformed).scores(query: "q", passages: ["a"])
            Issue.record("expected an error")
        } catch let error as LLMClientError {
            guard case .invalidResponse(let reason, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(reason.hasPrefix("the body is not a rerank response"))
        }
    }

    @Test func anOverloadedServerIsAskedAgain() async throws {
        let server = try LoopbackHTTPServer { request, sequence in
            sequence == 0
                ? .json(503, #"{"error":{"message":"busy"}}"#) : Self.rerank(request, answers: ["b"])
        }
        defer { server.stop() }
        #expect(try await client(server).scores(query: "q", passages: ["a", "b"]) == [0.02, 0.9])
        #expect(server.requests.count == 2)
        let refusing = try LoopbackHTTPServer { _, _ in
            .json(400, #"{"error":{"message":"model not found"}}"#)
        }
        defer { refusing.stop() }
        await #expect(
            throws: LLMClientError.http(
                status: 400, message: "model not found",
                url: refusing.baseURL.appending(path: "v1/rerank").absoluteString)
        ) {
            try await client(refusing).scores(query: "q", passages: ["a"])
        }
        #expect(refusing.requests.count == 1)
    }

    @Test func readsItsConfigurationFromTheEnvironmentAndFlags() throws {
        let environment = [
            "MEMOGRAPH_RERANK_BASE_URL": "http://localhost:8000/v1",
            "MEMOGRAPH_RERANK_MODEL": "BAAI/bge-reranker-v2-m3",
            "MEMOGRAPH_LLM_MODEL": "qwen3:8b",
        ]
        let configuration = try RerankEndpointClient.Configuration.fromEnvironment(environment)
        #expect(configuration.baseURL.absoluteString == "http://localhost:8000/v1")
        #expect(configuration.model == "BAAI/bge-reranker-v2-m3")
        #expect(configuration.apiKey == nil)
        let flagged = try RerankEndpointClient.Configuration.fromEnvironment(
            environment, overriding: .init(model: "jina-reranker-v2", apiKey: "k", timeout: .seconds(3)))
        #expect(flagged.model == "jina-reranker-v2")
        #expect(flagged.apiKey == "k")
        #expect(flagged.timeout == .seconds(3))
        #expect(
            throws: MemographError.invalidArgument(
                field: "MEMOGRAPH_RERANK_BASE_URL",
                reason: "not set (nor --rerank-base-url; e.g. http://localhost:8000/v1)")
        ) {
            try RerankEndpointClient.Configuration.fromEnvironment([
                "MEMOGRAPH_LLM_BASE_URL": "http://localhost:1/v1"
            ])
        }
        #expect(
            throws: MemographError.invalidArgument(
                field: "--rerank-base-url", reason: "'localhost:8000' is not an http(s) URL")
        ) {
            try RerankEndpointClient.Configuration.fromEnvironment(
                environment, overriding: .init(baseURL: "localhost:8000"))
        }
        #expect(
            throws: MemographError.invalidArgument(
                field: "MEMOGRAPH_RERANK_MODEL", reason: "not set (nor --rerank-model)")
        ) {
            try RerankEndpointClient.Configuration.fromEnvironment([
                "MEMOGRAPH_RERANK_BASE_URL": "http://h:1/v1"
            ])
        }
    }
}
