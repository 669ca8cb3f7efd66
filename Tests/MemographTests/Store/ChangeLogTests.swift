import Foundation
import GRDB
import Testing

@testable import Memograph

/// A cache catches up from the change log only when the log still holds every entry it missed
/// and they are few enough; otherwise it must load afresh.
@Suite struct ChangeLogTests {
    @Test func aRangeIsReadOnlyWhenComplete() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let edges = try [
            store.relate("Person:Ada", "knows", "Person:Grace"),
            store.relate("Person:Ada", "knows", "Person:Linus"),
            store.relate("Person:Ada", "knows", "Person:Alan"),
            store.relate("Person:Ada", "knows", "Person:Ken"),
            store.relate("Person:Ada", "knows", "Person:Radia"),
            store.relate("Person:Ada", "knows", "Person:Barbara"),
        ].map(\.edgeID.rawValue)
        func read(after: Int64, limit: Int = 100) throws -> (complete: Bool, edges: [Int64], head: Int64) {
            try store.read { db in
                let head = try ChangeLog.edges.head(db)
                var seen: [Int64] = []
                let complete = try ChangeLog.edges.read(
                    after: after, through: head, limit: limit, columns: "edge_id", db: db
                ) { seen.append($0.int64(1)) }
                return (complete, seen, head)
            }
        }
        let all = try read(after: 0)
        #expect(all.complete && all.edges == edges && all.head == 6)
        #expect(try read(after: 4).edges == Array(edges.suffix(2)))
        #expect(try read(after: 0, limit: 5).complete == false)
        // Pruning took the first two entries: a reader behind them cannot catch up, one past
        // them can.
        try await store.database.write { db in try db.execute(sql: "DELETE FROM edge_log WHERE seq <= 2") }
        #expect(try read(after: 0).complete == false)
        #expect(try read(after: 1).complete == false)
        let caughtUp = try read(after: 2)
        #expect(caughtUp.complete && caughtUp.edges == Array(edges.suffix(4)))
    }
}
