import GRDB

/// The full-text tables behind search, kept in sync with the graph by triggers so that every
/// write updates them in its own transaction.
///
/// `search_facts` (rowid = edge id) holds a fact's sentence, or for a literal-valued fact without
/// one `subject relation value`. An entity-to-entity fact without a sentence has no row: its words
/// are its entities' names, indexed once in `search_entities` rather than once per edge (which
/// made bulk inserts of a million such edges 2.6 times slower), and search reaches it from them by
/// graph expansion and by its vector;
/// `search_entities` (rowid = entity id) an entity's name, aliases and summary;
/// `search_episodes` (rowid = episode id) an episode's content. Terms are Porter-stemmed.
/// `store_info.rewrites:TABLE` counts the rows of a full-text table deleted or rewritten, so that
/// the row lengths ``DocumentLengthCache`` holds know when they are stale (an added row cannot
/// make them so). (Migration v4 also counted changes to `embeddings` in
/// `store_info.embeddings_version`, until v10 replaced that with ``VectorIndexCache``'s log.)
enum SearchSchema {
    /// The value of one of the change counters above (``rewritesKey(_:)``) that `db` sees; read on
    /// every search, through a cached statement.
    static func counter(_ key: String, db: Database) throws -> Int64 {
        var value: Int64 = 0
        try HotStatement.query(
            db.cachedStatement(sql: "SELECT CAST(value AS INTEGER) FROM store_info WHERE key = ?"),
            [.text(key)]
        ) { value = $0.int64(0) }
        return value
    }

    /// The `store_info` key that counts deleted or rewritten rows of the full-text `table`.
    static func rewritesKey(_ table: String) -> String { "rewrites:\(table)" }

    /// The ranking function of `table` (see `CMemographFullText`): episodes keep positions, so
    /// a word said three times in a turn counts three times; the shorter fact and entity texts
    /// keep only columns (their inserts are faster) and count a word once per column.
    static func rankFunction(of table: String) -> String {
        table == "search_episodes" ? "memograph_bm25" : "memograph_bm25_columns"
    }

    /// What the ranking functions need: `search_episodes` keeps positions, rebuilt with
    /// `detail = full` (which ``migrate(_:)`` left out) so that counting a word's repeats reads
    /// the index rather than the episode's text; and a count, per full-text table, of the writes
    /// that delete or rewrite one of its rows (every trigger of ``migrate(_:)`` that deletes from
    /// a full-text table or updates it).
    static func prepareRanking(_ db: Database) throws {
        // The tokenizer is written out, as in every migration, so that no later change alters
        // what this one created.
        try db.execute(
            sql: """
                DROP TABLE search_episodes;
                CREATE VIRTUAL TABLE search_episodes USING fts5(content, tokenize = 'porter unicode61 remove_diacritics 2');
                INSERT INTO search_episodes (rowid, content) SELECT id, content FROM episodes;
                """)
        let rewrites: [(name: String, table: String, when: String)] = [
            ("edges_update", "search_facts", "AFTER UPDATE OF fact ON edges"),
            (
                "edges_delete", "search_facts",
                "AFTER DELETE ON edges WHEN OLD.fact IS NOT NULL OR OLD.object_value IS NOT NULL"
            ),
            ("entities_update", "search_entities", "AFTER UPDATE OF name, summary ON entities"),
            ("entities_delete", "search_entities", "AFTER DELETE ON entities"),
            ("aliases_insert", "search_entities", "AFTER INSERT ON aliases"),
            ("aliases_delete", "search_entities", "AFTER DELETE ON aliases"),
            ("episodes_update", "search_episodes", "AFTER UPDATE OF content ON episodes"),
            ("episodes_delete", "search_episodes", "AFTER DELETE ON episodes"),
        ]
        for table in Set(rewrites.map(\.table)) {
            try db.execute(
                sql: "INSERT INTO store_info (key, value) VALUES (?, '0')", arguments: [rewritesKey(table)])
        }
        for rewrite in rewrites {
            try db.execute(
                sql: """
                    CREATE TRIGGER rewrites_\(rewrite.name) \(rewrite.when) BEGIN
                        UPDATE store_info SET value = CAST(value AS INTEGER) + 1
                        WHERE key = '\(rewritesKey(rewrite.table))';
                    END
                    """)
        }
    }

    static func migrate(_ db: Database) throws {
        // Queries are single quoted words (``FullTextQuery``), never phrases, so positions are not
        // kept (`detail = column`): inserts measured 30% faster (188k against 144k rows/s).
        let tokenizer = "detail = column, tokenize = 'porter unicode61 remove_diacritics 2'"
        let factText = """
            coalesce(NEW.fact, (SELECT name FROM entities WHERE id = NEW.subject_id) || ' ' || NEW.relation || ' '
                || NEW.object_value)
            """
        let entityAliases = "(SELECT group_concat(alias, ' ') FROM aliases WHERE entity_id = %@)"
        try db.execute(
            sql: """
                CREATE VIRTUAL TABLE search_facts USING fts5(text, \(tokenizer));
                CREATE VIRTUAL TABLE search_entities USING fts5(name, aliases, summary, \(tokenizer));
                CREATE VIRTUAL TABLE search_episodes USING fts5(content, \(tokenizer));

                CREATE TRIGGER search_edges_insert AFTER INSERT ON edges
                WHEN NEW.fact IS NOT NULL OR NEW.object_value IS NOT NULL BEGIN
                    INSERT INTO search_facts (rowid, text) VALUES (NEW.id, \(factText));
                END;
                CREATE TRIGGER search_edges_update AFTER UPDATE OF fact ON edges BEGIN
                    DELETE FROM search_facts WHERE rowid = OLD.id;
                    INSERT INTO search_facts (rowid, text) SELECT NEW.id, \(factText)
                    WHERE NEW.fact IS NOT NULL OR NEW.object_value IS NOT NULL;
                END;
                CREATE TRIGGER search_edges_delete AFTER DELETE ON edges BEGIN
                    DELETE FROM search_facts WHERE rowid = OLD.id;
                END;

                CREATE TRIGGER search_entities_insert AFTER INSERT ON entities BEGIN
                    INSERT INTO search_entities (rowid, name, aliases, summary)
                    VALUES (NEW.id, NEW.name, \(entityAliases.replacingOccurrences(of: "%@", with: "NEW.id")), NEW.summary);
                END;
                CREATE TRIGGER search_entities_update AFTER UPDATE OF name, summary ON entities BEGIN
                    DELETE FROM search_entities WHERE rowid = OLD.id;
                    INSERT INTO search_entities (rowid, name, aliases, summary)
                    VALUES (NEW.id, NEW.name, \(entityAliases.replacingOccurrences(of: "%@", with: "NEW.id")), NEW.summary);
                END;
                CREATE TRIGGER search_entities_delete AFTER DELETE ON entities BEGIN
                    DELETE FROM search_entities WHERE rowid = OLD.id;
                END;
                CREATE TRIGGER search_aliases_insert AFTER INSERT ON aliases BEGIN
                    UPDATE search_entities SET aliases = \(entityAliases.replacingOccurrences(of: "%@", with: "NEW.entity_id"))
                    WHERE rowid = NEW.entity_id;
                END;
                CREATE TRIGGER search_aliases_delete AFTER DELETE ON aliases BEGIN
                    UPDATE search_entities SET aliases = \(entityAliases.replacingOccurrences(of: "%@", with: "OLD.entity_id"))
                    WHERE rowid = OLD.entity_id;
                END;

                CREATE TRIGGER search_episodes_insert AFTER INSERT ON episodes BEGIN
                    INSERT INTO search_episodes (rowid, content) VALUES (NEW.id, NEW.content);
                END;
                CREATE TRIGGER search_episodes_update AFTER UPDATE OF content ON episodes BEGIN
                    DELETE FROM search_episodes WHERE rowid = OLD.id;
                    INSERT INTO search_episodes (rowid, content) VALUES (NEW.id, NEW.content);
                END;
                CREATE TRIGGER search_episodes_delete AFTER DELETE ON episodes BEGIN
                    DELETE FROM search_episodes WHERE rowid = OLD.id;
                END;

                INSERT INTO search_facts (rowid, text)
                    SELECT e.id, coalesce(e.fact, s.name || ' ' || e.relation || ' ' || e.object_value)
                    FROM edges e JOIN entities s ON s.id = e.subject_id
                    WHERE e.fact IS NOT NULL OR e.object_value IS NOT NULL;
                INSERT INTO search_entities (rowid, name, aliases, summary)
                    SELECT n.id, n.name, (SELECT group_concat(alias, ' ') FROM aliases WHERE entity_id = n.id), n.summary
                    FROM entities n;
                INSERT INTO search_episodes (rowid, content) SELECT id, content FROM episodes;

                INSERT OR REPLACE INTO store_info (key, value) VALUES ('embeddings_version', '0');
                CREATE TRIGGER embeddings_version_insert AFTER INSERT ON embeddings BEGIN
                    UPDATE store_info SET value = CAST(value AS INTEGER) + 1 WHERE key = 'embeddings_version';
                END;
                CREATE TRIGGER embeddings_version_delete AFTER DELETE ON embeddings BEGIN
                    UPDATE store_info SET value = CAST(value AS INTEGER) + 1 WHERE key = 'embeddings_version';
                END;
                """)
    }
}
