import Foundation
import GRDB

/// Streams a whole store file (every namespace) as JSONL inside one read transaction.
struct JSONLWriter {
    let db: Database
    let sink: ByteSink
    let now: Date
    let progress: ((Int) -> Void)?

    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    func write() throws -> ExportSummary {
        var summary = ExportSummary()
        try line(
            JSONLRecord.Header(
                format: JSONLRecord.formatVersion,
                exportedAt: ExchangeTime.format(micros: StoreTime.encode(now))))
        let entities = try Row.fetchCursor(
            db,
            sql: """
                SELECT n.id, n.namespace, n.type, n.name, n.summary, nullif(n.attributes, '{}'), n.created_at,
                    n.updated_at,
                    (SELECT json_group_array(a.alias) FROM (
                        SELECT alias FROM aliases WHERE entity_id = n.id ORDER BY alias) a)
                FROM entities n ORDER BY n.id
                """)
        while let row = try entities.next() {
            let aliases = try JSONDecoder().decode([String].self, from: Data((row[8] as String).utf8))
            try line(
                JSONLRecord.EntityLine(
                    id: row[0], namespace: row[1], type: row[2], name: row[3], summary: row[4],
                    aliases: aliases,
                    attributes: AttributeCoding.decode(row[5] as String?),
                    createdAt: ExchangeTime.format(micros: row[6]),
                    updatedAt: ExchangeTime.format(micros: row[7])))
            summary.entities += 1
        }
        let episodes = try Row.fetchCursor(
            db, sql: "SELECT \(RowDecoding.episodeColumns) FROM episodes p ORDER BY p.id")
        while let row = try episodes.next() {
            let episode = RowDecoding.episode(row)
            try line(
                JSONLRecord.EpisodeLine(
                    id: episode.id.rawValue, namespace: episode.namespace, content: episode.content,
                    role: episode.role, externalID: episode.externalID,
                    occurredAt: ExchangeTime.format(micros: row[5]),
                    recordedAt: ExchangeTime.format(micros: row[6]),
                    metadata: episode.metadata))
            summary.episodes += 1
        }
        let edges = try Row.fetchCursor(
            db,
            sql: """
                SELECT e.id, e.namespace, e.subject_id, e.relation, e.object_id, e.object_value, e.fact,
                    e.valid_from, e.valid_to, e.recorded_at, e.expired_at, e.end_kind, e.superseded_by,
                    e.confidence, nullif(e.attributes, '{}'), e.expires_at,
                    (SELECT json_group_array(json_array(x.episode_id, x.recorded_at)) FROM (
                        SELECT episode_id, recorded_at FROM edge_sources WHERE edge_id = e.id
                        ORDER BY recorded_at, episode_id) x)
                FROM edges e ORDER BY e.id
                """)
        while let row = try edges.next() {
            let pairs = try JSONDecoder().decode([[Int64]].self, from: Data((row[16] as String).utf8))
            try line(
                JSONLRecord.EdgeLine(
                    id: row[0], namespace: row[1], subject: row[2], relation: row[3], object: row[4],
                    value: row[5],
                    fact: row[6], validFrom: ExchangeTime.format(micros: row[7]),
                    validTo: (row[8] as Int64?).map { ExchangeTime.format(micros: $0) },
                    recordedAt: ExchangeTime.format(micros: row[9]),
                    expiredAt: (row[10] as Int64?).map { ExchangeTime.format(micros: $0) }, end: row[11],
                    supersededBy: row[12], confidence: row[13],
                    attributes: AttributeCoding.decode(row[14] as String?),
                    sources: pairs.map {
                        .init(episode: $0[0], recordedAt: ExchangeTime.format(micros: $0[1]))
                    }, expiresAt: (row[15] as Int64?).map { ExchangeTime.format(micros: $0) }))
            summary.edges += 1
            if summary.edges % 10_000 == 0 { progress?(summary.edges) }
        }
        let mentions = try Row.fetchCursor(
            db,
            sql:
                "SELECT episode_id, entity_id, surface, method, score FROM mentions ORDER BY episode_id, entity_id"
        )
        while let row = try mentions.next() {
            try line(
                JSONLRecord.MentionLine(
                    episode: row[0], entity: row[1], surface: row[2], method: row[3], score: row[4]))
        }
        let rules = try Row.fetchCursor(
            db, sql: "SELECT namespace, relation, seconds FROM retention ORDER BY namespace, relation")
        while let row = try rules.next() {
            let relation: String = row[1]
            try line(
                JSONLRecord.RetentionLine(
                    namespace: row[0], relation: relation.isEmpty ? nil : relation, seconds: row[2]))
        }
        progress?(summary.edges)
        try sink.flush()
        return summary
    }

    private func line(_ record: some Encodable) throws {
        try sink.write(try encoder.encode(record))
        try sink.write("\n")
    }
}
