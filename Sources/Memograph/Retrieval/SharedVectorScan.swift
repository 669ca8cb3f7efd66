import Synchronization

/// One query's scans of several exact vector indexes, cut into chunks of rows that any number of
/// threads claim until none is left: a thread that joins late (a caller done with its other work)
/// still takes its share of what remains, so all finish together.
final class SharedVectorScan: Sendable {
    /// Rows per chunk: about a tenth of a millisecond of scoring at 384 dimensions, small enough
    /// that a thread joining late still finds work.
    static let chunkRows = 4_096

    /// Rows to score in all.
    let rows: Int
    private let scans: [ExactVectorIndex.Scan?]
    private let chunks: [(scan: Int, rows: Range<Int>)]
    private let next = Atomic<Int>(0)

    /// The scans of `indexes` for `query`; an empty index, or one of another dimension, finds
    /// nothing.
    convenience init(_ indexes: [ExactVectorIndex], query: [Float]) {
        self.init(indexes, queries: indexes.map { _ in query })
    }

    /// The scan of each of `indexes` for the query at the same position of `queries`.
    init(_ indexes: [ExactVectorIndex], queries: [[Float]]) {
        precondition(indexes.count == queries.count, "one query per index")
        scans = zip(indexes, queries).map { ExactVectorIndex.Scan($0, query: $1) }
        var chunks: [(scan: Int, rows: Range<Int>)] = []
        for (scan, index) in indexes.enumerated() where scans[scan] != nil {
            for start in stride(from: 0, to: index.count, by: Self.chunkRows) {
                chunks.append((scan, start..<min(index.count, start + Self.chunkRows)))
            }
        }
        self.chunks = chunks
        rows = chunks.reduce(0) { $0 + $1.rows.count }
    }

    /// Scores chunks until none is left; any number of threads may run it at once.
    func work() {
        while true {
            let claimed = next.wrappingAdd(1, ordering: .relaxed).oldValue
            guard claimed < chunks.count else { return }
            let chunk = chunks[claimed]
            scans[chunk.scan]!.score(chunk.rows)
        }
    }

    /// The `k` nearest rows of each index, best first, once every thread's ``work()`` has
    /// returned (and its writes are visible to this one).
    func matches(k: Int) -> [[VectorMatch]] {
        scans.map { $0?.matches(k: k) ?? [] }
    }
}
