import Foundation
import GRDB
import Memograph
import Testing

@Suite struct BadInputTests {
    /// Runs `body`, which must throw `expected`, and checks the store file did not change a byte.
    func expectUnchanged(
        _ fixture: StoreFixture, throws expected: MemographError, _ body: () throws -> Void
    ) throws {
        let before = try fixture.snapshot()
        #expect(throws: expected) { try body() }
        #expect(try fixture.snapshot() == before)
    }

    func seeded() throws -> StoreFixture {
        let fixture = try StoreFixture()
        try fixture.store.relate("Person:Ada", "memberOf", "Team:platform")
        try fixture.store.relate("Service:platform", "dependsOn", "Tool:postgres")
        return fixture
    }

    @Test func unknownEntity() throws {
        let fixture = try seeded()
        try expectUnchanged(fixture, throws: .unknownEntity("Person:Grace")) {
            _ = try fixture.store.facts(about: "Person:Grace")
        }
        try expectUnchanged(fixture, throws: .unknownEntity("#999")) {
            try fixture.store.relate(.id(EntityID(999)), "uses", "Tool:vim")
        }
    }

    @Test func ambiguousName() throws {
        let fixture = try seeded()
        try expectUnchanged(
            fixture, throws: .ambiguousEntity("platform", candidates: ["Service:platform", "Team:platform"])
        ) {
            try fixture.store.relate("Person:Ada", "uses", "platform")
        }
    }

    @Test func emptyRelation() throws {
        let fixture = try seeded()
        try expectUnchanged(fixture, throws: .invalidArgument(field: "relation", reason: "must not be empty"))
        {
            try fixture.store.relate("Person:Ada", "  ", "Tool:vim")
        }
    }

    @Test func invalidTextAndIntervals() throws {
        let fixture = try seeded()
        try expectUnchanged(
            fixture, throws: .invalidArgument(field: "name", reason: "contains the control character U+0")
        ) {
            try fixture.store.relate("Person:Ada", "uses", .name("vi\u{0}m", type: "Tool"))
        }
        try expectUnchanged(
            fixture, throws: .invalidArgument(field: "validTo", reason: "must be after validFrom")
        ) {
            try fixture.store.relate("Person:Ada", "uses", "Tool:vim", validFrom: day(5), validTo: day(4))
        }
    }

    @Test func failingBatchWritesNothing() throws {
        let fixture = try seeded()
        try expectUnchanged(fixture, throws: .invalidArgument(field: "relation", reason: "must not be empty"))
        {
            try fixture.store.relate([
                Assertion("Person:Ada", "uses", .entity("Tool:vim")),
                Assertion("Person:Ada", "", .entity("Tool:emacs")),
            ])
        }
        #expect(try fixture.store.findEntities(named: "vim").isEmpty)
    }

    @Test func fileThatIsNotSQLite() throws {
        let fixture = try StoreFixture()
        let path = fixture.directory.appendingPathComponent("notes.txt").path
        let bytes = Data("these are my notes, not a database\n".utf8 + Data(repeating: 7, count: 4096))
        _ = FileManager.default.createFile(atPath: path, contents: bytes)
        #expect {
            try GraphStore(path: path)
        } throws: { error in
            guard case MemographError.notAMemographStore(let failing, _) = error else { return false }
            return failing == path
        }
        #expect(FileManager.default.contents(atPath: path) == bytes)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func sqliteDatabaseOfAnotherApplication() throws {
        let fixture = try StoreFixture()
        let path = fixture.directory.appendingPathComponent("other.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY)") }
        try queue.close()
        let bytes = FileManager.default.contents(atPath: path)
        #expect {
            try GraphStore(path: path)
        } throws: { error in
            (error as? MemographError)?.errorDescription?.contains("another application") == true
        }
        #expect(FileManager.default.contents(atPath: path) == bytes)
    }

    @Test func storeWithNewerSchema() throws {
        let fixture = try seeded()
        let path = fixture.path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-future')")
        }
        try queue.close()
        let bytes = FileManager.default.contents(atPath: path)
        #expect(throws: MemographError.newerSchema(path: path, unknownMigrations: ["v99-future"])) {
            try GraphStore(path: path)
        }
        #expect(FileManager.default.contents(atPath: path) == bytes)
    }

    @Test func reopeningKeepsEverything() throws {
        let fixture = try seeded()
        let reopened = try GraphStore(path: fixture.path)
        #expect(try reopened.facts(about: "Person:Ada").map(\.objectText) == ["platform"])
    }
}
