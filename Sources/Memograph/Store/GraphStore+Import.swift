import Foundation
import GRDB

extension GraphStore {
    /// Runs `body` with a ``RowImporter`` inside one write transaction: when it throws, nothing
    /// of the import is left in the store. With `keepingIDs`, rows keep their ids when the store
    /// file was empty.
    func importRows<T>(keepingIDs: Bool, _ body: (RowImporter) throws -> T) throws -> T {
        try database.write { db in
            let empty =
                try keepingIDs
                && Bool.fetchOne(
                    db,
                    sql: """
                        SELECT NOT EXISTS (SELECT 1 FROM entities) AND NOT EXISTS (SELECT 1 FROM edges)
                            AND NOT EXISTS (SELECT 1 FROM episodes)
                        """) ?? false
            return try body(RowImporter(db: db, preservesIDs: empty))
        }
    }
}

/// Writes imported rows verbatim — every time field, end and link as given — bypassing the
/// supersession logic of ``EdgeResolver``, after checking each value against the store's text
/// rules. Ids are kept when ``preservesIDs`` is set, new ones given otherwise.
struct RowImporter {
    let db: Database
    let preservesIDs: Bool

    func insert(_ entity: Entity) throws -> EntityID {
        let type = try EntityResolver.validType(entity.type)
        guard type == entity.type else {
            throw MemographError.invalidArgument(
                field: "type", reason: "'\(entity.type)' has surrounding spaces")
        }
        try Self.nonEmpty(entity.name, field: "name", maxLength: 1_000)
        try GraphStore.validateNamespace(entity.namespace)
        if let summary = entity.summary {
            try TextRules.check(summary, field: "summary", allowNewlines: true)
        }
        try checkMap(entity.attributes, field: "attributes")
        try db.cachedStatement(
            sql: """
                INSERT INTO entities (id, namespace, type, name, normalized_name, summary, attributes, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            preservesIDs ? entity.id.rawValue : nil, entity.namespace, type, entity.name,
            NameNormalizer.normalize(entity.name), entity.summary, AttributeCoding.encode(entity.attributes),
            StoreTime.encode(entity.createdAt), StoreTime.encode(entity.updatedAt),
        ])
        let id = db.lastInsertedRowID
        for alias in entity.aliases {
            try Self.nonEmpty(alias, field: "alias", maxLength: 1_000)
            try db.cachedStatement(
                sql: """
                    INSERT OR IGNORE INTO aliases (entity_id, namespace, alias, normalized_alias) VALUES (?, ?, ?, ?)
                    """
            ).execute(arguments: [id, entity.namespace, alias, NameNormalizer.normalize(alias)])
        }
        return EntityID(id)
    }

    func insert(_ episode: Episode) throws -> EpisodeID {
        try GraphStore.validateNamespace(episode.namespace)
        try TextRules.check(episode.content, field: "content", maxLength: 1_000_000, allowNewlines: true)
        if let role = episode.role { try TextRules.check(role, field: "role", maxLength: 200) }
        if let externalID = episode.externalID {
            try Self.nonEmpty(externalID, field: "external_id", maxLength: 500)
        }
        try checkMap(episode.metadata, field: "metadata")
        try db.cachedStatement(
            sql: """
                INSERT INTO episodes (id, namespace, content, role, external_id, occurred_at, recorded_at, metadata)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            preservesIDs ? episode.id.rawValue : nil, episode.namespace, episode.content, episode.role,
            episode.externalID, StoreTime.encode(episode.occurredAt), StoreTime.encode(episode.recordedAt),
            AttributeCoding.encode(episode.metadata),
        ])
        return EpisodeID(db.lastInsertedRowID)
    }

    /// Inserts `edge` with ends already mapped to this store; its `supersededBy` is ignored here
    /// (the successor may come later) and set with ``link(_:supersededBy:)``.
    func insert(_ edge: Edge) throws -> EdgeID {
        try GraphStore.validateNamespace(edge.namespace)
        try Self.nonEmpty(edge.relation, field: "relation", maxLength: 200)
        if let value = edge.object.literal { try Self.nonEmpty(value, field: "value", maxLength: 10_000) }
        if let fact = edge.fact { try TextRules.check(fact, field: "fact", allowNewlines: true) }
        guard (0...1).contains(edge.confidence) else {
            throw MemographError.invalidArgument(field: "confidence", reason: "must be between 0 and 1")
        }
        if edge.validTo != nil, edge.expiredAt == nil {
            throw MemographError.invalidArgument(
                field: "expired_at", reason: "a closed edge (valid_to) needs expired_at")
        }
        try checkMap(edge.attributes, field: "attributes")
        try db.cachedStatement(
            sql: """
                INSERT INTO edges (id, namespace, subject_id, relation, object_id, object_value, fact, valid_from,
                    valid_to, recorded_at, expired_at, end_kind, confidence, attributes, expires_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            preservesIDs ? edge.id.rawValue : nil, edge.namespace, edge.subject.rawValue, edge.relation,
            edge.object.entityID?.rawValue, edge.object.literal, edge.fact, StoreTime.encode(edge.validFrom),
            edge.validTo.map(StoreTime.encode), StoreTime.encode(edge.recordedAt),
            edge.expiredAt.map(StoreTime.encode), edge.end?.rawValue, edge.confidence,
            AttributeCoding.encode(edge.attributes), edge.expiresAt.map(StoreTime.encode),
        ])
        return EdgeID(db.lastInsertedRowID)
    }

    /// Keeps facts of `relation` (nil: the default) in `namespace` for `seconds`; the imported
    /// edges carry their own expiry, so nothing is recomputed.
    func setRetention(_ seconds: Int64, relation: String?, in namespace: String) throws {
        try GraphStore.validateNamespace(namespace)
        guard (1...RetentionRule.maximumSeconds).contains(seconds) else {
            throw MemographError.invalidArgument(
                field: "seconds", reason: "must be between 1 and \(RetentionRule.maximumSeconds)")
        }
        if let relation { try Self.nonEmpty(relation, field: "relation", maxLength: 200) }
        try db.execute(
            sql: "INSERT OR REPLACE INTO retention (namespace, relation, seconds) VALUES (?, ?, ?)",
            arguments: [namespace, relation ?? RetentionSchedule.defaultRelation, seconds])
    }

    func link(_ edge: EdgeID, supersededBy successor: EdgeID) throws {
        try db.cachedStatement(sql: "UPDATE edges SET superseded_by = ? WHERE id = ?")
            .execute(arguments: [successor.rawValue, edge.rawValue])
    }

    func addSource(_ episode: EpisodeID, to edge: EdgeID, recordedAt: Date) throws {
        try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO edge_sources (edge_id, episode_id, recorded_at) VALUES (?, ?, ?)"
        ).execute(arguments: [edge.rawValue, episode.rawValue, StoreTime.encode(recordedAt)])
    }

    /// Records that `episode` names `entity` (both already imported), in the episode's namespace.
    func addMention(episode: EpisodeID, entity: EntityID, surface: String, method: String, score: Double?)
        throws
    {
        try TextRules.check(surface, field: "surface", maxLength: 1_000)
        try TextRules.check(method, field: "method", maxLength: 100)
        try db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO mentions (episode_id, entity_id, namespace, surface, method, score)
                SELECT ?, ?, namespace, ?, ?, ? FROM episodes WHERE id = ?
                """
        ).execute(arguments: [episode.rawValue, entity.rawValue, surface, method, score, episode.rawValue])
    }

    private func checkMap(_ map: [String: String], field: String) throws {
        for (key, value) in map {
            try TextRules.check(key, field: "\(field) key", maxLength: 200)
            try TextRules.check(value, field: "\(field)[\(key)]", allowNewlines: true)
        }
    }

    private static func nonEmpty(_ text: String, field: String, maxLength: Int) throws {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw MemographError.invalidArgument(field: field, reason: "must not be empty")
        }
        try TextRules.check(text, field: field, maxLength: maxLength)
    }
}
