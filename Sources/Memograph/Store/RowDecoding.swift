import GRDB

/// Column lists and row decoders shared by every read, so each value type is decoded in one place.
enum RowDecoding {
    static let edgeColumns = """
        e.id, e.namespace, e.subject_id, e.relation, e.object_id, e.object_value, e.fact, e.valid_from,
        e.valid_to, e.recorded_at, e.expired_at, e.end_kind, e.superseded_by, e.confidence,
        nullif(e.attributes, '{}')
        """

    static func edge(_ row: Row) -> Edge {
        let objectID: Int64? = row[4]
        let object: EdgeObject = objectID.map { .entity(EntityID($0)) } ?? .literal(row[5])
        let endKind: String? = row[11]
        let supersededBy: Int64? = row[12]
        let validTo: Int64? = row[8]
        let expiredAt: Int64? = row[10]
        return Edge(
            id: EdgeID(row[0]), namespace: row[1], subject: EntityID(row[2]), relation: row[3],
            object: object, fact: row[6], validFrom: StoreTime.decode(row[7]),
            validTo: validTo.map(StoreTime.decode), recordedAt: StoreTime.decode(row[9]),
            expiredAt: expiredAt.map(StoreTime.decode), end: endKind.flatMap(EdgeEnd.init(rawValue:)),
            supersededBy: supersededBy.map { EdgeID($0) }, confidence: row[13],
            attributes: AttributeCoding.decode(row[14] as String?))
    }

    /// Runs `statement` and decodes each row as an edge without copying rows.
    static func edges(_ statement: Statement, arguments: StatementArguments) throws -> [Edge] {
        let cursor = try Row.fetchCursor(statement, arguments: arguments)
        var edges: [Edge] = []
        while let row = try cursor.next() { edges.append(edge(row)) }
        return edges
    }

    static let entityColumns = """
        n.id, n.namespace, n.type, n.name, n.summary, nullif(n.attributes, '{}'), n.created_at, n.updated_at
        """

    static func entity(_ row: Row, aliases: [String]) -> Entity {
        Entity(
            id: EntityID(row[0]), namespace: row[1], type: row[2], name: row[3], summary: row[4],
            aliases: aliases, attributes: AttributeCoding.decode(row[5] as String?),
            createdAt: StoreTime.decode(row[6]), updatedAt: StoreTime.decode(row[7]))
    }

    static let episodeColumns = """
        p.id, p.namespace, p.content, p.role, p.external_id, p.occurred_at, p.recorded_at, nullif(p.metadata, '{}')
        """

    static func episode(_ row: Row) -> Episode {
        Episode(
            id: EpisodeID(row[0]), namespace: row[1], content: row[2], role: row[3], externalID: row[4],
            occurredAt: StoreTime.decode(row[5]), recordedAt: StoreTime.decode(row[6]),
            metadata: AttributeCoding.decode(row[7] as String?))
    }
}
