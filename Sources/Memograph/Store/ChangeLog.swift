import GRDB

/// A table of changes that triggers append to in the writing transaction (`edge_log`,
/// `entity_log`, `embedding_log`), from which an in-memory cache catches up with a reader's snapshot by reading
/// again only what changed. Entries are numbered without gaps (each is one past the largest), and
/// writers prune the oldest.
struct ChangeLog {
    static let edges = ChangeLog(table: "edge_log")
    static let entities = ChangeLog(table: "entity_log")
    static let embeddings = ChangeLog(table: "embedding_log")

    let table: String

    /// The number of the newest entry `db` sees; 0 for an empty log.
    func head(_ db: Database) throws -> Int64 {
        var head: Int64 = 0
        try HotStatement.query(db.cachedStatement(sql: "SELECT max(seq) FROM \(table)"), []) {
            head = $0.int64(0)
        }
        return head
    }

    /// Passes entries `after`+1 through `through`, oldest first, to `entry` as rows of `seq` then
    /// `columns` (whose parameters are `arguments`). False when they are more than `limit` (a
    /// fresh load is then cheaper) or the log no longer holds them all.
    func read(
        after: Int64, through: Int64, limit: Int, columns: String, arguments: [SQLParameter] = [],
        db: Database, _ entry: (SQLRow) -> Void
    ) throws -> Bool {
        guard through - after <= limit else { return false }
        var first: Int64?
        try HotStatement.query(
            db.cachedStatement(
                sql: "SELECT seq, \(columns) FROM \(table) WHERE seq > ? AND seq <= ? ORDER BY seq"),
            arguments + [.int(after), .int(through)]
        ) { row in
            if first == nil { first = row.int64(0) }
            entry(row)
        }
        // With no gaps in the numbering, a missing first entry means pruning took it.
        return first == after + 1
    }

    /// The ids in column `id` of entries `after`+1 through `through` for which `condition` holds
    /// (its parameters are `arguments`), or nil when a cache holding `held` items is better loaded
    /// afresh: the entries are more than a quarter of them (and more than 1,024), or the log no
    /// longer holds them all.
    func changedIDs(
        after: Int64, through: Int64, held: Int, id: String, where condition: String = "1",
        arguments: [SQLParameter] = [], db: Database
    ) throws -> Set<Int64>? {
        var changed: Set<Int64> = []
        let complete = try read(
            after: after, through: through, limit: max(1_024, held / 4), columns: "\(condition), \(id)",
            arguments: arguments, db: db
        ) { row in
            if row.int64(1) != 0 { changed.insert(row.int64(2)) }
        }
        return complete ? changed : nil
    }
}
