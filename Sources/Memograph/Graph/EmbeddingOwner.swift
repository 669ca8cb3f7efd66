/// What a stored vector belongs to: an entity, a fact (edge) or an episode.
public enum EmbeddingOwner: Hashable, Sendable, Codable {
    case entity(EntityID)
    case edge(EdgeID)
    case episode(EpisodeID)

    var kind: String {
        switch self {
        case .entity: "entity"
        case .edge: "edge"
        case .episode: "episode"
        }
    }

    var rawID: Int64 {
        switch self {
        case .entity(let id): id.rawValue
        case .edge(let id): id.rawValue
        case .episode(let id): id.rawValue
        }
    }
}
