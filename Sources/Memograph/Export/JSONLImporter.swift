import Foundation

/// Restores a JSONL backup through a ``RowImporter``: every row verbatim, each into the
/// namespace it was exported from; ids are mapped when the store already held rows.
struct JSONLImporter {
    let path: String
    let rows: RowImporter
    let progress: ((Int) -> Void)?

    func run() throws -> ImportSummary {
        let reader = try LineReader(path: path)
        let decoder = JSONDecoder()
        var summary = ImportSummary()
        var entities: [Int64: EntityID] = [:]
        var episodes: [Int64: EpisodeID] = [:]
        var edges: [Int64: EdgeID] = [:]
        var successors: [(edge: EdgeID, successor: Int64, line: Int)] = []
        var sawHeader = false
        while let data = try reader.next() {
            let line = reader.lineNumber
            if data.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) { continue }
            func fail(_ field: String, _ reason: String) -> ImportError {
                ImportError(file: path, line: line, field: field, reason: reason)
            }
            func decode<T: Decodable>(_ type: T.Type) throws -> T {
                do {
                    return try decoder.decode(type, from: data)
                } catch let DecodingError.keyNotFound(key, _) {
                    throw fail(key.stringValue, "missing")
                } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(
                    _, context)
                {
                    throw fail(
                        context.codingPath.map(\.stringValue).joined(separator: "."), context.debugDescription
                    )
                } catch {
                    throw fail("line", "not a JSON object (\(error.localizedDescription))")
                }
            }
            func time(_ text: String, _ field: String) throws -> Date {
                do {
                    return StoreTime.decode(try ExchangeTime.parse(text, field: field))
                } catch { throw fail(field, "'\(text)' is not an ISO 8601 date") }
            }
            func store<T>(_ body: () throws -> T) throws -> T {
                do { return try body() } catch let error as MemographError {
                    if case .invalidArgument(let field, let reason) = error { throw fail(field, reason) }
                    throw fail("row", error.localizedDescription)
                } catch { throw fail("row", Self.describe(error)) }
            }
            let kind = try decode(JSONLRecord.Kind.self).kind
            if !sawHeader {
                guard kind == "memograph" else {
                    throw fail("kind", "the first line must be the memograph header, not '\(kind)'")
                }
                let header = try decode(JSONLRecord.Header.self)
                guard header.format == JSONLRecord.formatVersion else {
                    throw fail("format", "version \(header.format) is not supported (this Memograph reads 1)")
                }
                sawHeader = true
                continue
            }
            switch kind {
            case "entity":
                let record = try decode(JSONLRecord.EntityLine.self)
                guard entities[record.id] == nil else { throw fail("id", "duplicate entity id \(record.id)") }
                let entity = Entity(
                    id: EntityID(record.id), namespace: record.namespace, type: record.type,
                    name: record.name,
                    summary: record.summary, aliases: record.aliases, attributes: record.attributes,
                    createdAt: try time(record.createdAt, "createdAt"),
                    updatedAt: try time(record.updatedAt, "updatedAt"))
                entities[record.id] = try store { try rows.insert(entity) }
                summary.entities += 1
            case "episode":
                let record = try decode(JSONLRecord.EpisodeLine.self)
                guard episodes[record.id] == nil else {
                    throw fail("id", "duplicate episode id \(record.id)")
                }
                let episode = Episode(
                    id: EpisodeID(record.id), namespace: record.namespace, content: record.content,
                    role: record.role, externalID: record.externalID,
                    occurredAt: try time(record.occurredAt, "occurredAt"),
                    recordedAt: try time(record.recordedAt, "recordedAt"), metadata: record.metadata)
                episodes[record.id] = try store { try rows.insert(episode) }
                summary.episodes += 1
            case "edge":
                let record = try decode(JSONLRecord.EdgeLine.self)
                guard edges[record.id] == nil else { throw fail("id", "duplicate edge id \(record.id)") }
                guard let subject = entities[record.subject] else {
                    throw fail("subject", "entity \(record.subject) is not in the file (before this line)")
                }
                let object: EdgeObject
                switch (record.object, record.value) {
                case (let id?, nil):
                    guard let mapped = entities[id] else {
                        throw fail("object", "entity \(id) is not in the file (before this line)")
                    }
                    object = .entity(mapped)
                case (nil, let value?): object = .literal(value)
                default: throw fail("object", "an edge has exactly one of object and value")
                }
                var end: EdgeEnd?
                if let text = record.end {
                    guard let parsed = EdgeEnd(rawValue: text) else {
                        throw fail("end", "'\(text)' is not superseded, ended or withdrawn")
                    }
                    end = parsed
                }
                let edge = Edge(
                    id: EdgeID(record.id), namespace: record.namespace, subject: subject,
                    relation: record.relation,
                    object: object, fact: record.fact, validFrom: try time(record.validFrom, "validFrom"),
                    validTo: try record.validTo.map { try time($0, "validTo") },
                    recordedAt: try time(record.recordedAt, "recordedAt"),
                    expiredAt: try record.expiredAt.map { try time($0, "expiredAt") }, end: end,
                    confidence: record.confidence, attributes: record.attributes,
                    expiresAt: try record.expiresAt.map { try time($0, "expiresAt") })
                let id = try store { try rows.insert(edge) }
                edges[record.id] = id
                if let successor = record.supersededBy { successors.append((id, successor, line)) }
                for source in record.sources {
                    guard let episode = episodes[source.episode] else {
                        throw fail(
                            "sources", "episode \(source.episode) is not in the file (before this line)")
                    }
                    let recordedAt = try time(source.recordedAt, "sources.recordedAt")
                    try store { try rows.addSource(episode, to: id, recordedAt: recordedAt) }
                    summary.sources += 1
                }
                summary.edges += 1
                if summary.edges % 10_000 == 0 { progress?(summary.edges) }
            case "mention":
                let record = try decode(JSONLRecord.MentionLine.self)
                guard let episode = episodes[record.episode] else {
                    throw fail("episode", "episode \(record.episode) is not in the file (before this line)")
                }
                guard let entity = entities[record.entity] else {
                    throw fail("entity", "entity \(record.entity) is not in the file (before this line)")
                }
                try store {
                    try rows.addMention(
                        episode: episode, entity: entity, surface: record.surface, method: record.method,
                        score: record.score)
                }
            case "retention":
                let record = try decode(JSONLRecord.RetentionLine.self)
                try store {
                    try rows.setRetention(record.seconds, relation: record.relation, in: record.namespace)
                }
            default:
                throw fail("kind", "'\(kind)' is not entity, episode, edge, mention or retention")
            }
        }
        guard sawHeader else {
            throw ImportError(file: path, line: 0, field: "file", reason: "empty: no memograph header")
        }
        for link in successors {
            guard let successor = edges[link.successor] else {
                throw ImportError(
                    file: path, line: link.line, field: "supersededBy",
                    reason: "edge \(link.successor) is not in the file")
            }
            try rows.link(link.edge, supersededBy: successor)
        }
        progress?(summary.edges)
        return summary
    }

    /// A database error as a sentence (a broken constraint names what clashed).
    static func describe(_ error: any Error) -> String {
        let text = "\(error)"
        if text.contains("UNIQUE constraint failed: entities.namespace") {
            return "an entity with this type and name already exists in the namespace"
        }
        if text.contains("UNIQUE constraint failed: episodes.namespace") {
            return "an episode with this external id already exists in the namespace"
        }
        if text.contains("UNIQUE constraint failed") { return "a row with this id already exists" }
        if text.contains("CHECK constraint failed") { return "breaks a rule of the store: \(text)" }
        return text
    }
}
