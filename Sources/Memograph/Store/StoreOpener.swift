import CMemographFullText
import Foundation
import GRDB
import GRDBSQLite

/// Opens a store file, refusing — without writing a byte — files that are not Memograph stores
/// or that a newer Memograph wrote.
enum StoreOpener {
    /// The opened store, and for a pool the checkpointer that keeps its log short (see
    /// ``WALCheckpointer``); a single connection keeps SQLite's automatic checkpoint.
    /// `foundLog` tells that the file came with a log: one a process left without closing the
    /// store (the opening finds it valid but marked unfolded, so every read looks its pages up
    /// there until a checkpoint), or one another process is still writing. The caller asks for a
    /// checkpoint once it accepts the store; a passive one is harmless in the second case.
    static func open(path: String, access: StoreAccess) throws -> (
        database: any DatabaseWriter, checkpointer: WALCheckpointer?, foundLog: Bool
    ) {
        let migrator = StoreSchema.migrator
        let isNew: Bool
        var foundLog = false
        if let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, size > 0 {
            try inspect(path: path, migrator: migrator)
            isNew = false
            let log = try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int
            foundLog = (log ?? 0) > 0
        } else {
            isNew = true
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        }
        let checkpointer = access == .concurrent ? WALCheckpointer(path: path) : nil
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // WAL with NORMAL sync is durable across application crashes; a larger page cache
            // and memory-mapped reads keep adjacency lookups off the read(2) path. Temporary data
            // stays in memory: a statement journal that once outgrew 64 KB went on to a file and
            // stayed there, so every later insert of the connection wrote its pages through
            // pwrite (about 3 calls an edge in batched inserts).
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "PRAGMA cache_size = -65536")
            try db.execute(sql: "PRAGMA mmap_size = 1073741824")
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 8192")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            // A pool checkpoints in the background instead (its hook replaces the automatic one).
            checkpointer?.install(on: db)
            let code = mg_register_full_text_rank(db.sqliteConnection)
            guard code == SQLITE_OK else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code),
                    message: "cannot register memograph_bm25 with FTS5")
            }
        }
        let database: any DatabaseWriter
        switch access {
        case .concurrent:
            database = try DatabasePool(path: path, configuration: configuration)
        case .single:
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            if isNew {
                // Stores are always WAL, so a single-connection tool and a server can share one.
                try queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = WAL") }
            }
            database = queue
        }
        try migrator.migrate(database)
        return (database, checkpointer, foundLog)
    }

    /// Reads the file read-only and throws unless it is an empty database or a Memograph store
    /// whose migrations this version knows.
    private static func inspect(path: String, migrator: DatabaseMigrator) throws {
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            try queue.read { db in
                let applicationID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let tableCount =
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'table'") ?? 0
                if applicationID != StoreSchema.applicationID {
                    guard tableCount == 0 else {
                        throw MemographError.notAMemographStore(
                            path: path,
                            reason:
                                "it is an SQLite database of another application (application_id \(applicationID))"
                        )
                    }
                    return
                }
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                let unknown = Set(applied).subtracting(migrator.migrations)
                if !unknown.isEmpty {
                    throw MemographError.newerSchema(path: path, unknownMigrations: unknown.sorted())
                }
            }
            try queue.close()
        } catch let error as DatabaseError {
            throw MemographError.notAMemographStore(
                path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }
}
