/// Which way along an edge a walk may go from an entity.
public enum EdgeDirection: String, Hashable, Sendable, Codable, CaseIterable {
    /// Edges where the entity is the subject.
    case outgoing
    /// Edges where the entity is the object.
    case incoming
    /// Both.
    case both

    /// The same walk seen from the other end.
    public var reversed: EdgeDirection {
        switch self {
        case .outgoing: .incoming
        case .incoming: .outgoing
        case .both: .both
        }
    }
}

/// An entity reached by a graph walk, with how far away it is and the edge that reached it.
public struct Neighbour: Hashable, Sendable, Codable {
    public var entity: Entity
    /// Number of edges between the start and this entity (1 for a direct neighbour).
    public var hops: Int
    /// The edge followed on the last hop.
    public var via: Edge
    /// The entity the last hop started from.
    public var from: EntityID

    public init(entity: Entity, hops: Int, via: Edge, from: EntityID) {
        self.entity = entity
        self.hops = hops
        self.via = via
        self.from = from
    }
}

/// One step of a path: the edge taken and whether it was walked along or against its direction.
public struct PathStep: Hashable, Sendable, Codable {
    public var edge: Edge
    public var from: EntityID
    public var to: EntityID
    /// True when the step goes from the edge's object to its subject.
    public var reversed: Bool

    public init(edge: Edge, from: EntityID, to: EntityID, reversed: Bool) {
        self.edge = edge
        self.from = from
        self.to = to
        self.reversed = reversed
    }
}
