/// An entity already in the store that an extractor may refer to: found by a name or alias
/// written in the episode, or given as the episode's speaker or scope.
public struct KnownEntity: Hashable, Sendable, Codable {
    public var id: EntityID
    public var type: String
    public var name: String
    public var aliases: [String]

    public init(id: EntityID, type: String, name: String, aliases: [String] = []) {
        self.id = id
        self.type = type
        self.name = name
        self.aliases = aliases
    }
}
