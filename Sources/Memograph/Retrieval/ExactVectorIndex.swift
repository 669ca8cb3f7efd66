#if canImport(Accelerate)
    import Accelerate
#else
    import CBLAS
#endif

/// Exact nearest-neighbour search: every vector in one contiguous row-major matrix, scored
/// against the query with a single BLAS `sgemv`.
public struct ExactVectorIndex: VectorIndex {
    public let dimension: Int
    private let ids: [Int64]
    private let matrix: [Float]
    private let positions: [Int64: Int]

    /// Builds the index from `(id, vector)` pairs; vectors of another length than `dimension`
    /// are refused.
    public init(dimension: Int, entries: [(id: Int64, vector: [Float])]) throws {
        guard dimension > 0 else {
            throw MemographError.invalidArgument(field: "dimension", reason: "must be positive")
        }
        var matrix: [Float] = []
        matrix.reserveCapacity(entries.count * dimension)
        var positions: [Int64: Int] = [:]
        for (position, entry) in entries.enumerated() {
            guard entry.vector.count == dimension else {
                throw MemographError.invalidArgument(
                    field: "vector",
                    reason: "row \(entry.id) has \(entry.vector.count) values, not \(dimension)")
            }
            matrix += entry.vector
            positions[entry.id] = position
        }
        self.dimension = dimension
        self.ids = entries.map(\.id)
        self.matrix = matrix
        self.positions = positions
    }

    public var count: Int { ids.count }

    public func nearest(to query: [Float], k: Int) -> [VectorMatch] {
        guard k > 0, !ids.isEmpty, query.count == dimension else { return [] }
        var scores = [Float](repeating: 0, count: ids.count)
        matrix.withUnsafeBufferPointer { matrix in
            query.withUnsafeBufferPointer { query in
                scores.withUnsafeMutableBufferPointer { scores in
                    cblas_sgemv(
                        CblasRowMajor, CblasNoTrans, Int32(ids.count), Int32(dimension), 1,
                        matrix.baseAddress,
                        Int32(dimension), query.baseAddress, 1, 0, scores.baseAddress, 1)
                }
            }
        }
        return Self.top(k, of: scores).map { VectorMatch(id: ids[$0], score: scores[$0]) }
    }

    public func vector(of id: Int64) -> [Float]? {
        guard let position = positions[id] else { return nil }
        return Array(matrix[position * dimension..<(position + 1) * dimension])
    }

    /// Positions of the `k` highest scores, highest first, ties broken by position: one pass
    /// keeping a sorted shortlist, so a query costs O(n + k log k) for the usual small `k`.
    static func top(_ k: Int, of scores: [Float]) -> [Int] {
        var shortlist: [Int] = []
        shortlist.reserveCapacity(k + 1)
        for (position, score) in scores.enumerated() {
            if shortlist.count == k, let last = shortlist.last, scores[last] >= score { continue }
            var low = 0
            var high = shortlist.count
            while low < high {
                let middle = (low + high) / 2
                if scores[shortlist[middle]] >= score { low = middle + 1 } else { high = middle }
            }
            shortlist.insert(position, at: low)
            if shortlist.count > k { shortlist.removeLast() }
        }
        return shortlist
    }
}
