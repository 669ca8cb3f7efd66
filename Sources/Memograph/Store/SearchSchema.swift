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
/// `store_info.embeddings_version` counts changes to the `embeddings` table, so that in-memory
/// vector indexes know when to reload.
enum SearchSchema {
    static let versionKey = "embeddings_version"

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

                INSERT OR REPLACE INTO store_info (key, value) VALUES ('\(versionKey)', '0');
                CREATE TRIGGER embeddings_version_insert AFTER INSERT ON embeddings BEGIN
                    UPDATE store_info SET value = CAST(value AS INTEGER) + 1 WHERE key = '\(versionKey)';
                END;
                CREATE TRIGGER embeddings_version_delete AFTER DELETE ON embeddings BEGIN
                    UPDATE store_info SET value = CAST(value AS INTEGER) + 1 WHERE key = '\(versionKey)';
                END;
                """)
    }
}
