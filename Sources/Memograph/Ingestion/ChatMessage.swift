/// One message of a conversation handed to ``GraphStore/ingest(_:options:)``: who said it and what.
public struct ChatMessage: Hashable, Sendable, Codable {
    /// `user`, `assistant`, `system` or `tool`.
    public var role: String
    /// The speaker's name, when known; first-person statements of the message are about them.
    public var name: String?
    /// What was said.
    public var content: String

    /// Creates a message.
    public init(role: String, name: String? = nil, content: String) {
        self.role = role
        self.name = name
        self.content = content
    }
}
