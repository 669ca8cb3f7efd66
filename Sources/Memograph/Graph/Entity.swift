import Foundation

/// A typed node of the memory graph: a person, team, repository, service, …
///
/// Within a namespace an entity is identified by its type and normalised name; aliases are
/// other names that resolve to it.
public struct Entity: Hashable, Sendable, Codable {
    public var id: EntityID
    public var namespace: String
    public var type: String
    public var name: String
    public var summary: String?
    public var aliases: [String]
    public var attributes: [String: String]
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        id: EntityID, namespace: String, type: String, name: String, summary: String? = nil,
        aliases: [String] = [], attributes: [String: String] = [:], createdAt: Date, updatedAt: Date
    ) {
        self.id = id
        self.namespace = namespace
        self.type = type
        self.name = name
        self.summary = summary
        self.aliases = aliases
        self.attributes = attributes
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// The `Type:name` form the CLI accepts and prints.
    public var reference: String { "\(type):\(name)" }
}
