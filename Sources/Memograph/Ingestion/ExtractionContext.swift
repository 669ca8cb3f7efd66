import Foundation

/// What an ``Extractor`` reads: the episode's text, its time, who speaks, what it is about, the
/// store's entities it names, and the ontology whose types and relations facts must use.
public struct ExtractionContext: Sendable {
    /// The episode's text: one segment, or one per chat message.
    public var segments: [ExtractionSegment]
    /// When the episode happened: relative times resolve against it.
    public var occurredAt: Date
    /// The entities the episode concerns, from the caller ("this repo" refers to them).
    public var scope: [KnownEntity]
    /// Entities of the store whose name or alias appears in the text.
    public var known: [KnownEntity]
    /// The store's ontology, or nil for a free-form store.
    public var ontology: Ontology?

    /// Creates the context of one episode.
    public init(
        segments: [ExtractionSegment], occurredAt: Date, scope: [KnownEntity] = [], known: [KnownEntity] = [],
        ontology: Ontology?
    ) {
        self.segments = segments
        self.occurredAt = occurredAt
        self.scope = scope
        self.known = known
        self.ontology = ontology
    }
}
