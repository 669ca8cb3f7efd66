/// An edge as a reader wants it: with both ends resolved and the episodes that support it.
public struct Fact: Hashable, Sendable, Codable {
    public var edge: Edge
    public var subject: Entity
    /// The object entity; nil when the edge's object is a literal.
    public var object: Entity?
    /// The episodes the fact was learned from, oldest first.
    public var sources: [EpisodeID]

    public init(edge: Edge, subject: Entity, object: Entity?, sources: [EpisodeID]) {
        self.edge = edge
        self.subject = subject
        self.object = object
        self.sources = sources
    }

    /// The object as text: the entity's name or the literal value.
    public var objectText: String {
        object?.name ?? edge.object.literal ?? ""
    }

    /// The fact as one line: its own text when it has one, otherwise `subject relation object`.
    public var text: String {
        edge.fact ?? "\(subject.name) \(edge.relation) \(objectText)"
    }
}
