import Foundation
import Memograph

/// The chat-completions request the LLM extractor sends for one episode: instructions naming
/// the ontology's types and relations, the store's entities the episode names (so the model
/// reuses them), the episode's time and speakers, and a strict JSON schema whose enums are the
/// ontology's class and property names.
struct ExtractionPrompt {
    let context: ExtractionContext
    /// Class names the model may use as types.
    let types: [String]
    /// Property names with their domain → range, for the instructions.
    let relations: [(name: String, signature: String)]

    init(context: ExtractionContext) {
        self.context = context
        if let ontology = context.ontology {
            types = ontology.classes.map(\.name).sorted()
            relations = ontology.properties.map { property in
                let domain = property.domain.map(OntologyName.localName(of:)).joined(separator: "|")
                let range =
                    property.range.datatype.map { "literal \($0.rawValue)" }
                    ?? property.range.classes.map(OntologyName.localName(of:)).joined(separator: "|")
                let functional = property.isFunctional ? ", one value at a time" : ""
                return (
                    property.name,
                    "\(domain.isEmpty ? "anything" : domain) → \(range.isEmpty ? "anything" : range)\(functional)"
                )
            }.sorted { $0.name < $1.name }
        } else {
            types = []
            relations = []
        }
    }

    /// The JSON request body.
    func body(model: String, maxTokens: Int?) throws -> Data {
        var body: [String: Any] = [
            "model": model,
            "temperature": 0,
            "messages": [
                ["role": "system", "content": instructions],
                ["role": "user", "content": episodeText],
            ],
            "response_format": [
                "type": "json_schema",
                "json_schema": ["name": "memograph_extraction", "strict": true, "schema": schema],
            ],
        ]
        if let maxTokens { body["max_tokens"] = maxTokens }
        return try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
    }

    var instructions: String {
        var lines = [
            "You extract long-term memory from one episode of a conversation or document.",
            "Return the entities it names and the facts it states, as JSON matching the schema.",
            "Only state facts the text asserts; never guess. Skip negated, hypothetical and questioned facts.",
            "Use only these entity types: \(types.joined(separator: ", ")) (Thing when none fits).",
            "Use only these relations (subject type → object type):",
        ]
        lines += relations.map { "- \($0.name): \($0.signature)" }
        lines += [
            "For a relation to a literal, set object_type to \"literal\" and object to the value (e.g. 9090).",
            "valid_from: the ISO 8601 date the fact started to hold when the text says (resolve \"yesterday\", "
                + "\"last week\", \"since March\" against the episode time), else null.",
            "sentence: the sentence the fact comes from, copied from the text.",
            "\"I\" and \"me\" are the speaker of the message.",
            "The episode happened at \(ISO8601.format(context.occurredAt)).",
        ]
        let known = context.known + context.scope
        if !known.isEmpty {
            lines.append(
                "Entities already known (reuse these exact names and types when the text refers to them):")
            lines += known.map { entity in
                "- \(entity.type): \(entity.name)"
                    + (entity.aliases.isEmpty ? "" : " (also \(entity.aliases.joined(separator: ", ")))")
            }
        }
        if !context.scope.isEmpty {
            lines.append(
                "The episode is about: \(context.scope.map { "\($0.type): \($0.name)" }.joined(separator: ", "))"
                    + " (\"this repo\", \"this service\" refer to them).")
        }
        return lines.joined(separator: "\n")
    }

    var episodeText: String {
        context.segments.map { segment in
            guard let speaker = segment.speaker ?? segment.role else { return segment.text }
            return "\(speaker): \(segment.text)"
        }.joined(separator: "\n")
    }

    private var schema: [String: Any] {
        let typeSchema: [String: Any] =
            types.isEmpty ? ["type": "string"] : ["type": "string", "enum": types + ["Thing"]]
        let objectTypeSchema: [String: Any] =
            types.isEmpty ? ["type": "string"] : ["type": "string", "enum": types + ["Thing", "literal"]]
        let relationSchema: [String: Any] =
            relations.isEmpty ? ["type": "string"] : ["type": "string", "enum": relations.map(\.name)]
        let entity: [String: Any] = [
            "type": "object", "additionalProperties": false, "required": ["name", "type", "aliases"],
            "properties": [
                "name": ["type": "string"], "type": typeSchema,
                "aliases": ["type": "array", "items": ["type": "string"]],
            ],
        ]
        let fact: [String: Any] = [
            "type": "object", "additionalProperties": false,
            "required": [
                "subject", "subject_type", "relation", "object", "object_type", "valid_from", "sentence",
            ],
            "properties": [
                "subject": ["type": "string"], "subject_type": typeSchema, "relation": relationSchema,
                "object": ["type": "string"], "object_type": objectTypeSchema,
                "valid_from": ["type": ["string", "null"]], "sentence": ["type": "string"],
            ],
        ]
        return [
            "type": "object", "additionalProperties": false, "required": ["entities", "facts"],
            "properties": [
                "entities": ["type": "array", "items": entity], "facts": ["type": "array", "items": fact],
            ],
        ]
    }
}
