import Foundation

/// Raw input to remember: a text or a list of chat messages, when it happened, who is speaking
/// and what it is about. ``GraphStore/ingest(_:options:)`` stores it verbatim and extracts facts.
public struct IncomingEpisode: Hashable, Sendable {
    /// The content: one text, or messages kept in order.
    public enum Content: Hashable, Sendable {
        case text(String)
        case messages([ChatMessage])
    }

    /// The text or messages, stored verbatim.
    public var content: Content
    /// Who says "I" in a text (and in `user` messages without a name): a person's name.
    public var speaker: String?
    /// When it happened; relative times ("yesterday") resolve against it. Defaults to now.
    public var occurredAt: Date?
    /// The entities it concerns ("this repo", "this service" refer to them).
    public var scope: [EntityReference]
    /// An identifier from the caller's world, unique per namespace.
    public var externalID: String?
    /// Caller data kept with the episode.
    public var metadata: [String: String]

    /// An episode of text or messages.
    public init(
        _ content: Content, speaker: String? = nil, occurredAt: Date? = nil, scope: [EntityReference] = [],
        externalID: String? = nil, metadata: [String: String] = [:]
    ) {
        self.content = content
        self.speaker = speaker
        self.occurredAt = occurredAt
        self.scope = scope
        self.externalID = externalID
        self.metadata = metadata
    }

    /// A plain text episode.
    public init(
        text: String, speaker: String? = nil, occurredAt: Date? = nil, scope: [EntityReference] = [],
        externalID: String? = nil, metadata: [String: String] = [:]
    ) {
        self.init(
            .text(text), speaker: speaker, occurredAt: occurredAt, scope: scope, externalID: externalID,
            metadata: metadata)
    }

    /// The text stored as the episode: the text itself, or one `name: content` line per message.
    var transcript: String {
        switch content {
        case .text(let text): text
        case .messages(let messages):
            messages.map { "\($0.name ?? $0.role): \($0.content)" }.joined(separator: "\n")
        }
    }

    /// The role stored with the episode.
    var role: String? {
        switch content {
        case .text: speaker
        case .messages(let messages): Set(messages.map(\.role)).count == 1 ? messages.first?.role : nil
        }
    }
}
