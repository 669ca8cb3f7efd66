import Foundation
import GRDB

extension GraphStore {
    /// Stores a piece of raw input verbatim, as provenance for the facts drawn from it.
    ///
    /// - Parameter externalID: the caller's id for it (a message id); unique within the namespace.
    @discardableResult
    public func addEpisode(
        _ content: String, role: String? = nil, externalID: String? = nil, occurredAt: Date? = nil,
        metadata: [String: String] = [:]
    ) throws -> Episode {
        try Self.validateEpisode(content: content, role: role, externalID: externalID, metadata: metadata)
        let now = self.now
        return try database.write { db in
            try insertEpisode(
                db: db, content: content, role: role, externalID: externalID, occurredAt: occurredAt ?? now,
                metadata: metadata, now: now)
        }
    }

    static func validateEpisode(
        content: String, role: String?, externalID: String?, metadata: [String: String]
    )
        throws
    {
        try TextRules.check(content, field: "content", maxLength: 1_000_000, allowNewlines: true)
        guard !content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw MemographError.invalidArgument(field: "content", reason: "must not be empty")
        }
        if let role { try TextRules.check(role, field: "role", maxLength: 200) }
        if let externalID { _ = try TextRules.nonEmpty(externalID, field: "externalID", maxLength: 500) }
        for (key, value) in metadata {
            try TextRules.check(key, field: "metadata key", maxLength: 200)
            try TextRules.check(value, field: "metadata[\(key)]", allowNewlines: true)
        }
    }

    /// Inserts a validated episode inside a write transaction.
    func insertEpisode(
        db: Database, content: String, role: String?, externalID: String?, occurredAt: Date,
        metadata: [String: String], now: Date
    ) throws -> Episode {
        if let externalID,
            try Bool.fetchOne(
                db, sql: "SELECT 1 FROM episodes WHERE namespace = ? AND external_id = ?",
                arguments: [namespace, externalID]) == true
        {
            throw MemographError.invalidArgument(
                field: "externalID", reason: "an episode '\(externalID)' already exists")
        }
        try db.execute(
            sql: """
                INSERT INTO episodes (namespace, content, role, external_id, occurred_at, recorded_at, metadata)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                namespace, content, role, externalID, StoreTime.encode(occurredAt), StoreTime.encode(now),
                AttributeCoding.encode(metadata),
            ])
        return try loadEpisode(EpisodeID(db.lastInsertedRowID), db: db)
    }

    /// The episode with this id.
    public func episode(_ id: EpisodeID) throws -> Episode {
        try read { db in try loadEpisode(id, db: db) }
    }

    /// The episode the caller stored under `externalID`, if any.
    public func episode(externalID: String) throws -> Episode? {
        try read { db in
            try Row.fetchOne(
                db,
                sql:
                    "SELECT \(RowDecoding.episodeColumns) FROM episodes p WHERE p.namespace = ? AND p.external_id = ?",
                arguments: [namespace, externalID]
            ).map(RowDecoding.episode)
        }
    }

    /// Episodes, most recent occurrence first.
    public func episodes(limit: Int = 100) throws -> [Episode] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(RowDecoding.episodeColumns) FROM episodes p WHERE p.namespace = ?
                    ORDER BY p.occurred_at DESC, p.id DESC LIMIT ?
                    """, arguments: [namespace, limit]
            ).map(RowDecoding.episode)
        }
    }

    /// Deletes an episode. Facts it was the only source of are withdrawn (kept in history, no
    /// longer believed); facts other episodes also support lose this source only.
    ///
    /// - Returns: the edges that were withdrawn.
    @discardableResult
    public func deleteEpisode(_ id: EpisodeID) throws -> [EdgeID] {
        let now = self.now
        return try database.write { db in
            _ = try loadEpisode(id, db: db)
            let orphans = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(RowDecoding.edgeColumns) FROM edges e
                    JOIN edge_sources s ON s.edge_id = e.id AND s.episode_id = ?
                    WHERE NOT EXISTS (SELECT 1 FROM edge_sources o WHERE o.edge_id = e.id AND o.episode_id <> ?)
                    ORDER BY e.id DESC
                    """, arguments: [id.rawValue, id.rawValue]
            ).map(RowDecoding.edge)
            let repair = TimelineRepair(db: db, now: now)
            var withdrawn: [EdgeID] = []
            for edge in orphans where edge.end != .withdrawn {
                try repair.withdraw(try loadEdge(edge.id, db: db))
                withdrawn.append(edge.id)
            }
            try db.execute(sql: "DELETE FROM episodes WHERE id = ?", arguments: [id.rawValue])
            try db.execute(
                sql: "DELETE FROM embeddings WHERE owner_kind = 'episode' AND owner_id = ?",
                arguments: [id.rawValue])
            return withdrawn.sorted()
        }
    }

    func loadEpisode(_ id: EpisodeID, db: Database) throws -> Episode {
        let row = try Row.fetchOne(
            db,
            sql: "SELECT \(RowDecoding.episodeColumns) FROM episodes p WHERE p.id = ? AND p.namespace = ?",
            arguments: [id.rawValue, namespace])
        guard let row else { throw MemographError.unknownEpisode(id) }
        return RowDecoding.episode(row)
    }
}
