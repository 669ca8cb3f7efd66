/// Reciprocal-rank fusion: an item's score is the sum over the ranked lists it appears in of
/// `1 / (k + rank)`, so agreement between lists counts and no list's raw scores need calibrating.
struct RankFusion {
    struct Entry {
        var bm25Rank: Int?
        var vectorRank: Int?
        var score: Double
    }

    let k: Double
    /// What a vector rank counts for against a BM25 rank of the same position.
    let vectorWeight: Double

    /// Fuses a BM25 list and a vector list of ids (best first), keeping the ranks for `explain`.
    func fuse(bm25: [Int64], vector: [Int64]) -> [Int64: Entry] {
        var entries: [Int64: Entry] = [:]
        for (offset, id) in bm25.enumerated() {
            entries[id, default: Entry(score: 0)].bm25Rank = offset + 1
            entries[id]!.score += 1 / (k + Double(offset + 1))
        }
        for (offset, id) in vector.enumerated() {
            entries[id, default: Entry(score: 0)].vectorRank = offset + 1
            entries[id]!.score += vectorWeight / (k + Double(offset + 1))
        }
        return entries
    }
}
