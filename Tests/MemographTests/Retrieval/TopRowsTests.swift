import CMemographFullText
import Foundation
import GRDB
import Testing

@testable import Memograph

/// The rows a ranking function keeps in ``TopRows`` must be those, in the order, that SQLite's
/// `ORDER BY score, rowid LIMIT n` gives, ties cut at the same rowid.
@Suite struct TopRowsTests {
    /// The best `limit` rowids of `query` in `table`, sorted by SQLite and kept by the heap.
    private static func ranked(
        _ db: Database, table: String, weights: String, query: String, limit: Int, top: TopRows
    ) throws -> (sorted: [Int64], kept: [Int64], returned: Int) {
        let function = SearchSchema.rankFunction(of: table)
        var sorted: [Int64] = []
        try HotStatement.query(
            db.makeStatement(
                sql: """
                    SELECT rowid FROM \(table) WHERE \(table) MATCH ?
                    ORDER BY \(function)(\(table), NULL, NULL, NULL\(weights)), rowid LIMIT ?
                    """), [.text(query), .int(Int64(limit))]
        ) { sorted.append($0.int64(0)) }
        top.reset(capacity: limit)
        var returned = 0
        try HotStatement.query(
            db.makeStatement(
                sql: """
                    SELECT 1 FROM \(table) WHERE \(table) MATCH ?
                    AND \(function)(\(table), NULL, NULL, ?\(weights)) IS NOT NULL
                    """), [.text(query), top.parameter]
        ) { _ in returned += 1 }
        return (sorted, top.ranked(), returned)
    }

    @Test func theHeapKeepsTheRowsAndOrderOfASortCutAtTheSameTie() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        // Runs of identical texts tie; a longer text with both words ranks apart.
        for index in 0..<36 {
            let text = ["billing ledger", "billing", "ledger lunch billing friday", "weather"][index % 4]
            try store.addEpisode(text)
        }
        for index in 0..<9 {
            try store.upsertEntity(
                name: "billing \(index)", type: "Service", summary: index % 3 == 0 ? "ledger" : nil)
        }
        let top = TopRows(capacity: 1)
        try store.read { db in
            let query = FullTextQuery.expression(of: ["billing", "ledger"])
            for limit in [0, 1, 4, 9, 10, 14, 27, 40] {
                let episodes = try Self.ranked(
                    db, table: "search_episodes", weights: "", query: query, limit: limit, top: top)
                #expect(episodes.kept == episodes.sorted, "limit \(limit)")
                #expect(episodes.returned == 0)
                #expect(episodes.kept.count == min(limit, 27))
                let entities = try Self.ranked(
                    db, table: "search_entities", weights: ", 3.0, 2.0, 1.0", query: query, limit: limit,
                    top: top)
                #expect(entities.kept == entities.sorted, "limit \(limit)")
            }
            // Nine rows of each text tie: the cuts at 4 and 10 fall inside a tie, where the sort
            // goes by rowid, not by the order the heap met the rows in.
            let scores = try Double.fetchAll(
                db,
                sql: """
                    SELECT memograph_bm25(search_episodes, NULL, NULL, NULL) AS score FROM search_episodes
                    WHERE search_episodes MATCH ? ORDER BY score, rowid
                    """, arguments: [query])
            #expect(scores.count == 27 && scores[3] == scores[4] && scores[9] == scores[10])
        }
    }
}
