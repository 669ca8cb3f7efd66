/// An entity an extractor found in an episode: a name, its type and other names for it.
public struct CandidateEntity: Hashable, Sendable, Codable {
    /// The name as written in the episode.
    public var name: String
    /// An ontology class name, or `Thing` when the extractor cannot tell.
    public var type: String
    /// Other names the episode gives it (`@ada` for Ada).
    public var aliases: [String]

    /// Creates a candidate entity.
    public init(name: String, type: String, aliases: [String] = []) {
        self.name = name
        self.type = type
        self.aliases = aliases
    }
}
