import GRDB
import Testing

@testable import Memograph

@Suite struct IDListTests {
    /// SQLite's `json_each` reads back every id as written, at the ends of the range too.
    @Test func idsComeBackFromJSONEachAsWritten() throws {
        let database = try DatabaseQueue()
        let lists: [[Int64]] = [
            [], [0], [7], [10, 100, 1_000, 9], [-1, -10, 42], [.max, .min, .max - 1, .min + 1],
            (0..<500).map { Int64($0) * 7_919 - 1_000_000 },
        ]
        for ids in lists {
            let json = IDList.json(ids)
            let read = try database.read { db in
                try Int64.fetchAll(db, sql: "SELECT value FROM json_each(?) ORDER BY key", arguments: [json])
            }
            #expect(read == ids, "\(json.prefix(80))")
        }
        #expect(IDList.json([3, -20, 0]) == "[3,-20,0]")
    }
}
