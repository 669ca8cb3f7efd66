import Foundation

/// A piece of raw input kept verbatim — a message, a document, a tool result — that facts
/// cite as their provenance.
public struct Episode: Hashable, Sendable, Codable {
    /// Episodes at most this far apart in ``occurredAt`` are turns of one conversation: a turn is
    /// embedded after the end of the one before it, and search passes score between neighbours.
    public static let conversationGap: TimeInterval = 3_600

    public var id: EpisodeID
    public var namespace: String
    public var content: String
    /// Who produced it: "user", "assistant", "tool", a speaker's name, …
    public var role: String?
    /// An identifier from the caller's world (a message id, a dialog turn id), unique per namespace.
    public var externalID: String?
    /// When it happened in the world; relative times in it resolve against this.
    public var occurredAt: Date
    public var recordedAt: Date
    public var metadata: [String: String]

    public init(
        id: EpisodeID, namespace: String, content: String, role: String? = nil, externalID: String? = nil,
        occurredAt: Date, recordedAt: Date, metadata: [String: String] = [:]
    ) {
        self.id = id
        self.namespace = namespace
        self.content = content
        self.role = role
        self.externalID = externalID
        self.occurredAt = occurredAt
        self.recordedAt = recordedAt
        self.metadata = metadata
    }
}
