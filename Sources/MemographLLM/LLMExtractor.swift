import Foundation
import Memograph

/// An ``Extractor`` backed by an OpenAI-compatible chat-completions endpoint (OpenAI, Ollama,
/// vLLM, llama.cpp): one request per episode, structured output constrained by a JSON schema to
/// the ontology's types and relations, with the store's known entities in the prompt.
///
/// Answers wrapped in prose, code fences or `<think>` blocks are accepted; facts naming a type
/// or relation the ontology lacks are dropped; tokens are counted in ``usage``.
public struct LLMExtractor: Extractor {
    /// Where and what to ask.
    public struct Configuration: Sendable {
        /// The API root including its version, e.g. `https://api.openai.com/v1`.
        public var baseURL: URL
        /// Sent as `Authorization: Bearer …` when set.
        public var apiKey: String?
        /// The model name the server knows (`gpt-4o-mini`, `qwen3:8b`).
        public var model: String
        /// Per-request timeout.
        public var timeout: Duration
        /// How failed requests are repeated.
        public var retryPolicy: RetryPolicy
        /// `max_tokens` for the answer, when set.
        public var maxTokens: Int?

        /// Creates a configuration.
        public init(
            baseURL: URL, apiKey: String? = nil, model: String, timeout: Duration = .seconds(120),
            retryPolicy: RetryPolicy = RetryPolicy(), maxTokens: Int? = nil
        ) {
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.model = model
            self.timeout = timeout
            self.retryPolicy = retryPolicy
            self.maxTokens = maxTokens
        }

        /// Reads `MEMOGRAPH_LLM_BASE_URL`, `MEMOGRAPH_LLM_MODEL` and (optional)
        /// `MEMOGRAPH_LLM_API_KEY`; a setting in `overrides` wins over its variable. An error names
        /// both places a missing or malformed setting can come from.
        public static func fromEnvironment(
            _ environment: [String: String] = ProcessInfo.processInfo.environment,
            overriding overrides: EndpointOverrides = EndpointOverrides()
        ) throws -> Configuration {
            try overrides.configuration(
                environment, variables: "MEMOGRAPH_LLM", flags: "llm", example: "http://localhost:11434/v1")
        }
    }

    /// Where and what it asks.
    public let configuration: Configuration
    private let ontology: Ontology?
    private let transport: OpenAITransport
    private let meter = TokenMeter()

    /// `llm:<model>`.
    public var name: String { "llm:\(configuration.model)" }

    /// Tokens spent so far by this extractor (and its copies).
    public var usage: TokenUsage { meter.usage }

    /// An extractor for the store's ontology (`ontology` overrides the one in each context).
    public init(configuration: Configuration, ontology: Ontology? = nil) {
        self.configuration = configuration
        self.ontology = ontology
        transport = OpenAITransport(
            baseURL: configuration.baseURL, apiKey: configuration.apiKey, timeout: configuration.timeout,
            retryPolicy: configuration.retryPolicy)
    }

    /// Asks the model for the episode's entities and facts and keeps those the ontology admits.
    public func extract(_ context: ExtractionContext) async throws -> Extraction {
        var context = context
        if let ontology { context.ontology = ontology }
        let prompt = ExtractionPrompt(context: context)
        let url = transport.endpoint("chat/completions").absoluteString
        let data = try await transport.post(
            "chat/completions",
            body: prompt.body(model: configuration.model, maxTokens: configuration.maxTokens))
        let reply = try ChatCompletionReply(data: data, url: url)
        meter.add(prompt: reply.usage?.prompt_tokens ?? 0, completion: reply.usage?.completion_tokens ?? 0)
        return Self.extraction(from: try reply.payload(url: url), ontology: context.ontology)
    }

    /// The payload's entities and facts that the ontology admits, with canonical names.
    static func extraction(from payload: ChatCompletionReply.Payload, ontology: Ontology?) -> Extraction {
        func type(_ written: String?) -> String? {
            guard let written, !written.isEmpty, written != "Thing" else { return "Thing" }
            guard let ontology else { return written }
            return ontology.resolveClass(written)?.name
        }
        let entities = (payload.entities ?? []).compactMap { entity -> CandidateEntity? in
            let name = entity.name.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !name.isEmpty, let type = type(entity.type) else { return nil }
            return CandidateEntity(name: name, type: type, aliases: entity.aliases ?? [])
        }
        let facts = (payload.facts ?? []).compactMap { fact -> CandidateFact? in
            let subject = fact.subject.trimmingCharacters(in: .whitespacesAndNewlines)
            let object = fact.object.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !subject.isEmpty, !object.isEmpty, let subjectType = type(fact.subject_type) else {
                return nil
            }
            let relation: String
            if let ontology {
                guard let property = ontology.resolveProperty(fact.relation) else { return nil }
                relation = property.name
            } else {
                relation = fact.relation
            }
            let value: CandidateFact.Object
            if fact.object_type == "literal" {
                value = .literal(object)
            } else {
                guard let objectType = type(fact.object_type) else { return nil }
                value = .entity(name: object, type: objectType)
            }
            return CandidateFact(
                subjectName: subject, subjectType: subjectType, relation: relation, object: value,
                validFrom: fact.valid_from.flatMap { try? ISO8601.parse($0, field: "valid_from") },
                sentence: fact.sentence ?? "\(subject) \(relation) \(object)")
        }
        return Extraction(entities: entities, facts: facts)
    }
}

extension LLMExtractor.Configuration: EndpointConfiguration {
    static func endpoint(baseURL: URL, apiKey: String?, model: String) -> Self {
        Self(baseURL: baseURL, apiKey: apiKey, model: model)
    }
}
