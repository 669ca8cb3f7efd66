/// How ingestion matched a name from an episode to an entity — the decision is returned and
/// recorded in the store's `mentions` table, so that a wrong merge can be found and undone.
public struct EntityResolution: Hashable, Sendable, Codable {
    /// How the entity was found.
    public enum Method: String, Hashable, Sendable, Codable {
        /// Its name, case- and space-insensitively.
        case name
        /// One of its aliases.
        case alias
        /// Its embedding is close to the name's (cosine at or above the threshold), same type.
        case similarity
        /// No entity matched: a new one was created.
        case created
    }

    /// The name as the extractor wrote it.
    public var surface: String
    /// The type the extractor gave it.
    public var candidateType: String
    /// The entity the name resolved to.
    public var entity: EntityID
    /// How it was found.
    public var method: Method
    /// The cosine similarity, for ``Method/similarity``.
    public var score: Double?

    /// Records one decision.
    public init(
        surface: String, candidateType: String, entity: EntityID, method: Method, score: Double? = nil
    ) {
        self.surface = surface
        self.candidateType = candidateType
        self.entity = entity
        self.method = method
        self.score = score
    }
}
