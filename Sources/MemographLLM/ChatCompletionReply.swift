import Foundation
import Memograph

/// A chat-completions response read for extraction: the message text (with any `<think>`
/// block, code fence or surrounding prose removed down to the JSON object) and the token usage.
struct ChatCompletionReply {
    struct Usage: Decodable {
        var prompt_tokens: Int?
        var completion_tokens: Int?
    }

    private struct Body: Decodable {
        struct Choice: Decodable {
            struct Message: Decodable { var content: String? }
            var message: Message
        }
        var choices: [Choice]
        var usage: Usage?
    }

    /// What the model answered, as the schema asks.
    struct Payload: Decodable {
        struct Entity: Decodable {
            var name: String
            var type: String
            var aliases: [String]?
        }
        struct Fact: Decodable {
            var subject: String
            var subject_type: String?
            var relation: String
            var object: String
            var object_type: String?
            var valid_from: String?
            var sentence: String?
        }
        var entities: [Entity]?
        var facts: [Fact]?
    }

    let content: String
    let usage: Usage?

    init(data: Data, url: String) throws(LLMClientError) {
        let body: Body
        do {
            body = try JSONDecoder().decode(Body.self, from: data)
        } catch {
            throw .invalidResponse(reason: "the body is not a chat completion (\(error))", url: url)
        }
        guard let content = body.choices.first?.message.content else {
            throw .invalidResponse(reason: "the completion has no message content", url: url)
        }
        self.content = content
        self.usage = body.usage
    }

    /// The JSON object in the message: after a closing `</think>`, from the first `{` to the last `}`.
    static func jsonObject(in content: String) -> Substring? {
        var text = Substring(content)
        if let end = text.range(of: "</think>", options: .backwards) { text = text[end.upperBound...] }
        guard let open = text.firstIndex(of: "{"), let close = text.lastIndex(of: "}"), open < close else {
            return nil
        }
        return text[open...close]
    }

    func payload(url: String) throws(LLMClientError) -> Payload {
        guard let json = Self.jsonObject(in: content) else {
            throw .invalidResponse(reason: "no JSON object in the answer: \(content.prefix(200))", url: url)
        }
        do {
            return try JSONDecoder().decode(Payload.self, from: Data(json.utf8))
        } catch {
            throw .invalidResponse(
                reason: "the JSON does not match the extraction schema (\(error))", url: url)
        }
    }
}
