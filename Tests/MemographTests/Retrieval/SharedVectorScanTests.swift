import Foundation
import GRDB
import Synchronization
import Testing

@testable import Memograph

/// Several indexes scanned in chunks by any number of threads rank each index as its own scan does.
@Suite struct SharedVectorScanTests {
    /// An index of `count` rows of deterministic, irregular values; its last row is `planted`.
    private func index(rows count: Int, dimension: Int, planted: [Float]) throws -> ExactVectorIndex {
        var entries: [(id: Int64, vector: [Float])] = []
        for row in 0..<count {
            let vector: [Float] = (0..<dimension).map { column in
                0.5 * sin(Float(row * 7_919 + column * 104_729))
            }
            entries.append((Int64(row + 1), vector))
        }
        entries[count - 1].vector = planted
        return try ExactVectorIndex(dimension: dimension, entries: entries)
    }

    @Test func threadsSharingTheChunksRankEachIndexAsItsOwnScan() throws {
        let dimension = 48
        let query: [Float] = (0..<dimension).map { Float($0 % 7) - 3 }
        // The query itself is the last row of the large index: a skipped last chunk would miss it.
        let large = try index(
            rows: 2 * SharedVectorScan.chunkRows + 1_808, dimension: dimension, planted: query)
        let small = try index(rows: 300, dimension: dimension, planted: query.map { -$0 })
        let empty = try ExactVectorIndex(dimension: dimension, entries: [])
        let other = try index(rows: 50, dimension: dimension + 1, planted: query + [1])
        let indexes = [large, empty, small, other]
        let expected = [large.nearest(to: query, k: 20), [], small.nearest(to: query, k: 20), []]
        #expect(expected[0].first?.id == Int64(large.count))
        #expect(expected[2].count == 20)

        // Three threads at once, then the caller joining when nothing is left.
        let team = ThreadTeam(size: 3)
        let together = SharedVectorScan(indexes, query: query)
        #expect(together.rows == large.count + small.count)
        #expect(team.run { _ in together.work() })
        together.work()
        #expect(together.matches(k: 20) == expected)
        // One thread alone, and threads that join one after another.
        let alone = SharedVectorScan(indexes, query: query)
        alone.work()
        #expect(alone.matches(k: 20) == expected)
        let overlapped = SharedVectorScan(indexes, query: query)
        let joined = team.overlap(overlapped.work) {
            overlapped.work()
            return true
        }
        #expect(joined && overlapped.matches(k: 20) == expected)
    }

    /// A search whose indexes hold more than a chunk scans them beside its BM25 queries: the
    /// vector ranks it reports are those of each index's own scan.
    @Test func searchRanksVectorsOfLargeIndexesAsTheirOwnScan() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let words = [
            "amber", "basalt", "cobalt", "dune", "ember", "fjord", "garnet", "harbor", "indigo", "jade",
        ]
        var assertions: [Assertion] = []
        for row in 0..<(SharedVectorScan.chunkRows + 300) {
            let sentence: [String] = (0..<5).map { words[(row / (1 + $0 * 3) + $0) % words.count] }
            assertions.append(
                Assertion(
                    EntityReference(parsing: "Service:svc\(row % 97)"), "uses",
                    .entity(EntityReference(parsing: "Tool:tool\(row % 89)")),
                    fact: sentence.joined(separator: " ") + " \(row)"))
        }
        try store.relate(assertions)
        let embedder = HashingEmbedder(dimension: 32)
        try await store.embedMissing(with: embedder)
        let query = "cobalt harbor jade"
        let vector = QueryVector(values: try await embedder.embed(query), model: embedder.modelIdentity)
        let results = try store.search(
            query, vector: vector, options: SearchOptions(limit: 30, explain: true))

        let own = try await store.read { (db: Database) -> ExactVectorIndex in
            try store.vectorIndexes.index(
                kind: "edge", model: vector.model, namespace: store.namespace, dimension: 32, db: db)
        }
        #expect(own.count == assertions.count)
        let ranks = Dictionary(
            uniqueKeysWithValues: own.nearest(to: vector.values, k: 50).filter { $0.score > 0 }.enumerated()
                .map {
                    ($0.element.id, $0.offset + 1)
                })
        let ranked = results.facts.filter { $0.breakdown?.vectorRank != nil }
        #expect(ranked.count >= 10)
        for hit in ranked {
            #expect(hit.breakdown?.vectorRank == ranks[hit.item.edge.id.rawValue], "fact \(hit.item.edge.id)")
        }
    }
}
