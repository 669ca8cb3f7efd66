/// What a ``StoreID`` identifies; its name appears in messages ("entity 12").
public protocol StoreIDKind: Sendable {
    static var name: String { get }
}

/// The id of a row in a store: stable for the life of the store, typed by what it identifies
/// so that an entity id can never be passed where an edge id is expected.
public struct StoreID<Kind: StoreIDKind>: RawRepresentable, Hashable, Comparable, Sendable, Codable,
    CustomStringConvertible
{
    public let rawValue: Int64
    public init(rawValue: Int64) { self.rawValue = rawValue }
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    public var description: String { "\(Kind.name) \(rawValue)" }
}

/// Marks ids of entities.
public enum EntityKind: StoreIDKind { public static let name = "entity" }
/// Marks ids of edges: one version of a fact (superseding a fact creates a new edge).
public enum EdgeKind: StoreIDKind { public static let name = "edge" }
/// Marks ids of episodes: raw input (text or messages) kept as provenance.
public enum EpisodeKind: StoreIDKind { public static let name = "episode" }

/// Identifies an entity.
public typealias EntityID = StoreID<EntityKind>
/// Identifies one version of a fact.
public typealias EdgeID = StoreID<EdgeKind>
/// Identifies an episode.
public typealias EpisodeID = StoreID<EpisodeKind>
