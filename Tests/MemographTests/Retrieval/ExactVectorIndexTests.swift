import Foundation
import Memograph
import Testing

@Suite struct ExactVectorIndexTests {
    @Test func topKMatchesABruteForceRanking() async throws {
        let embedder = HashingEmbedder(dimension: 64)
        let texts = (0..<300).map { "document \($0) about topic \($0 % 17) and colour \($0 % 5)" }
        let vectors = try await embedder.embed(texts)
        let index = try ExactVectorIndex(
            dimension: 64, entries: vectors.enumerated().map { (Int64($0.offset + 1), $0.element) })
        let query = try await embedder.embed("topic 3 colour 2")
        // The index holds each value to within 1/508 of a code step (its row's largest value / 127).
        let stored = try (1...300).map { try #require(index.vector(of: Int64($0))) }
        for (kept, original) in zip(stored, vectors) {
            let step = original.map(abs).max()! / 127
            #expect(zip(kept, original).allSatisfy { abs($0 - $1) <= step / 508 * 1.01 })
        }
        let expected = stored.enumerated()
            .map {
                (
                    id: Int64($0.offset + 1),
                    score: zip($0.element, query).reduce(Float(0)) { $0 + $1.0 * $1.1 }
                )
            }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
            .prefix(10)
        let found = index.nearest(to: query, k: 10)
        #expect(found.map(\.id) == expected.map(\.id))
        for (hit, want) in zip(found, expected) { #expect(abs(hit.score - want.score) < 1e-6) }
        #expect(index.vector(of: 301) == nil)
        #expect(index.nearest(to: query, k: 0).isEmpty)
        #expect(index.nearest(to: [1, 2], k: 3).isEmpty)
    }

    @Test func aLargeIndexScannedOnAllCoresRanksLikeOneScan() throws {
        // Rows past the threaded-scan threshold, with a dimension that is not a multiple of 16.
        let dimension = 37
        let count = ExactVectorIndex.rowsPerThreadedScan + 1_001
        // Deterministic values in [-0.5, 0.5] that vary irregularly across rows and columns.
        var entries: [(id: Int64, vector: [Float])] = []
        for row in 0..<count {
            let vector = (0..<dimension).map { column in 0.5 * sin(Float(row * 7_919 + column * 104_729)) }
            entries.append((Int64(row), vector))
        }
        let index = try ExactVectorIndex(dimension: dimension, entries: entries)
        let query: [Float] = (0..<dimension).map { Float($0 % 5) - 2 }
        var scores: [Float] = []
        for row in 0..<count {
            let stored = try #require(index.vector(of: Int64(row)))
            scores.append(zip(stored, query).reduce(Float(0)) { $0 + $1.0 * $1.1 })
        }
        let best: [Int64] = scores.indices
            .sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
            .prefix(25).map { Int64($0) }
        let found: [VectorMatch] = index.nearest(to: query, k: 25)
        #expect(found.map(\.id) == best)
        // The last row sits in the last slice: a scan that skipped it would miss this vector.
        var planted = entries
        planted[count - 1].vector = query
        let plantedIndex = try ExactVectorIndex(dimension: dimension, entries: planted)
        #expect(plantedIndex.nearest(to: query, k: 1).first?.id == Int64(count - 1))
    }

    @Test func rowsTheCodesCannotTellApartAreRankedByTheirResiduals() throws {
        // Ten rows whose second value differs by 1e-4: less than a code step (1/127), so every
        // row has the same codes and the same coarse score; only the residuals order them.
        let dimension = 16
        var entries: [(id: Int64, vector: [Float])] = []
        for row in 0..<10 {
            var vector = [Float](repeating: 0, count: dimension)
            vector[0] = 1
            vector[1] = 0.3 + Float(row) * 1e-4
            entries.append((Int64(row), vector))
        }
        for row in 10..<200 {
            entries.append((Int64(row), (0..<dimension).map { $0 == 0 ? 1 : 0.01 * sin(Float(row + $0)) }))
        }
        let index = try ExactVectorIndex(dimension: dimension, entries: entries)
        var query = [Float](repeating: 0, count: dimension)
        query[1] = 1
        let found = index.nearest(to: query, k: 3)
        #expect(found.map(\.id) == [9, 8, 7])
        // Within half a residual step (1/127/508) of the original value.
        #expect(abs(found[0].score - 0.3009) <= 1 / Float(127 * 508))
    }

    @Test func valuesThatAreNotFiniteCountAsZero() throws {
        let index = try ExactVectorIndex(
            dimension: 3, entries: [(1, [.nan, 0.5, 0]), (2, [0, 0.25, .infinity]), (3, [0, 1, 0])])
        func close(_ left: [Float]?, _ right: [Float]) -> Bool {
            guard let left, left.count == right.count else { return false }
            return zip(left, right).allSatisfy { abs($0 - $1) < 1e-6 }
        }
        #expect(close(index.vector(of: 1), [0, 0.5, 0]))
        #expect(close(index.vector(of: 2), [0, 0.25, 0]))
        let found = index.nearest(to: [.nan, 1, -.infinity], k: 3)
        #expect(found.map(\.id) == [3, 1, 2])
        #expect(close(found.map(\.score), [1, 0.5, 0.25]))
    }

    @Test func vectorsOfTheWrongLengthAreRefused() {
        #expect(throws: MemographError.invalidArgument(field: "vector", reason: "row 7 has 2 values, not 3"))
        {
            try ExactVectorIndex(dimension: 3, entries: [(7, [1, 0])])
        }
    }

    @Test func anIndexKeptCurrentAnswersAsOneBuiltAfresh() throws {
        let dimension = 24
        // Deterministic values in [-1, 1] that vary irregularly from one draw to the next.
        var draws = 0
        func draw() -> Double {
            draws += 1
            return (sin(Double(draws) * 12.9898) * 43_758.5453).truncatingRemainder(dividingBy: 1)
        }
        func vector() -> [Float] { (0..<dimension).map { _ in Float(draw()) } }
        // Three owners share one vector, so the order of ties is tested too.
        let shared = vector()
        var held: [Int64: [Float]] = [:]
        for id in Int64(1)...150 { held[id] = id % 50 == 0 ? shared : vector() }
        var index = try ExactVectorIndex(
            dimension: dimension,
            entries: held.sorted { $0.key < $1.key }.map { (id: $0.key, vector: $0.value) })
        for step in 0..<400 {
            let id = Int64(abs(draw()) * 260) + 1
            switch step % 4 {
            case 0, 1:
                let value = id % 7 == 0 ? shared : vector()
                try index.upsert(id: id, vector: value)
                held[id] = value
            case 2:
                index.remove(id: id)
                held[id] = nil
            default:
                #expect(throws: MemographError.self) { try index.upsert(id: id, vector: [1, 2]) }
            }
            guard step % 25 == 24 else { continue }
            let fresh = try ExactVectorIndex(
                dimension: dimension,
                entries: held.sorted { $0.key < $1.key }.map { (id: $0.key, vector: $0.value) })
            #expect(index.count == held.count)
            for query in [vector(), vector(), shared] {
                #expect(index.nearest(to: query, k: 12) == fresh.nearest(to: query, k: 12), "step \(step)")
            }
            for id in Int64(1)...260 { #expect(index.vector(of: id) == fresh.vector(of: id)) }
        }
        // Every owner gone, then one back.
        for id in held.keys { index.remove(id: id) }
        #expect(index.count == 0 && index.nearest(to: shared, k: 3).isEmpty)
        try index.upsert(id: 5, vector: shared)
        #expect(index.nearest(to: shared, k: 3).map(\.id) == [5])
    }
}
