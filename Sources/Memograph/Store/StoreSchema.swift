import GRDB

/// The store's SQLite schema, created and upgraded by versioned migrations.
///
/// Adjacency is indexed both ways: `(subject_id, relation, valid_to)` for outgoing walks and
/// `(object_id, relation, valid_to)` for incoming ones.
enum StoreSchema {
    /// Written into the SQLite header (`PRAGMA application_id`) so a Memograph file is recognisable.
    static let applicationID: Int32 = 0x4D65_6D67  // "Memg"

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-graph") { db in
            try db.execute(sql: "PRAGMA application_id = \(applicationID)")
            try db.execute(
                sql: """
                    CREATE TABLE entities (
                        id INTEGER PRIMARY KEY,
                        namespace TEXT NOT NULL,
                        type TEXT NOT NULL,
                        name TEXT NOT NULL,
                        normalized_name TEXT NOT NULL,
                        summary TEXT,
                        attributes TEXT NOT NULL DEFAULT '{}',
                        created_at INTEGER NOT NULL,
                        updated_at INTEGER NOT NULL
                    );
                    CREATE UNIQUE INDEX entities_identity ON entities(namespace, type, normalized_name);
                    CREATE INDEX entities_by_name ON entities(namespace, normalized_name);

                    CREATE TABLE aliases (
                        entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
                        namespace TEXT NOT NULL,
                        alias TEXT NOT NULL,
                        normalized_alias TEXT NOT NULL,
                        PRIMARY KEY (entity_id, normalized_alias)
                    ) WITHOUT ROWID;
                    CREATE INDEX aliases_lookup ON aliases(namespace, normalized_alias);

                    CREATE TABLE edges (
                        id INTEGER PRIMARY KEY,
                        namespace TEXT NOT NULL,
                        subject_id INTEGER NOT NULL REFERENCES entities(id),
                        relation TEXT NOT NULL,
                        object_id INTEGER REFERENCES entities(id),
                        object_value TEXT,
                        fact TEXT,
                        valid_from INTEGER NOT NULL,
                        valid_to INTEGER,
                        recorded_at INTEGER NOT NULL,
                        expired_at INTEGER,
                        end_kind TEXT CHECK (end_kind IN ('superseded', 'ended', 'withdrawn')),
                        superseded_by INTEGER REFERENCES edges(id) ON DELETE SET NULL,
                        confidence REAL NOT NULL DEFAULT 1.0,
                        attributes TEXT NOT NULL DEFAULT '{}',
                        CHECK ((object_id IS NULL) <> (object_value IS NULL)),
                        CHECK (valid_to IS NULL OR expired_at IS NOT NULL)
                    );
                    CREATE INDEX edges_outgoing ON edges(subject_id, relation, valid_to);
                    CREATE INDEX edges_incoming ON edges(object_id, relation, valid_to);
                    CREATE INDEX edges_superseded_by ON edges(superseded_by) WHERE superseded_by IS NOT NULL;

                    CREATE TABLE episodes (
                        id INTEGER PRIMARY KEY,
                        namespace TEXT NOT NULL,
                        content TEXT NOT NULL,
                        role TEXT,
                        external_id TEXT,
                        occurred_at INTEGER NOT NULL,
                        recorded_at INTEGER NOT NULL,
                        metadata TEXT NOT NULL DEFAULT '{}'
                    );
                    CREATE UNIQUE INDEX episodes_external_id ON episodes(namespace, external_id)
                        WHERE external_id IS NOT NULL;
                    CREATE INDEX episodes_by_time ON episodes(namespace, occurred_at);

                    CREATE TABLE edge_sources (
                        edge_id INTEGER NOT NULL REFERENCES edges(id) ON DELETE CASCADE,
                        episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
                        recorded_at INTEGER NOT NULL,
                        PRIMARY KEY (edge_id, episode_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX edge_sources_by_episode ON edge_sources(episode_id);
                    """)
        }
        migrator.registerMigration("v2-store-info") { db in
            try db.execute(
                sql: "CREATE TABLE store_info (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
        }
        migrator.registerMigration("v3-embeddings") { db in
            try db.execute(
                sql: """
                    CREATE TABLE embeddings (
                        owner_kind TEXT NOT NULL CHECK (owner_kind IN ('entity', 'edge', 'episode')),
                        owner_id INTEGER NOT NULL,
                        namespace TEXT NOT NULL,
                        model TEXT NOT NULL,
                        vector BLOB NOT NULL,
                        PRIMARY KEY (owner_kind, owner_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX embeddings_by_namespace ON embeddings(namespace, owner_kind);
                    """)
        }
        migrator.registerMigration("v4-search", migrate: SearchSchema.migrate)
        migrator.registerMigration("v5-mentions") { db in
            // Which entities an episode names, and how ingestion resolved each name (exact name,
            // alias, embedding similarity with its score, or a new entity).
            try db.execute(
                sql: """
                    CREATE TABLE mentions (
                        episode_id INTEGER NOT NULL REFERENCES episodes(id) ON DELETE CASCADE,
                        entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
                        namespace TEXT NOT NULL,
                        surface TEXT NOT NULL,
                        method TEXT NOT NULL,
                        score REAL,
                        PRIMARY KEY (episode_id, entity_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX mentions_by_entity ON mentions(entity_id);
                    """)
        }
        migrator.registerMigration("v6-retention") { db in
            // How long facts are kept: per namespace, for one relation or ('') for every relation
            // without a rule of its own. `expires_at` (system time) is when a fact leaves the
            // current view; `maintain` purges it.
            try db.execute(
                sql: """
                    CREATE TABLE retention (
                        namespace TEXT NOT NULL,
                        relation TEXT NOT NULL,
                        seconds INTEGER NOT NULL CHECK (seconds > 0),
                        PRIMARY KEY (namespace, relation)
                    ) WITHOUT ROWID;
                    ALTER TABLE edges ADD COLUMN expires_at INTEGER;
                    CREATE INDEX edges_expiry ON edges(namespace, expires_at) WHERE expires_at IS NOT NULL;
                    """)
        }
        migrator.registerMigration("v7-episode-context") { db in
            // A turn's vector also reads the end of the turn before it (see
            // `GraphStore.embeddingText(of:after:)`), so whatever changes which episode comes
            // before another, or what it says, drops the vector of the episode after it, to be
            // embedded again. Vectors embedded before this version had no context: they go too.
            // The successor query is written out here rather than taken from
            // `ConversationNeighbour`, so that no later change there alters what this migration
            // created.
            let gap = StoreTime.microseconds(Episode.conversationGap)
            func dropSuccessor(of row: String) -> String {
                """
                DELETE FROM embeddings WHERE owner_kind = 'episode' AND owner_id = (
                    SELECT n.id FROM episodes n WHERE n.namespace = \(row).namespace
                      AND n.occurred_at <= \(row).occurred_at + \(gap)
                      AND (n.occurred_at, n.id) > (\(row).occurred_at, \(row).id)
                    ORDER BY n.occurred_at, n.id LIMIT 1);
                """
            }
            try db.execute(
                sql: """
                    CREATE TRIGGER episodes_context_insert AFTER INSERT ON episodes BEGIN
                        \(dropSuccessor(of: "NEW"))
                    END;
                    CREATE TRIGGER episodes_context_delete AFTER DELETE ON episodes BEGIN
                        \(dropSuccessor(of: "OLD"))
                    END;
                    CREATE TRIGGER episodes_context_update AFTER UPDATE OF content, role, occurred_at ON episodes
                    BEGIN
                        DELETE FROM embeddings WHERE owner_kind = 'episode' AND owner_id = NEW.id;
                        \(dropSuccessor(of: "OLD"))
                        \(dropSuccessor(of: "NEW"))
                    END;
                    DELETE FROM embeddings WHERE owner_kind = 'episode';
                    """)
        }
        migrator.registerMigration("v8-full-text-ranking", migrate: SearchSchema.prepareRanking)
        migrator.registerMigration("v9-edge-log", migrate: AdjacencyCache.createLog)
        migrator.registerMigration("v10-embedding-log", migrate: VectorIndexCache.createLog)
        migrator.registerMigration("v11-embedding-queue", migrate: EmbeddingQueue.create)
        migrator.registerMigration("v12-embedding-rows") { db in
            // A row of a WITHOUT ROWID table keeps about 1 KB of a 4 KB page in place, so each
            // vector of 384 floats (1.5 KB) took a page of its own for the rest: 4.7 KB a vector
            // on disk. A rowid table keeps up to 4 KB in place: two vectors a page. The table is
            // copied, and its triggers are created again from their stored text. The rename runs
            // with legacy_alter_table, since otherwise it checks the triggers of other tables,
            // which name `embeddings` while there is none.
            let triggers = try String.fetchAll(
                db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'embeddings'")
            try db.execute(
                sql: """
                    CREATE TABLE embedding_rows (
                        id INTEGER PRIMARY KEY,
                        owner_kind TEXT NOT NULL CHECK (owner_kind IN ('entity', 'edge', 'episode')),
                        owner_id INTEGER NOT NULL,
                        namespace TEXT NOT NULL,
                        model TEXT NOT NULL,
                        vector BLOB NOT NULL
                    );
                    INSERT INTO embedding_rows (owner_kind, owner_id, namespace, model, vector)
                    SELECT owner_kind, owner_id, namespace, model, vector FROM embeddings
                    ORDER BY namespace, owner_kind, owner_id;
                    DROP TABLE embeddings;
                    PRAGMA legacy_alter_table = ON;
                    ALTER TABLE embedding_rows RENAME TO embeddings;
                    PRAGMA legacy_alter_table = OFF;
                    CREATE UNIQUE INDEX embeddings_owner ON embeddings(owner_kind, owner_id);
                    CREATE INDEX embeddings_by_namespace ON embeddings(namespace, owner_kind);
                    """)
            for trigger in triggers { try db.execute(sql: trigger) }
        }
        // Search lists a namespace's speakers to leave them out of the text it embeds for episodes.
        migrator.registerMigration("v13-episode-roles") { db in
            try db.execute(sql: "CREATE INDEX episodes_by_role ON episodes(namespace, role)")
        }
        // Walks return whole edges and entities from memory, kept current from these logs.
        migrator.registerMigration("v14-row-logs") { db in
            try AdjacencyCache.logEveryColumn(db)
            try EntityTableCache.createLog(db)
        }
        return migrator
    }
}
