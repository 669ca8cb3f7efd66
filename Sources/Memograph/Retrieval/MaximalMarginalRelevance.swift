/// Maximal marginal relevance: picks, one at a time, the item that best balances its own
/// relevance against its similarity to what was already picked, so near-duplicates do not crowd
/// out the rest.
struct MaximalMarginalRelevance {
    /// 1 = relevance only, 0 = diversity only.
    let lambda: Double

    /// Reorders `items` (scored, with an optional vector each) and keeps the first `limit`.
    func rerank<Item>(_ items: [(item: Item, score: Double, vector: [Float]?)], limit: Int) -> [Item] {
        guard let top = items.map(\.score).max(), top > 0 else { return items.prefix(limit).map(\.item) }
        var remaining = Array(items.indices)
        var chosen: [Int] = []
        var closest = [Double](repeating: 0, count: items.count)
        while chosen.count < limit, !remaining.isEmpty {
            var best = 0
            var bestValue = -Double.infinity
            for (slot, index) in remaining.enumerated() {
                let value = lambda * items[index].score / top - (1 - lambda) * closest[index]
                if value > bestValue {
                    bestValue = value
                    best = slot
                }
            }
            let picked = remaining.remove(at: best)
            chosen.append(picked)
            if let vector = items[picked].vector {
                for index in remaining {
                    guard let other = items[index].vector, other.count == vector.count else { continue }
                    var dot: Float = 0
                    for position in 0..<vector.count { dot += vector[position] * other[position] }
                    closest[index] = max(closest[index], Double(dot))
                }
            }
        }
        return chosen.map { items[$0].item }
    }
}
