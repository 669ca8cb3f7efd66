import Foundation
import GRDB

/// The in-memory vector indexes of one store view, loaded from the `embeddings` table on first
/// use and kept current from the store's embedding log.
///
/// Triggers append the owner of every vector inserted, replaced or deleted to `embedding_log` in
/// the writing transaction, so a search after a write re-reads only the vectors logged since: an
/// agent that remembers a fact and then recalls pays a few row reads, not a reload of every
/// vector of the kind. The log keeps its newest ``retainedEntries`` entries; an index further
/// behind is loaded afresh.
final class VectorIndexCache: @unchecked Sendable {
    /// How many of the newest log entries writers keep (pruned every 4,096 entries), as migration
    /// v10 wrote it into its trigger.
    static let retainedEntries = 65_536

    private struct Key: Hashable {
        var kind: String
        var model: String
    }

    private let lock = NSLock()
    private var indexes: [Key: (through: Int64, index: ExactVectorIndex)] = [:]

    /// Creates `embedding_log` and the triggers that fill and prune it, and drops the change
    /// counter it replaces (migration v10). The numbers are written out, so that no later change
    /// here alters what this migration created.
    static func createLog(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE embedding_log (
                    seq INTEGER PRIMARY KEY, owner_kind TEXT NOT NULL, owner_id INTEGER NOT NULL);
                CREATE TRIGGER embedding_log_insert AFTER INSERT ON embeddings BEGIN
                    INSERT INTO embedding_log (owner_kind, owner_id) VALUES (NEW.owner_kind, NEW.owner_id);
                END;
                CREATE TRIGGER embedding_log_update AFTER UPDATE ON embeddings BEGIN
                    INSERT INTO embedding_log (owner_kind, owner_id) VALUES (OLD.owner_kind, OLD.owner_id);
                    INSERT INTO embedding_log (owner_kind, owner_id)
                        SELECT NEW.owner_kind, NEW.owner_id
                        WHERE NEW.owner_kind <> OLD.owner_kind OR NEW.owner_id <> OLD.owner_id;
                END;
                CREATE TRIGGER embedding_log_delete AFTER DELETE ON embeddings BEGIN
                    INSERT INTO embedding_log (owner_kind, owner_id) VALUES (OLD.owner_kind, OLD.owner_id);
                END;
                CREATE TRIGGER embedding_log_prune AFTER INSERT ON embedding_log WHEN NEW.seq % 4096 = 0 BEGIN
                    DELETE FROM embedding_log WHERE seq <= NEW.seq - 65536;
                END;
                DROP TRIGGER embeddings_version_insert;
                DROP TRIGGER embeddings_version_delete;
                DELETE FROM store_info WHERE key = 'embeddings_version';
                """)
    }

    /// The index of `kind` ('entity', 'edge' or 'episode') vectors of `model` in `namespace`, as
    /// `db`'s snapshot sees them.
    func index(kind: String, model: String, namespace: String, dimension: Int, db: Database) throws
        -> ExactVectorIndex
    {
        let head = try ChangeLog.embeddings.head(db)
        let key = Key(kind: kind, model: model)
        let reader = Reader(kind: kind, model: model, namespace: namespace, dimension: dimension, db: db)
        return try lock.withLock {
            // The held index leaves the dictionary while it is brought up to date, so that no
            // second reference makes the update copy every row instead of changing a few.
            if var held = indexes.removeValue(forKey: key) {
                if held.through == head {
                    indexes[key] = held
                    return held.index
                }
                // A reader older than the index held gets one of its own, and the newer one stays.
                if held.through > head {
                    indexes[key] = held
                    return try reader.load()
                }
                if let changed = try ChangeLog.embeddings.changedIDs(
                    after: held.through, through: head, held: held.index.count, id: "owner_id",
                    where: "owner_kind = ?", arguments: [.text(kind)], db: db)
                {
                    try reader.apply(changed, to: &held.index)
                    held.through = head
                    indexes[key] = held
                    return held.index
                }
            }
            let index = try reader.load()
            indexes[key] = (head, index)
            return index
        }
    }

    /// Reads one kind's vectors of one model and namespace from one snapshot.
    private struct Reader {
        let kind: String
        let model: String
        let namespace: String
        let dimension: Int
        let db: Database

        /// Every vector of the kind, in owner order. A vector of another length (a model whose
        /// identity did not change with its dimension) is left out, as search would refuse it.
        func load() throws -> ExactVectorIndex {
            var entries: [(id: Int64, vector: [Float])] = []
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT owner_id, vector FROM embeddings
                    WHERE namespace = ? AND owner_kind = ? AND model = ? ORDER BY owner_id
                    """, arguments: [namespace, kind, model])
            while let row = try rows.next() {
                let vector = VectorCoding.decode(row[1])
                if vector.count == dimension { entries.append((row[0], vector)) }
            }
            return try ExactVectorIndex(dimension: dimension, entries: entries)
        }

        /// Brings `index` to this snapshot for the `changed` owners: each one's current vector
        /// replaces the held one, and an owner without one (deleted, another namespace or model,
        /// another length) leaves the index.
        func apply(_ changed: Set<Int64>, to index: inout ExactVectorIndex) throws {
            let statement = try db.cachedStatement(
                sql: """
                    SELECT vector FROM embeddings
                    WHERE owner_kind = ? AND owner_id = ? AND namespace = ? AND model = ?
                    """)
            for owner in changed.sorted() {
                let vector = try Data.fetchOne(statement, arguments: [kind, owner, namespace, model])
                    .map(VectorCoding.decode)
                if let vector, vector.count == dimension {
                    try index.upsert(id: owner, vector: vector)
                } else {
                    index.remove(id: owner)
                }
            }
        }
    }
}
