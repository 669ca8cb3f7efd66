import GRDB

/// Column lists and row decoders shared by every read, so each value type is decoded in one place.
enum RowDecoding {
    static let edgeColumns = """
        e.id, e.namespace, e.subject_id, e.relation, e.object_id, e.object_value, e.fact, e.valid_from,
        e.valid_to, e.recorded_at, e.expired_at, e.end_kind, e.superseded_by, e.confidence,
        nullif(e.attributes, '{}'), e.expires_at
        """

    static func edge(_ row: some StoredColumns) -> Edge {
        let object: EdgeObject = row.optionalInt64(4).map { .entity(EntityID($0)) } ?? .literal(row.text(5))
        return Edge(
            id: EdgeID(row.int64(0)), namespace: row.text(1), subject: EntityID(row.int64(2)),
            relation: row.text(3), object: object, fact: row.optionalText(6),
            validFrom: StoreTime.decode(row.int64(7)), validTo: row.optionalInt64(8).map(StoreTime.decode),
            recordedAt: StoreTime.decode(row.int64(9)),
            expiredAt: row.optionalInt64(10).map(StoreTime.decode),
            end: row.optionalText(11).flatMap(EdgeEnd.init(rawValue:)),
            supersededBy: row.optionalInt64(12).map { EdgeID($0) }, confidence: row.double(13),
            attributes: AttributeCoding.decode(row.optionalText(14)),
            expiresAt: row.optionalInt64(15).map(StoreTime.decode))
    }

    /// Runs `statement` (selecting ``edgeColumns``) and decodes every row as an edge.
    static func edges(_ statement: Statement, _ parameters: [SQLParameter]) throws -> [Edge] {
        var edges: [Edge] = []
        try HotStatement.query(statement, parameters) { edges.append(edge($0)) }
        return edges
    }

    /// The edges of `namespace` with the given ids, by id; ids of no such edge are left out.
    static func edges(ids: [Int64], namespace: String, db: Database) throws -> [Int64: Edge] {
        var edges: [Int64: Edge] = [:]
        edges.reserveCapacity(ids.count)
        try HotStatement.query(
            db.cachedStatement(
                sql: """
                    SELECT \(edgeColumns) FROM json_each(?) AS c CROSS JOIN edges e ON e.id = c.value
                    WHERE e.namespace = ?
                    """), [.text(IDList.json(ids)), .text(namespace)]
        ) { row in
            let edge = edge(row)
            edges[edge.id.rawValue] = edge
        }
        return edges
    }

    static let entityColumns = """
        n.id, n.namespace, n.type, n.name, n.summary, nullif(n.attributes, '{}'), n.created_at, n.updated_at
        """

    /// ``entityColumns`` and then the entity's aliases, joined by U+001F (a character names
    /// cannot contain), for ``entityWithAliases(_:)``.
    static let entityWithAliasesColumns = """
        \(entityColumns),
            (SELECT group_concat(a.alias, char(31)) FROM aliases a WHERE a.entity_id = n.id)
        """

    /// An entity selected with ``entityWithAliasesColumns``, its aliases sorted.
    static func entityWithAliases(_ row: some StoredColumns) -> Entity {
        let aliases =
            row.optionalText(8).map { $0.split(separator: "\u{1F}").map(String.init).sorted() } ?? []
        return entity(row, aliases: aliases)
    }

    static func entity(_ row: some StoredColumns, aliases: [String]) -> Entity {
        Entity(
            id: EntityID(row.int64(0)), namespace: row.text(1), type: row.text(2), name: row.text(3),
            summary: row.optionalText(4), aliases: aliases,
            attributes: AttributeCoding.decode(row.optionalText(5)),
            createdAt: StoreTime.decode(row.int64(6)), updatedAt: StoreTime.decode(row.int64(7)))
    }

    static let episodeColumns = """
        p.id, p.namespace, p.content, p.role, p.external_id, p.occurred_at, p.recorded_at, nullif(p.metadata, '{}')
        """

    static func episode(_ row: some StoredColumns) -> Episode {
        Episode(
            id: EpisodeID(row.int64(0)), namespace: row.text(1), content: row.text(2),
            role: row.optionalText(3),
            externalID: row.optionalText(4), occurredAt: StoreTime.decode(row.int64(5)),
            recordedAt: StoreTime.decode(row.int64(6)), metadata: AttributeCoding.decode(row.optionalText(7)))
    }
}
