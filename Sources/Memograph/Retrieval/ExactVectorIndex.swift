import CMemographKernels
import Foundation

/// Exact nearest-neighbour search: every vector as one row of 8-bit codes in a contiguous
/// matrix, scanned in integer arithmetic, with the rows that could rank among the best rescored
/// from a second 8-bit residual.
///
/// A linear scan is bound by the bytes it reads: one byte per value, half of what half precision
/// takes. A row's coarse score differs from its true score by at most a bound its scale gives, so
/// every row whose coarse score plus that bound reaches the k-th best refined score is rescored,
/// and the answer is the top k of the refined scores. Codes and residuals hold each value to
/// within 1/64,516 of its row's largest magnitude (1/508 of a code step), so a refined score of
/// unit vectors is within about 1e-5 of the original's. Large indexes are scanned on all cores.
public struct ExactVectorIndex: VectorIndex {
    public let dimension: Int
    private var ids: [Int64]
    private var codes: [Int8]
    private var residuals: [Int8]
    private var scales: [Float]
    private var positions: [Int64: Int]

    /// Indexes with at least this many rows are scanned by every core, in chunks (by the thread
    /// team, when no other scan or query holds it); a smaller scan takes less time than waking
    /// the team. Search scans its indexes on the team from one chunk of rows on, beside its BM25
    /// queries (``SharedVectorScan``).
    public static let rowsPerThreadedScan = 32_768

    /// Builds the index from `(id, vector)` pairs; vectors of another length than `dimension`
    /// are refused.
    public init(dimension: Int, entries: [(id: Int64, vector: [Float])]) throws {
        guard dimension > 0 else {
            throw MemographError.invalidArgument(field: "dimension", reason: "must be positive")
        }
        self.dimension = dimension
        self.ids = entries.map(\.id)
        self.codes = [Int8](repeating: 0, count: entries.count * dimension)
        self.residuals = [Int8](repeating: 0, count: entries.count * dimension)
        self.scales = [Float](repeating: 0, count: entries.count)
        self.positions = Dictionary(minimumCapacity: entries.count)
        for (position, entry) in entries.enumerated() {
            try store(entry.vector, of: entry.id, at: position)
            positions[entry.id] = position
        }
    }

    /// Holds `vector` as the vector of `id`, in place of the one it had; an index kept current
    /// this way answers as one built afresh from the same vectors.
    public mutating func upsert(id: Int64, vector: [Float]) throws {
        if let position = positions[id] {
            try store(vector, of: id, at: position)
            return
        }
        let position = ids.count
        try store(vector, of: id, at: position)
        ids.append(id)
        positions[id] = position
    }

    /// Drops the vector of `id`, if the index holds one: the last row moves into its place.
    public mutating func remove(id: Int64) {
        guard let position = positions.removeValue(forKey: id) else { return }
        let last = ids.count - 1
        if position != last {
            ids[position] = ids[last]
            scales[position] = scales[last]
            positions[ids[last]] = position
            let (from, to) = (last * dimension, position * dimension)
            codes.replaceSubrange(to..<(to + dimension), with: codes[from..<(from + dimension)])
            residuals.replaceSubrange(to..<(to + dimension), with: residuals[from..<(from + dimension)])
        }
        ids.removeLast()
        scales.removeLast()
        codes.removeLast(dimension)
        residuals.removeLast(dimension)
    }

    /// Quantizes `vector` into row `position`, one past the last row to append one.
    private mutating func store(_ vector: [Float], of id: Int64, at position: Int) throws {
        guard vector.count == dimension else {
            throw MemographError.invalidArgument(
                field: "vector", reason: "row \(id) has \(vector.count) values, not \(dimension)")
        }
        if position == scales.count {
            scales.append(0)
            codes.append(contentsOf: repeatElement(0, count: dimension))
            residuals.append(contentsOf: repeatElement(0, count: dimension))
        }
        let offset = position * dimension
        let dimension = dimension
        codes.withUnsafeMutableBufferPointer { codes in
            residuals.withUnsafeMutableBufferPointer { residuals in
                scales.withUnsafeMutableBufferPointer { scales in
                    mg_quantize_rows(
                        vector, 1, dimension, codes.baseAddress! + offset, residuals.baseAddress! + offset,
                        scales.baseAddress! + position)
                }
            }
        }
    }

    public var count: Int { ids.count }

    public func nearest(to query: [Float], k: Int) -> [VectorMatch] {
        guard k > 0 else { return [] }
        let scan = SharedVectorScan([self], query: query)
        if count < Self.rowsPerThreadedScan || !ThreadTeam.shared.run({ _ in scan.work() }) { scan.work() }
        return scan.matches(k: k)[0]
    }

    /// One query's scan of an index: the coarse score of every row, which threads may compute
    /// at once in disjoint row ranges (``score(_:)``), then the `k` best, refined
    /// (``matches(k:)``).
    final class Scan: @unchecked Sendable {
        let index: ExactVectorIndex
        /// The query, a value that is not finite counted as zero (as it is in a stored vector).
        private let query: [Float]
        private let queryCodes: [Int16]
        private let queryScale: Float
        private let scores: UnsafeMutableBufferPointer<Float>

        /// A scan of `index` for `query`; nil when there is nothing to scan or the query has
        /// another length.
        init?(_ index: ExactVectorIndex, query: [Float]) {
            guard index.count > 0, query.count == index.dimension else { return nil }
            self.index = index
            self.query = query.map { $0.isFinite ? $0 : 0 }
            var codes = [Int16](repeating: 0, count: index.dimension)
            queryScale = mg_quantize_query(self.query, index.dimension, &codes)
            queryCodes = codes
            scores = .allocate(capacity: index.count)
        }

        deinit { scores.deallocate() }

        /// Computes the coarse scores of the rows in `rows`, from their codes alone.
        func score(_ rows: Range<Int>) {
            guard !rows.isEmpty else { return }
            let dimension = index.dimension
            index.codes.withUnsafeBufferPointer { codes in
                index.scales.withUnsafeBufferPointer { scales in
                    mg_code_scores(
                        codes.baseAddress! + rows.lowerBound * dimension,
                        scales.baseAddress! + rows.lowerBound,
                        rows.count, dimension, queryCodes, queryScale, scores.baseAddress! + rows.lowerBound)
                }
            }
        }

        /// The `k` rows most similar to the query, best first, once every row has been scored.
        func matches(k: Int) -> [VectorMatch] {
            guard k > 0 else { return [] }
            let coarse = UnsafeBufferPointer(scores)
            // |true − coarse| ≤ scale · (Σ|query| + 127 · dimension · queryScale) / 2: the codes are
            // within half a step of each value (the residual term), and so is the quantized query.
            let spread =
                (query.reduce(0) { $0 + abs($1) } + 127 * Float(index.dimension) * queryScale) / 2 * 1.001
                + 1e-6
            var refined: [Int: Float] = [:]
            for position in ExactVectorIndex.top(k, of: coarse) {
                refined[position] = index.refinedScore(position, query)
            }
            let floor = refined.values.min()!
            index.scales.withUnsafeBufferPointer { scales in
                for position in 0..<coarse.count
                where coarse[position] + scales[position] * spread >= floor && refined[position] == nil {
                    refined[position] = index.refinedScore(position, query)
                }
            }
            let ids = index.ids
            return
                refined.sortedPrefix(k) {
                    $0.value != $1.value ? $0.value > $1.value : ids[$0.key] < ids[$1.key]
                }
                .map { VectorMatch(id: ids[$0.key], score: $0.value) }
        }
    }

    /// The score of the row at `position` from its codes and residuals.
    private func refinedScore(_ position: Int, _ query: [Float]) -> Float {
        let offset = position * dimension
        return codes.withUnsafeBufferPointer { codes in
            residuals.withUnsafeBufferPointer { residuals in
                mg_refined_score(
                    codes.baseAddress! + offset, residuals.baseAddress! + offset, scales[position], dimension,
                    query)
            }
        }
    }

    /// The stored vector of `id`, as held: each value within 1/64,516 of its row's largest
    /// magnitude.
    public func vector(of id: Int64) -> [Float]? {
        guard let position = positions[id] else { return nil }
        var vector = [Float](repeating: 0, count: dimension)
        let offset = position * dimension
        codes.withUnsafeBufferPointer { codes in
            residuals.withUnsafeBufferPointer { residuals in
                mg_dequantize_row(
                    codes.baseAddress! + offset, residuals.baseAddress! + offset, scales[position], dimension,
                    &vector)
            }
        }
        return vector
    }

    /// Positions of the `k` highest scores, highest first, ties broken by position.
    static func top(_ k: Int, of scores: UnsafeBufferPointer<Float>) -> [Int] {
        let count = min(max(k, 0), scores.count)
        guard count > 0 else { return [] }
        let positions = [Int64](unsafeUninitializedCapacity: count) { buffer, initialized in
            initialized = mg_top_positions(scores.baseAddress!, scores.count, count, buffer.baseAddress!)
        }
        return positions.map { Int($0) }
    }
}
