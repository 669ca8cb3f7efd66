import CMemographKernels
import Foundation

/// Exact nearest-neighbour search: every vector in one contiguous row-major matrix of
/// half-precision floats, scored against the query in single precision.
///
/// Half precision halves the memory the index holds and the bytes a query reads, which is what
/// a linear scan is bound by; a score differs from the single-precision dot product by about
/// 1e-4 for unit vectors. Large indexes are scanned on all cores.
public struct ExactVectorIndex: VectorIndex {
    public let dimension: Int
    private let ids: [Int64]
    private let matrix: [UInt16]
    private let positions: [Int64: Int]

    /// Indexes with at least this many rows are scanned in one slice per core (by the thread
    /// team, when no other scan or query holds it).
    public static let rowsPerThreadedScan = 4_096

    /// Builds the index from `(id, vector)` pairs; vectors of another length than `dimension`
    /// are refused.
    public init(dimension: Int, entries: [(id: Int64, vector: [Float])]) throws {
        guard dimension > 0 else {
            throw MemographError.invalidArgument(field: "dimension", reason: "must be positive")
        }
        var matrix = [UInt16](repeating: 0, count: entries.count * dimension)
        var positions: [Int64: Int] = [:]
        try matrix.withUnsafeMutableBufferPointer { matrix in
            for (position, entry) in entries.enumerated() {
                guard entry.vector.count == dimension else {
                    throw MemographError.invalidArgument(
                        field: "vector",
                        reason: "row \(entry.id) has \(entry.vector.count) values, not \(dimension)")
                }
                mg_half_from_floats(entry.vector, dimension, matrix.baseAddress! + position * dimension)
                positions[entry.id] = position
            }
        }
        self.dimension = dimension
        self.ids = entries.map(\.id)
        self.matrix = matrix
        self.positions = positions
    }

    public var count: Int { ids.count }

    public func nearest(to query: [Float], k: Int) -> [VectorMatch] {
        guard k > 0, !ids.isEmpty, query.count == dimension else { return [] }
        let rows = ids.count
        let dimension = dimension
        var scores = [Float](repeating: 0, count: rows)
        matrix.withUnsafeBufferPointer { matrix in
            scores.withUnsafeMutableBufferPointer { scores in
                nonisolated(unsafe) let (matrix, scores) = (matrix.baseAddress!, scores.baseAddress!)
                let team = ThreadTeam.shared
                let shared =
                    rows >= Self.rowsPerThreadedScan
                    && team.run { part in
                        let sliceRows = (rows + team.size - 1) / team.size
                        let start = min(rows, part * sliceRows)
                        let end = min(rows, start + sliceRows)
                        mg_half_scores(
                            matrix + start * dimension, end - start, dimension, query, scores + start)
                    }
                if !shared { mg_half_scores(matrix, rows, dimension, query, scores) }
            }
        }
        return Self.top(k, of: scores).map { VectorMatch(id: ids[$0], score: scores[$0]) }
    }

    /// The stored vector of `id`, as held: rounded to half precision.
    public func vector(of id: Int64) -> [Float]? {
        guard let position = positions[id] else { return nil }
        var vector = [Float](repeating: 0, count: dimension)
        matrix.withUnsafeBufferPointer { matrix in
            mg_floats_from_half(matrix.baseAddress! + position * dimension, dimension, &vector)
        }
        return vector
    }

    /// Positions of the `k` highest scores, highest first, ties broken by position.
    static func top(_ k: Int, of scores: [Float]) -> [Int] {
        scores.indices.sortedPrefix(k) { scores[$0] > scores[$1] }
    }
}
