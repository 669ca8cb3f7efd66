/// What an export wrote.
public struct ExportSummary: Hashable, Sendable, Codable {
    /// Entity nodes (literal nodes not included).
    public var entities: Int
    /// Edges (one per edge version).
    public var edges: Int
    /// Episode nodes (GraphML with episodes) or lines (JSONL).
    public var episodes: Int

    public init(entities: Int = 0, edges: Int = 0, episodes: Int = 0) {
        self.entities = entities
        self.edges = edges
        self.episodes = episodes
    }
}
