/// What an import added to the store.
public struct ImportSummary: Hashable, Sendable, Codable {
    /// Entities created.
    public var entities: Int
    /// Edge versions written, each with its own time fields.
    public var edges: Int
    /// Episodes created.
    public var episodes: Int
    /// Edge ↔ episode provenance links restored.
    public var sources: Int
    /// Provenance links that named episodes the file does not carry (a GraphML file written
    /// without episodes); the edges were imported without them.
    public var sourcesWithoutEpisodes: Int
    /// Literal-valued facts the file holds only as node attributes (a GraphML file written
    /// without literal nodes): their time fields are not in the file, so they were not imported.
    public var literalAttributesSkipped: Int

    public init(
        entities: Int = 0, edges: Int = 0, episodes: Int = 0, sources: Int = 0,
        sourcesWithoutEpisodes: Int = 0,
        literalAttributesSkipped: Int = 0
    ) {
        self.entities = entities
        self.edges = edges
        self.episodes = episodes
        self.sources = sources
        self.sourcesWithoutEpisodes = sourcesWithoutEpisodes
        self.literalAttributesSkipped = literalAttributesSkipped
    }
}
