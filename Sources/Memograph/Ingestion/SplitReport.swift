/// What ``GraphStore/split(_:into:edges:episodes:aliases:)`` moved.
public struct SplitReport: Hashable, Sendable, Codable {
    /// A fact withdrawn from the split entity and the edge that now states it about the target
    /// (an existing edge when the target already knew the fact).
    public struct MovedEdge: Hashable, Sendable, Codable {
        public var from: EdgeID
        public var to: EdgeID
    }

    /// The entity split, as it is afterwards.
    public var entity: Entity
    /// The entity that received what moved.
    public var target: Entity
    /// Whether the split created `target`.
    public var targetCreated: Bool
    public var movedEdges: [MovedEdge]
    public var movedAliases: [String]
    /// The episodes whose mentions now point at `target`.
    public var episodes: [EpisodeID]
}
