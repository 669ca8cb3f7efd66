/// A stretch of episode text with the person who wrote it: a whole text, or one chat message.
public struct ExtractionSegment: Hashable, Sendable {
    /// The words.
    public var text: String
    /// The person "I" refers to in it, or nil when nobody known is speaking (an assistant).
    public var speaker: String?
    /// The chat role, when the segment is a message.
    public var role: String?

    /// Creates a segment.
    public init(text: String, speaker: String?, role: String? = nil) {
        self.text = text
        self.speaker = speaker
        self.role = role
    }
}
