/// An entity already in the store that an extractor may refer to: found by a name or alias
/// written in the episode, or given as the episode's speaker or scope.
public struct KnownEntity: Hashable, Sendable, Codable {
    /// The entity's id in the store.
    public var id: EntityID
    /// Its class.
    public var type: String
    /// Its name.
    public var name: String
    /// Its other names.
    public var aliases: [String]

    /// Describes a stored entity.
    public init(id: EntityID, type: String, name: String, aliases: [String] = []) {
        self.id = id
        self.type = type
        self.name = name
        self.aliases = aliases
    }
}
