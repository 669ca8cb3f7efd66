/// An entity an extractor found in an episode: a name, its type and other names for it.
public struct CandidateEntity: Hashable, Sendable, Codable {
    public var name: String
    /// An ontology class name, or `Thing` when the extractor cannot tell.
    public var type: String
    public var aliases: [String]

    public init(name: String, type: String, aliases: [String] = []) {
        self.name = name
        self.type = type
        self.aliases = aliases
    }
}
