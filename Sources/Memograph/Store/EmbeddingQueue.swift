import GRDB

/// The entities, facts and episodes that have no vector, so that
/// ``GraphStore/embedMissing(with:batchSize:)`` reads just them rather than probing every row of
/// the store for a vector (0.65–0.81 s a call at 100k facts).
///
/// Inserts cost nothing here: each kind has a mark in `store_info`, the highest row id already
/// looked at, and ``sweep(_:)`` queues the rows above it that have no vector and moves it up.
/// Triggers keep the rest exact in the writing transaction: a row whose vector is deleted while
/// it exists is queued; a row leaves the queue when a vector is stored for it or when it is
/// deleted, and deleting the newest rows lowers the mark, so a reused id is looked at again. A
/// vector is deleted when the text it was embedded from changes: an entity's name, type or
/// summary, a fact's sentence, or — for a fact without one — its ends and relation.
enum EmbeddingQueue {
    /// The row kinds, with their tables.
    static let owners = [("entity", "entities"), ("edge", "edges"), ("episode", "episodes")]

    /// Queues the rows of every namespace above each kind's mark that have no vector, and moves
    /// the marks to the newest rows: each row is looked at once.
    static func sweep(_ db: Database) throws {
        for (kind, table) in owners {
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO embedding_queue (owner_kind, owner_id, namespace)
                    SELECT '\(kind)', x.id, x.namespace FROM \(table) x
                    WHERE x.id > (SELECT CAST(value AS INTEGER) FROM store_info WHERE key = 'embedding_mark:\(kind)')
                      AND NOT EXISTS (SELECT 1 FROM embeddings m WHERE m.owner_kind = '\(kind)' AND m.owner_id = x.id);
                    UPDATE store_info SET value = (SELECT coalesce(max(id), 0) FROM \(table))
                    WHERE key = 'embedding_mark:\(kind)';
                    """)
        }
    }

    /// Creates `embedding_queue`, its triggers and the marks, and queues every row without a
    /// vector (migration v11). The SQL is written out, so that no later change alters this
    /// migration.
    static func create(_ db: Database) throws {
        // The owner of a vector, if it still exists, with its namespace.
        func existing(_ row: String) -> String {
            owners.map { kind, table in
                "SELECT '\(kind)', id, namespace FROM \(table) WHERE \(row).owner_kind = '\(kind)' AND id = \(row).owner_id"
            }.joined(separator: "\n    UNION ALL ")
        }
        var sql = """
            CREATE TABLE embedding_queue (
                owner_kind TEXT NOT NULL,
                owner_id INTEGER NOT NULL,
                namespace TEXT NOT NULL,
                PRIMARY KEY (owner_kind, owner_id)
            ) WITHOUT ROWID;
            CREATE INDEX embedding_queue_by_namespace ON embedding_queue(namespace, owner_kind);
            CREATE TRIGGER embedding_queue_vector_insert AFTER INSERT ON embeddings BEGIN
                DELETE FROM embedding_queue WHERE owner_kind = NEW.owner_kind AND owner_id = NEW.owner_id;
            END;
            CREATE TRIGGER embedding_queue_vector_delete AFTER DELETE ON embeddings BEGIN
                INSERT OR IGNORE INTO embedding_queue (owner_kind, owner_id, namespace)
                \(existing("OLD"));
            END;
            CREATE TRIGGER embedding_queue_vector_update AFTER UPDATE OF owner_kind, owner_id ON embeddings BEGIN
                DELETE FROM embedding_queue WHERE owner_kind = NEW.owner_kind AND owner_id = NEW.owner_id;
                INSERT OR IGNORE INTO embedding_queue (owner_kind, owner_id, namespace)
                SELECT * FROM (\(existing("OLD"))) WHERE NOT EXISTS (
                    SELECT 1 FROM embeddings WHERE owner_kind = OLD.owner_kind AND owner_id = OLD.owner_id);
            END;
            CREATE TRIGGER embedding_queue_entity_text AFTER UPDATE OF name, type, summary ON entities
            WHEN OLD.name IS NOT NEW.name OR OLD.type IS NOT NEW.type OR OLD.summary IS NOT NEW.summary BEGIN
                DELETE FROM embeddings WHERE owner_kind = 'entity' AND owner_id = NEW.id;
            END;
            CREATE TRIGGER embedding_queue_edge_text AFTER UPDATE OF fact, subject_id, relation, object_id, object_value
                ON edges
            WHEN OLD.fact IS NOT NEW.fact OR (NEW.fact IS NULL AND (OLD.subject_id IS NOT NEW.subject_id
                OR OLD.relation IS NOT NEW.relation OR OLD.object_id IS NOT NEW.object_id
                OR OLD.object_value IS NOT NEW.object_value)) BEGIN
                DELETE FROM embeddings WHERE owner_kind = 'edge' AND owner_id = NEW.id;
            END;

            """
        for (kind, table) in owners {
            sql += """
                CREATE TRIGGER embedding_queue_\(table)_delete AFTER DELETE ON \(table) BEGIN
                    DELETE FROM embedding_queue WHERE owner_kind = '\(kind)' AND owner_id = OLD.id;
                    UPDATE store_info SET value = (SELECT coalesce(max(id), 0) FROM \(table))
                    WHERE key = 'embedding_mark:\(kind)'
                      AND CAST(value AS INTEGER) > (SELECT coalesce(max(id), 0) FROM \(table));
                END;
                INSERT INTO embedding_queue (owner_kind, owner_id, namespace)
                SELECT '\(kind)', x.id, x.namespace FROM \(table) x WHERE NOT EXISTS (
                    SELECT 1 FROM embeddings m WHERE m.owner_kind = '\(kind)' AND m.owner_id = x.id);
                INSERT INTO store_info (key, value)
                SELECT 'embedding_mark:\(kind)', coalesce(max(id), 0) FROM \(table);

                """
        }
        try db.execute(sql: sql)
    }
}
