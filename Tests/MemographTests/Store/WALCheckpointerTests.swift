import Foundation
import GRDB
import MemographTestSupport
import Testing

@testable import Memograph

/// The write-ahead log is folded into the store file by a background connection, and by the
/// committing writer only when the log outgrows its limit.
@Suite struct WALCheckpointerTests {
    private static let pageSize = 4096

    /// A pool on a new file whose writer reports its commits to `checkpointer`, with one table
    /// that each write adds a row of a page and a half to.
    private static func pool(_ checkpointer: (String) -> WALCheckpointer) throws -> (
        DatabasePool, WALCheckpointer, String
    ) {
        let directory = try ScratchDirectory.make("memograph-wal")
        let path = directory.appendingPathComponent("store.sqlite").path
        let made = checkpointer(path)
        var configuration = Configuration()
        configuration.prepareDatabase { db in made.install(on: db) }
        let pool = try DatabasePool(path: path, configuration: configuration)
        try pool.write { try $0.execute(sql: "CREATE TABLE rows (id INTEGER PRIMARY KEY, body BLOB)") }
        return (pool, made, path)
    }

    private static func write(_ count: Int, to pool: DatabasePool) throws {
        for _ in 0..<count {
            try pool.write { db in
                try db.execute(
                    sql: "INSERT INTO rows (body) VALUES (randomblob(?))", arguments: [pageSize * 3 / 2])
            }
        }
    }

    /// Rows of `table` the store file holds on its own, without its log.
    private static func rowsInFileAlone(_ path: String, table: String = "rows") throws -> Int {
        let copy = path + ".copy"
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: path, toPath: copy)
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: copy, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM \(table)") ?? 0 }
    }

    @Test func theBackgroundFoldsTheLogWhileTheWriterGoesOn() throws {
        let (pool, checkpointer, path) = try Self.pool {
            WALCheckpointer(path: $0, backgroundFrames: 16, writerFrames: 1_000_000)
        }
        try Self.write(60, to: pool)
        checkpointer.waitUntilIdle()
        let counts = checkpointer.checkpointCounts
        #expect(counts.background >= 1)
        #expect(counts.writer == 0)
        // With SQLite's automatic checkpoint replaced and never reached, only the background
        // can have put rows into the file itself.
        #expect(try Self.rowsInFileAlone(path) > 0)
        checkpointer.close()
        try pool.close()
    }

    @Test func theWriterFoldsTheLogOnceItOutgrowsTheLimit() throws {
        let limit: Int32 = 32
        let (pool, checkpointer, path) = try Self.pool {
            WALCheckpointer(path: $0, backgroundFrames: .max, writerFrames: limit)
        }
        try Self.write(200, to: pool)
        let counts = checkpointer.checkpointCounts
        #expect(counts.background == 0)
        #expect(counts.writer >= 1)
        // A log folded in full starts again from its beginning, so the file stays within the
        // limit plus one commit's frames (each frame: a page and a 24-byte header).
        let walSize = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int ?? 0
        #expect(walSize <= (Int(limit) + 8) * (Self.pageSize + 24) + 32)
        #expect(try Self.rowsInFileAlone(path) >= 150)
        checkpointer.close()
        try pool.close()
    }

    @Test func aClosedCheckpointerStartsNothing() throws {
        let (pool, checkpointer, _) = try Self.pool {
            WALCheckpointer(path: $0, backgroundFrames: 4, writerFrames: 1_000_000)
        }
        // Opening the pool and creating the table may already have asked for one.
        checkpointer.waitUntilIdle()
        let before = checkpointer.checkpointCounts.background
        checkpointer.close()
        try Self.write(20, to: pool)
        checkpointer.waitUntilIdle()
        #expect(checkpointer.checkpointCounts.background == before)
        try pool.close()
    }

    private static func relate(_ count: Int, in store: GraphStore) throws {
        for index in 0..<count {
            try store.relate(
                .name("service-\(index)", type: "Service"), "listensOnPort", value: "\(8000 + index)")
        }
    }

    @Test func closingAPoolStoreEmptiesItsLog() throws {
        let fixture = try StoreFixture()
        try Self.relate(150, in: fixture.store)
        let log = fixture.path + "-wal"
        #expect(try FileManager.default.attributesOfItem(atPath: log)[.size] as? Int ?? 0 > 0)
        try fixture.store.close()
        // Emptied, not merely folded: a full log is valid again at the next opening.
        #expect((try? FileManager.default.attributesOfItem(atPath: log)[.size] as? Int) ?? 0 == 0)
        #expect(try Self.rowsInFileAlone(fixture.path, table: "edges") == 150)
        let reopened = try GraphStore(path: fixture.path)
        #expect(try reopened.facts(about: "Service:service-149").count == 1)
        try reopened.close()
    }

    @Test func aLogLeftByAProcessThatDidNotCloseIsFoldedInTheBackgroundAtOpening() throws {
        let fixture = try StoreFixture()
        // The file holds the schema; the edges, far fewer frames than a background checkpoint
        // waits for, are only in the log.
        let checkpointer = try #require(fixture.store.checkpointer)
        checkpointer.requestCheckpoint()
        checkpointer.waitUntilIdle()
        try Self.relate(120, in: fixture.store)
        let crashed = try ScratchDirectory.make("memograph-crashed").appendingPathComponent("memory.sqlite")
            .path
        for suffix in ["", "-wal"] {
            try FileManager.default.copyItem(atPath: fixture.path + suffix, toPath: crashed + suffix)
        }
        try fixture.store.close()
        #expect(try Self.rowsInFileAlone(crashed, table: "edges") < 120)

        let store = try GraphStore(path: crashed)
        try #require(store.checkpointer).waitUntilIdle()
        #expect(try Self.rowsInFileAlone(crashed, table: "edges") == 120)
        #expect(try store.facts(about: "Service:service-119").count == 1)
        try store.close()
    }

    @Test func aPoolStoreChecksItsLogInTheBackgroundAndASingleConnectionLeavesItToSQLite() throws {
        let fixture = try StoreFixture()
        let checkpointer = try #require(fixture.store.checkpointer)
        #expect(try fixture.store.namespace("other").checkpointer === checkpointer)
        #expect(checkpointer.backgroundFrames == 8_192)
        try fixture.store.close()
        let single = try GraphStore(path: fixture.path, access: .single)
        #expect(single.checkpointer == nil)
        try single.close()
    }
}
