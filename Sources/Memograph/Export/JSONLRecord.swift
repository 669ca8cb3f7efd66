/// The lines of a Memograph JSONL backup: a header, then entities, episodes, edges, mentions and
/// retention rules,
/// each one JSON object with a `kind`. Times are ISO 8601 UTC with microseconds, exactly as stored.
enum JSONLRecord {
    static let formatVersion = 1

    struct Kind: Decodable {
        var kind: String
    }

    struct Header: Codable {
        var kind = "memograph"
        var format: Int
        var exportedAt: String
    }

    struct EntityLine: Codable {
        var kind = "entity"
        var id: Int64
        var namespace: String
        var type: String
        var name: String
        var summary: String?
        var aliases: [String]
        var attributes: [String: String]
        var createdAt: String
        var updatedAt: String
    }

    struct EpisodeLine: Codable {
        var kind = "episode"
        var id: Int64
        var namespace: String
        var content: String
        var role: String?
        var externalID: String?
        var occurredAt: String
        var recordedAt: String
        var metadata: [String: String]
    }

    struct EdgeLine: Codable {
        var kind = "edge"
        var id: Int64
        var namespace: String
        var subject: Int64
        var relation: String
        var object: Int64?
        var value: String?
        var fact: String?
        var validFrom: String
        var validTo: String?
        var recordedAt: String
        var expiredAt: String?
        var end: String?
        var supersededBy: Int64?
        var confidence: Double
        var attributes: [String: String]
        var sources: [Source]
        var expiresAt: String?
    }

    /// How long a namespace keeps facts of a relation (nil: its default).
    struct RetentionLine: Codable {
        var kind = "retention"
        var namespace: String
        var relation: String?
        var seconds: Int64
    }

    /// An entity an episode names, and how ingestion resolved the name.
    struct MentionLine: Codable {
        var kind = "mention"
        var episode: Int64
        var entity: Int64
        var surface: String
        var method: String
        var score: Double?
    }

    struct Source: Codable {
        var episode: Int64
        var recordedAt: String
    }
}
