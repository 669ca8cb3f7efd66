extension Sequence {
    /// `sorted(by:).prefix(k)` in one pass that keeps a sorted shortlist of at most `k`
    /// elements, for the few best of many candidates: O(n log k) comparisons rather than
    /// sorting all n. Equal elements keep their order in the sequence, as in a stable sort.
    func sortedPrefix(_ k: Int, by areInIncreasingOrder: (Element, Element) throws -> Bool) rethrows
        -> [Element]
    {
        guard k > 0 else { return [] }
        var shortlist: [Element] = []
        shortlist.reserveCapacity(k + 1)
        for element in self {
            if shortlist.count == k, try !areInIncreasingOrder(element, shortlist[k - 1]) { continue }
            var low = 0
            var high = shortlist.count
            while low < high {
                let middle = (low + high) / 2
                if try areInIncreasingOrder(element, shortlist[middle]) {
                    high = middle
                } else {
                    low = middle + 1
                }
            }
            shortlist.insert(element, at: low)
            if shortlist.count > k { shortlist.removeLast() }
        }
        return shortlist
    }
}
