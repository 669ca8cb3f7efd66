import CMemographFullText
import Foundation
import GRDB
import Testing

@testable import Memograph

/// The ranking functions with the lengths of ``DocumentLengthCache`` must rank exactly as FTS5's
/// `bm25()` (on the tables without positions, where no word repeats within a column), however
/// the store changed since the lengths were read.
@Suite struct DocumentLengthCacheTests {
    private static let words = [
        "billing", "ledger", "deploy", "friday", "support", "group", "weather", "lunch", "service",
        "painting", "camping", "career",
    ]

    /// `count` words drawn from a fixed list by `seed`, so that texts differ in length and terms.
    private static func text(words count: Int, seed: Int) -> String {
        (0..<count).map { words[(seed * 7 + $0 * ($0 + seed)) % words.count] }.joined(separator: " ")
    }

    /// `count` words without a repeat: the list turned by `seed`, then words of their own.
    private static func distinctText(words count: Int, seed: Int) -> String {
        (0..<count).map { $0 < words.count ? words[($0 + seed) % words.count] : "x\(seed)y\($0)" }
            .joined(separator: " ")
    }

    private static func fill(_ store: GraphStore) throws {
        for seed in 0..<40 {
            try store.addEpisode(text(words: 1 + seed * 5, seed: seed))
        }
        for seed in 0..<12 {
            try store.upsertEntity(
                name: "\(words[seed]) \(seed)", type: "Service",
                summary: distinctText(words: seed * 3, seed: seed))
        }
        try store.addAliases(["ledger lunch", "friday"], to: "Service:billing 0")
        try store.relate(
            "Service:billing 0", "dependsOn", "Service:ledger 1", fact: distinctText(words: 9, seed: 3))
        try store.relate("Service:deploy 2", "listensOnPort", "8080")
    }

    private static let tables: [(name: String, weights: String)] = [
        ("search_episodes", ""), ("search_entities", ", 3.0, 2.0, 1.0"), ("search_facts", ""),
    ]

    /// Scores by rowid of `query` in `table`: FTS5's `bm25()` and the table's ranking function
    /// with `lengths`.
    private static func scores(
        _ db: Database, table: String, weights: String, query: String, lengths: DocumentLengths?
    ) throws -> (fts5: [Int64: Double], ours: [Int64: Double]) {
        var fts5: [Int64: Double] = [:]
        try HotStatement.query(
            db.makeStatement(
                sql: "SELECT rowid, bm25(\(table)\(weights)) FROM \(table) WHERE \(table) MATCH ?"),
            [.text(query)]
        ) { fts5[$0.int64(0)] = $0.double(1) }
        var ours: [Int64: Double] = [:]
        let statement = try db.makeStatement(
            sql: """
                SELECT rowid, \(SearchSchema.rankFunction(of: table))(\(table), ?, NULL, NULL\(weights)) FROM \(table)
                WHERE \(table) MATCH ?
                """)
        let run = { (parameter: SQLParameter) in
            try HotStatement.query(statement, [parameter, .text(query)]) { ours[$0.int64(0)] = $0.double(1) }
        }
        if let lengths { try lengths.withParameter(run) } else { try run(.null) }
        return (fts5, ours)
    }

    /// Every table ranks every query alike, with the lengths the cache gives `db`; returns how
    /// many rows matched.
    @discardableResult
    private static func expectSameRanking(_ store: GraphStore, _ db: Database) throws -> Int {
        var matched = 0
        for table in tables {
            let lengths = try store.documentLengths.lengths(of: table.name, db: db)
            for query in ["billing", "support OR lunch", "friday OR camping OR ledger", "port OR deploy"] {
                let (fts5, ours) = try scores(
                    db, table: table.name, weights: table.weights, query: query, lengths: lengths)
                #expect(ours == fts5, "\(table.name) \(query)")
                matched += fts5.count
            }
        }
        return matched
    }

    @Test func rankingIsFTS5sBM25AndLengthsAreEveryRowsTokens() throws {
        let fixture = try StoreFixture()
        try Self.fill(fixture.store)
        let entity = try #require(try fixture.store.findEntities(named: "billing 0").first)
        try fixture.store.read { db in
            #expect(try Self.expectSameRanking(fixture.store, db) > 100)
            let lengths = try #require(
                try fixture.store.documentLengths.lengths(of: "search_episodes", db: db))
            let rowids = try Int64.fetchAll(db, sql: "SELECT id FROM episodes ORDER BY id")
            #expect(lengths.count == rowids.last! + 1)
            // Unicode61 splits on spaces: a text of n words is n tokens (past 127, two varint bytes).
            #expect(rowids.enumerated().allSatisfy { lengths.length(of: $1) == UInt32(1 + $0 * 5) })
            let entities = try #require(
                try fixture.store.documentLengths.lengths(of: "search_entities", db: db))
            #expect(entities.length(of: entity.id.rawValue) == 2 + 3 + 0)
        }
    }

    @Test func theFunctionRanksByTheLengthsItIsGiven() throws {
        let fixture = try StoreFixture()
        try Self.fill(fixture.store)
        try fixture.store.read { db in
            let page = [UInt32](repeating: 1, count: 1 << Int(MG_ROW_LENGTH_PAGE_SHIFT))
            try page.withUnsafeBufferPointer { buffer in
                var pages: [UnsafePointer<UInt32>?] = [buffer.baseAddress]
                try pages.withUnsafeMutableBufferPointer { pointers in
                    var lengths = mg_row_lengths(pages: pointers.baseAddress, count: Int64(page.count))
                    var ours: [Int64: Double] = [:]
                    try withUnsafeMutablePointer(to: &lengths) { pointer in
                        try HotStatement.query(
                            db.makeStatement(
                                sql: """
                                    SELECT rowid, memograph_bm25(search_episodes, ?, NULL, NULL) FROM search_episodes
                                    WHERE search_episodes MATCH 'billing'
                                    """),
                            [.pointer(pointer, type: mg_row_lengths_type)]
                        ) { ours[$0.int64(0)] = $0.double(1) }
                    }
                    let fts5 = try Self.scores(
                        db, table: "search_episodes", weights: "", query: "billing", lengths: nil
                    ).fts5
                    #expect(Set(ours.keys) == Set(fts5.keys))
                    // Episode k is 1 + 5k tokens long: only the first scores as FTS5 does.
                    let first = try #require(try Int64.fetchOne(db, sql: "SELECT min(id) FROM episodes"))
                    #expect(ours[first] == fts5[first])
                    #expect(ours.count > 5)
                    #expect(ours.allSatisfy { $0.key == first || $0.value < fts5[$0.key]! })
                }
            }
        }
    }

    /// The ranking stops at its first row when words in half the rows and more than the list
    /// keeps stand beside rarer ones, reporting each word's rows; narrowed, it ranks the rarer
    /// words with the counts it was given exactly as FTS5's `bm25()` ranks them counting itself,
    /// and given wrong counts it ranks otherwise. A list that could take every row never stops.
    @Test func commonWordsStopTheRankingAndTheNarrowedMatchRanksAsFTS5() throws {
        let fixture = try StoreFixture()
        try Self.fill(fixture.store)
        try fixture.store.read { db in
            let table = "search_episodes"
            let rows = try #require(try Int64.fetchOne(db, sql: "SELECT count(*) FROM \(table)"))
            var inRows: [String: Int64] = [:]
            for word in Self.words {
                inRows[word] = try Int64.fetchOne(
                    db, sql: "SELECT count(*) FROM \(table) WHERE \(table) MATCH ?", arguments: [word])
            }
            let common = Self.words.filter { 2 * inRows[$0]! >= rows }
            let rare = Self.words.filter { inRows[$0]! > 0 && 2 * inRows[$0]! < rows }
            #expect(common.count >= 2 && rare.count >= 2)
            let terms = [common[0], rare[0], common[1], rare[1]]
            let statement = try db.makeStatement(
                sql:
                    "SELECT rowid, memograph_bm25(\(table), NULL, ?, NULL) FROM \(table) WHERE \(table) MATCH ?"
            )
            var ours: [Int64: Double] = [:]
            func rank(_ match: FullTextMatch) throws {
                ours = [:]
                try HotStatement.query(statement, [match.parameter, .text(match.expression)]) {
                    ours[$0.int64(0)] = $0.double(1)
                }
            }
            let everyRow = try #require(FullTextMatch(terms, kept: Int(rows)))
            try rank(everyRow)
            #expect(!everyRow.stopped)
            #expect(
                ours
                    == (try Self.scores(
                        db, table: table, weights: "", query: everyRow.expression, lengths: nil
                    ).fts5))

            let fewest = min(inRows[common[0]]!, inRows[common[1]]!)
            let match = try #require(FullTextMatch(terms, kept: Int(fewest - 1)))
            #expect(throws: DatabaseError.self) { try rank(match) }
            #expect(match.stopped && ours.isEmpty)
            match.narrow()
            #expect(match.terms == [rare[0], rare[1]])
            try rank(match)
            #expect(!match.stopped)
            let fts5 = try Self.scores(
                db, table: table, weights: "", query: match.expression, lengths: nil
            ).fts5
            #expect(ours == fts5 && ours.count > 1)

            var wrong = mg_phrase_counts(given: 1, stopped: 0, phrases: 2, kept: 0, rows: rows, hits: nil)
            var swapped = [inRows[rare[1]]!, inRows[rare[0]]!]
            #expect(swapped[0] != swapped[1])
            try swapped.withUnsafeMutableBufferPointer { hits in
                wrong.hits = hits.baseAddress
                try withUnsafeMutablePointer(to: &wrong) { pointer in
                    try HotStatement.query(
                        statement, [.pointer(pointer, type: mg_phrase_counts_type), .text(match.expression)]
                    ) { ours[$0.int64(0)] = $0.double(1) }
                }
            }
            #expect(ours != fts5)
        }
    }

    @Test func withoutPositionsAWordCountsOncePerColumn() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let repeated = try store.upsertEntity(name: "repeated", type: "Service", summary: "lunch lunch lunch")
        let once = try store.upsertEntity(name: "once", type: "Service", summary: "lunch pasta salad")
        try store.upsertEntity(name: "other", type: "Service", summary: "weather report")
        try store.read { db in
            let lengths = try store.documentLengths.lengths(of: "search_entities", db: db)
            let (fts5, ours) = try Self.scores(
                db, table: "search_entities", weights: ", 3.0, 2.0, 1.0", query: "lunch", lengths: lengths)
            #expect(fts5[repeated.id.rawValue]! < fts5[once.id.rawValue]!)
            #expect(ours[repeated.id.rawValue] == ours[once.id.rawValue])
            #expect(ours[once.id.rawValue] == fts5[once.id.rawValue])
        }
    }

    @Test func farApartRowidsAreCoveredAndHugeOnesMeasuredByFTS5() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try Self.fill(store)
        let far: Int64 = 5_000_000
        let huge: Int64 = 1 << 40
        try store.database.write { db in
            for (id, words) in [(far, 7), (huge, 11)] {
                try db.execute(
                    sql: """
                        INSERT INTO episodes (id, namespace, content, occurred_at, recorded_at)
                        SELECT ?, namespace, ?, occurred_at, recorded_at FROM episodes LIMIT 1
                        """, arguments: [id, Self.text(words: words, seed: 2)])
            }
        }
        try store.read { db in
            let lengths = try #require(try store.documentLengths.lengths(of: "search_episodes", db: db))
            #expect(lengths.length(of: far) == 7)
            #expect(lengths.length(of: far - 1) == 0)
            #expect(lengths.length(of: huge) == 0)
            #expect(lengths.scanned == huge)
            try Self.expectSameRanking(store, db)
        }
    }

    @Test func rewrittenAndDeletedRowsReloadTheLengths() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try Self.fill(store)
        let versionBefore = try store.read { db in
            try Self.expectSameRanking(store, db)
            return try #require(try store.documentLengths.lengths(of: "search_episodes", db: db)).version
        }
        let last = try #require(try store.episodes(limit: 1_000).map(\.id).max())
        try store.database.write { db in
            try db.execute(
                sql: "UPDATE episodes SET content = ? WHERE id = (SELECT min(id) FROM episodes)",
                arguments: [Self.text(words: 60, seed: 5)])
        }
        try store.deleteEpisode(last)
        let reused = try store.addEpisode(Self.text(words: 3, seed: 1))
        #expect(reused.id == last)
        try store.addAliases(["support camping"], to: "Service:ledger 1")
        try store.database.write { db in
            try db.execute(
                sql: "UPDATE edges SET fact = ? WHERE fact IS NOT NULL", arguments: ["billing support"])
        }
        try store.read { db in
            try Self.expectSameRanking(store, db)
            let lengths = try #require(try store.documentLengths.lengths(of: "search_episodes", db: db))
            #expect(lengths.version == versionBefore + 2)
            #expect(lengths.length(of: last.rawValue) == 3)
        }
    }

    @Test func rowsAddedLaterAreMeasuredUntilReadAndNeverFromAnUncommittedWrite() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try Self.fill(store)
        let loaded = try store.read { db in
            try #require(try store.documentLengths.lengths(of: "search_episodes", db: db)).count
        }
        #expect(throws: CancellationError.self) {
            try store.database.write { db in
                try db.execute(
                    sql:
                        "INSERT INTO episodes (namespace, content, occurred_at, recorded_at) SELECT namespace, 'billing lunch lunch', occurred_at, recorded_at FROM episodes LIMIT 1"
                )
                let added = db.lastInsertedRowID
                let held = try #require(try store.documentLengths.lengths(of: "search_episodes", db: db))
                #expect(held.count == loaded)
                #expect(held.length(of: added) == 0)
                try Self.expectSameRanking(store, db)
                try db.execute(sql: "DELETE FROM episodes WHERE id = ?", arguments: [added - 1])
                #expect(try store.documentLengths.lengths(of: "search_episodes", db: db) == nil)
                try Self.expectSameRanking(store, db)
                throw CancellationError()
            }
        }
        let afterRollback = try store.addEpisode("billing support")
        try store.read { db in
            let lengths = try #require(try store.documentLengths.lengths(of: "search_episodes", db: db))
            #expect(lengths.count == afterRollback.id.rawValue + 1)
            #expect(lengths.length(of: afterRollback.id.rawValue) == 2)
            try Self.expectSameRanking(store, db)
        }
    }
}
