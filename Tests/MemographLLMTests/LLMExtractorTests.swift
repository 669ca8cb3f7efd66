import Foundation
import Memograph
import MemographLLM
import MemographTestSupport
import Testing

@Suite("LLM extractor over a loopback chat-completions stub")
struct LLMExtractorTests {
    static let ontology = try! OntologyLoader.loadDefault()
    private static let fastRetries = RetryPolicy(
        maxAttempts: 3, initialDelay: .milliseconds(10), multiplier: 2, maxDelay: .milliseconds(50))

    /// A chat completion as OpenAI-compatible servers send it, with `content` as the message.
    static func completion(_ content: String, prompt: Int = 812, completion: Int = 96)
        -> LoopbackHTTPServer.Response
    {
        let message = String(decoding: try! JSONSerialization.data(withJSONObject: [content]), as: UTF8.self)
            .dropFirst().dropLast()
        return .json(
            200,
            #"""
            {"id":"chatcmpl-9x1","object":"chat.completion","created":1764000000,"model":"qwen3:8b",
             "choices":[{"index":0,"message":{"role":"assistant","content":\#(message)},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":\#(prompt),"completion_tokens":\#(completion),"total_tokens":\#(prompt + completion)}}
            """#)
    }

    /// A recorded answer of a reasoning model: a `<think>` block, prose and a fenced JSON object.
    static let recordedAnswer = """
        <think>The user says Ada moved the api to 9090. "api" is the known Service.</think>
        Here is the extraction:
        ```json
        {"entities":[{"name":"Ada","type":"Person","aliases":[]},{"name":"api","type":"Service","aliases":[]}],
         "facts":[
          {"subject":"api","subject_type":"Service","relation":"listensOnPort","object":"9090","object_type":"literal",
           "valid_from":"2026-03-04","sentence":"we moved the api to port 9090 yesterday"},
          {"subject":"Ada","subject_type":"Person","relation":"maintains","object":"api","object_type":"Service",
           "valid_from":null,"sentence":"Ada maintains it"},
          {"subject":"Ada","subject_type":"Person","relation":"likesToEat","object":"pizza","object_type":"Thing",
           "valid_from":null,"sentence":"invented relation"},
          {"subject":"Ada","subject_type":"Wizard","relation":"uses","object":"vim","object_type":"Thing",
           "valid_from":null,"sentence":"invented type"}
         ]}
        ```
        """

    func extractor(_ server: LoopbackHTTPServer) -> LLMExtractor {
        LLMExtractor(
            configuration: .init(
                baseURL: server.baseURL.appending(path: "v1"), apiKey: "sk-test", model: "qwen3:8b",
                timeout: .seconds(10), retryPolicy: Self.fastRetries),
            ontology: Self.ontology)
    }

    func context() -> ExtractionContext {
        ExtractionContext(
            segments: [
                ExtractionSegment(
                    text: "we moved the api to port 9090 yesterday. Ada maintains it.", speaker: "Ada")
            ],
            occurredAt: ISO8601Fixture.march5,
            known: [KnownEntity(id: EntityID(7), type: "Service", name: "api")],
            ontology: Self.ontology)
    }

    @Test func sendsASchemaConstrainedRequestAndReadsTheAnswer() async throws {
        let server = try LoopbackHTTPServer { _, _ in Self.completion(Self.recordedAnswer) }
        defer { server.stop() }
        let extractor = extractor(server)
        let extraction = try await extractor.extract(context())

        #expect(
            extraction.facts == [
                CandidateFact(
                    subjectName: "api", subjectType: "Service", relation: "listensOnPort",
                    object: .literal("9090"),
                    validFrom: ISO8601Fixture.march4, sentence: "we moved the api to port 9090 yesterday"),
                CandidateFact(
                    subjectName: "Ada", subjectType: "Person", relation: "maintains",
                    object: .entity(name: "api", type: "Service"), sentence: "Ada maintains it"),
            ])
        #expect(extraction.entities.map(\.name) == ["Ada", "api"])
        #expect(extractor.usage == TokenUsage(requests: 1, promptTokens: 812, completionTokens: 96))
        #expect(extractor.name == "llm:qwen3:8b")

        let request = try #require(server.requests.first)
        #expect(request.path == "/v1/chat/completions")
        #expect(request.headers["authorization"] == "Bearer sk-test")
        let body = try #require(request.jsonBody)
        #expect(body["model"] as? String == "qwen3:8b")
        let format = try #require(body["response_format"] as? [String: Any])
        let schema = try #require(format["json_schema"] as? [String: Any])
        #expect(schema["strict"] as? Bool == true)
        let facts = (schema["schema"] as? [String: Any])?["properties"] as? [String: Any]
        let relation =
            ((facts?["facts"] as? [String: Any])?["items"] as? [String: Any])?["properties"]
            as? [String: Any]
        let relations = (relation?["relation"] as? [String: Any])?["enum"] as? [String]
        #expect(relations?.contains("listensOnPort") == true)
        #expect(relations?.contains("likesToEat") == false)
        let messages = try #require(body["messages"] as? [[String: String]])
        #expect(messages.first?["content"]?.contains("- Service: api") == true)
        #expect(
            messages.last?["content"] == "Ada: we moved the api to port 9090 yesterday. Ada maintains it.")
    }

    @Test func retriesServerErrorsAndCountsTokensOfTheAnswer() async throws {
        let server = try LoopbackHTTPServer { _, index in
            index == 0
                ? .json(503, #"{"error":{"message":"loading model"}}"#)
                : Self.completion(#"{"entities":[],"facts":[]}"#, prompt: 10, completion: 5)
        }
        defer { server.stop() }
        let extractor = extractor(server)
        #expect(try await extractor.extract(context()) == Extraction())
        #expect(server.requests.count == 2)
        #expect(extractor.usage == TokenUsage(requests: 1, promptTokens: 10, completionTokens: 5))
    }

    @Test func anAnswerWithoutJSONIsATypedError() async throws {
        let server = try LoopbackHTTPServer { _, _ in Self.completion("Sorry, I cannot help with that.") }
        defer { server.stop() }
        await #expect {
            try await extractor(server).extract(context())
        } throws: { error in
            guard case LLMClientError.invalidResponse(let reason, _) = error else { return false }
            return reason.hasPrefix("no JSON object in the answer")
        }
    }

    @Test func ingestKeepsTheEpisodeWhenTheModelFails() async throws {
        let server = try LoopbackHTTPServer { _, index in
            index == 0
                ? Self.completion(Self.recordedAnswer)
                : .json(400, #"{"error":{"message":"context too long"}}"#)
        }
        defer { server.stop() }
        let directory = try ScratchDirectory.make("memograph-llm")
        let store = try GraphStore(
            path: directory.appendingPathComponent("m.sqlite").path, ontology: Self.ontology)
        let options = IngestOptions(extractor: extractor(server))
        let first = try await store.ingest(
            IncomingEpisode(
                text: "we moved the api to port 9090 yesterday. Ada maintains it.", speaker: "Ada",
                occurredAt: ISO8601Fixture.march5),
            options: options)
        #expect(first.extractor == "llm:qwen3:8b")
        #expect(first.facts.count == 2)
        #expect(
            try store.facts(about: "Service:api", relation: "listensOnPort").map(\.objectText) == ["9090"])
        let second = try await store.ingest(IncomingEpisode(text: "a very long episode"), options: options)
        #expect(second.extractionError?.contains("HTTP 400: context too long") == true)
        #expect(second.facts.isEmpty)
        #expect(try store.episode(second.episode.id).content == "a very long episode")
    }

    @Test func readsItsConfigurationFromTheEnvironment() throws {
        let configuration = try LLMExtractor.Configuration.fromEnvironment([
            "MEMOGRAPH_LLM_BASE_URL": "http://localhost:11434/v1", "MEMOGRAPH_LLM_MODEL": "qwen3:8b",
        ])
        #expect(configuration.baseURL.absoluteString == "http://localhost:11434/v1")
        #expect(configuration.apiKey == nil)
        #expect(
            throws: MemographError.invalidArgument(
                field: "MEMOGRAPH_LLM_MODEL", reason: "not set (nor --llm-model)")
        ) {
            try LLMExtractor.Configuration.fromEnvironment([
                "MEMOGRAPH_LLM_BASE_URL": "http://localhost:11434/v1"
            ])
        }
    }

    @Test func flagsWinOverTheEnvironment() throws {
        let environment = [
            "MEMOGRAPH_LLM_BASE_URL": "http://localhost:11434/v1", "MEMOGRAPH_LLM_MODEL": "qwen3:8b",
            "MEMOGRAPH_LLM_API_KEY": "from-env",
        ]
        let configuration = try LLMExtractor.Configuration.fromEnvironment(
            environment,
            overriding: .init(
                baseURL: "https://api.openai.com/v1", model: "gpt-4o-mini", timeout: .seconds(7)))
        #expect(configuration.baseURL.absoluteString == "https://api.openai.com/v1")
        #expect(configuration.model == "gpt-4o-mini")
        #expect(configuration.apiKey == "from-env")
        #expect(configuration.timeout == .seconds(7))
        #expect(
            throws: MemographError.invalidArgument(
                field: "--llm-base-url", reason: "'localhost:8080' is not an http(s) URL")
        ) {
            try LLMExtractor.Configuration.fromEnvironment(
                environment, overriding: .init(baseURL: "localhost:8080"))
        }
        #expect(throws: MemographError.invalidArgument(field: "--llm-timeout", reason: "must be positive")) {
            try LLMExtractor.Configuration.fromEnvironment(environment, overriding: .init(timeout: .zero))
        }
    }
}

/// Instants of the recorded conversation.
enum ISO8601Fixture {
    static let march4 = try! ISO8601.parse("2026-03-04", field: "test")
    static let march5 = try! ISO8601.parse("2026-03-05T10:00:00Z", field: "test")
}
