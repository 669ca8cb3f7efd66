import Foundation
import GRDB

/// The in-memory ``Adjacency`` of one store view, kept current from the store's edge log. Walks
/// (search's expansion, `neighbours`, `path`) read it from a view's second walk on.
typealias AdjacencyCache = LogCache<Adjacency>

extension Adjacency: LogFollowing {
    static var log: ChangeLog { .edges }
    static var loggedID: String { "edge_id" }
}

extension LogCache where Value == Adjacency {
    /// How many of the newest log entries writers keep (pruned every 4,096 entries), as migration
    /// v9 wrote it into its trigger.
    static var retainedEntries: Int { 65_536 }

    /// The adjacency of `namespace` as `db`'s snapshot sees it, or nil where a walk should query
    /// the store instead (see ``LogCache/value(namespace:db:)``).
    func adjacency(namespace: String, db: Database) throws -> Adjacency? {
        try value(namespace: namespace, db: db)
    }

    /// Creates `edge_log` and the triggers that fill and prune it (migration v9). The numbers are
    /// written out, so that no later change here alters what this migration created.
    static func createLog(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE edge_log (seq INTEGER PRIMARY KEY, edge_id INTEGER NOT NULL);
                CREATE TRIGGER edge_log_insert AFTER INSERT ON edges BEGIN
                    INSERT INTO edge_log (edge_id) VALUES (NEW.id);
                END;
                CREATE TRIGGER edge_log_update AFTER UPDATE OF id, namespace, subject_id, relation, object_id,
                    valid_from, valid_to, recorded_at, expired_at, end_kind, expires_at ON edges BEGIN
                    INSERT INTO edge_log (edge_id) VALUES (OLD.id);
                    INSERT INTO edge_log (edge_id) SELECT NEW.id WHERE NEW.id <> OLD.id;
                END;
                CREATE TRIGGER edge_log_delete AFTER DELETE ON edges BEGIN
                    INSERT INTO edge_log (edge_id) VALUES (OLD.id);
                END;
                CREATE TRIGGER edge_log_prune AFTER INSERT ON edge_log WHEN NEW.seq % 4096 = 0 BEGIN
                    DELETE FROM edge_log WHERE seq <= NEW.seq - 65536;
                END;
                """)
    }

    /// Logs every change to an edge (migration v14): the adjacency holds each edge whole, so a
    /// new fact text, successor, confidence or attributes must reach it too, not only a new end
    /// or time (v9's trigger).
    static func logEveryColumn(_ db: Database) throws {
        try db.execute(
            sql: """
                DROP TRIGGER edge_log_update;
                CREATE TRIGGER edge_log_update AFTER UPDATE ON edges BEGIN
                    INSERT INTO edge_log (edge_id) VALUES (OLD.id);
                    INSERT INTO edge_log (edge_id) SELECT NEW.id WHERE NEW.id <> OLD.id;
                END;
                """)
    }
}
