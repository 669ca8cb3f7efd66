import Foundation

/// Recall@5, recall@10 and nDCG@10 (binary relevance), macro-averaged over queries.
struct RetrievalMetrics {
    private(set) var count = 0
    private(set) var recall5 = 0.0
    private(set) var recall10 = 0.0
    private(set) var ndcg10 = 0.0

    mutating func add(retrieved: [String], gold: [String]) {
        let relevant = Set(gold)
        guard !relevant.isEmpty else { return }
        count += 1
        recall5 += Double(Set(retrieved.prefix(5)).intersection(relevant).count) / Double(relevant.count)
        recall10 += Double(Set(retrieved.prefix(10)).intersection(relevant).count) / Double(relevant.count)
        var dcg = 0.0
        for (position, id) in retrieved.prefix(10).enumerated() where relevant.contains(id) {
            dcg += 1 / log2(Double(position + 2))
        }
        let ideal = (0..<min(relevant.count, 10)).reduce(0.0) { $0 + 1 / log2(Double($1 + 2)) }
        ndcg10 += dcg / ideal
    }

    /// `R@5 0.521  R@10 0.587  nDCG@10 0.462  (n=1535)`
    var summary: String {
        guard count > 0 else { return "no queries" }
        let n = Double(count)
        return String(
            format: "R@5 %.3f  R@10 %.3f  nDCG@10 %.3f  (n=%d)", recall5 / n, recall10 / n, ndcg10 / n, count)
    }
}
