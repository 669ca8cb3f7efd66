import Foundation
import GRDB

/// The in-memory ``Adjacency`` of one store view, kept current from the store's edge log.
///
/// Triggers append the id of every inserted, deleted or re-timed edge to `edge_log` in the
/// writing transaction, so a reader brings the adjacency up to its own snapshot by reading again
/// only the edges logged since: a write costs the next walk a few row reads, not a reload. The
/// log keeps its newest ``retainedEntries`` entries; an adjacency further behind is loaded afresh.
final class AdjacencyCache: @unchecked Sendable {
    /// How many of the newest log entries writers keep (pruned every 4,096 entries), as migration
    /// v9 wrote it into its trigger.
    static let retainedEntries = 65_536

    private let lock = NSLock()
    private var current: Adjacency?
    private var declinedFirst = false

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

    /// Whether an adjacency has been loaded and is held.
    var isHolding: Bool { lock.withLock { current != nil } }

    /// The adjacency of `namespace` as `db`'s snapshot sees it, or nil where a walk should query
    /// the store instead: on the view's first request (a one-shot search would spend more on
    /// loading every edge than it saves), and for a reader older than the adjacency held.
    func adjacency(namespace: String, db: Database) throws -> Adjacency? {
        let head = try ChangeLog.edges.head(db)
        return try lock.withLock {
            // No copy of `current` is kept across the update below: one would make it copy every
            // link instead of changing the few that changed.
            if let through = current?.through {
                if through == head { return current }
                if through > head { return nil }
                if let changed = try ChangeLog.edges.changedIDs(
                    after: through, through: head, held: current!.count, id: "edge_id", db: db)
                {
                    try current!.apply(changed: changed, through: head, namespace: namespace, db: db)
                    return current
                }
            } else if !declinedFirst {
                declinedFirst = true
                return nil
            }
            current = nil
            current = try Adjacency.load(namespace: namespace, through: head, db: db)
            return current
        }
    }
}
