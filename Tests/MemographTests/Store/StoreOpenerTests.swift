import Foundation
import GRDB
import Testing

@testable import Memograph

@Suite struct StoreOpenerTests {
    /// Both the writer and the readers run in WAL with NORMAL sync, check foreign keys, and keep
    /// temporary data — statement journals above all — in memory: with SQLite's default of a
    /// file, every statement of a large transaction wrote its journal through pwrite to /var/tmp
    /// (about 3 calls an edge in batched inserts).
    @Test func everyConnectionIsConfiguredAlike() throws {
        let fixture = try StoreFixture()
        func settings(_ db: Database) throws -> [String] {
            try ["journal_mode", "synchronous", "temp_store", "foreign_keys"].map {
                try String.fetchOne(db, sql: "PRAGMA \($0)") ?? "-"
            }
        }
        let expected = ["wal", "1", "2", "1"]
        #expect(try fixture.store.database.write(settings) == expected)
        #expect(try fixture.store.database.read(settings) == expected)
    }
}
