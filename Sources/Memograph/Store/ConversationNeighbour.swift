/// The episode just before or just after another in its conversation: the nearest in time
/// (ties by id) within a gap. Search passes score to it, and a turn is embedded after the one
/// before it; both find it with this subquery, a seek in the `(namespace, occurred_at)` index.
enum ConversationNeighbour {
    enum Side {
        case before
        case after
    }

    /// A scalar subquery giving the id of the `side` neighbour of `row` (an alias of `episodes`),
    /// with the gap in microseconds bound to its one `?`; `step` 2 gives the neighbour's
    /// neighbour on that side, within the gap of `row`.
    static func idSQL(_ side: Side, of row: String, step: Int = 1) -> String {
        let limit = step > 1 ? "LIMIT 1 OFFSET \(step - 1)" : "LIMIT 1"
        return switch side {
        case .before:
            """
            (SELECT n.id FROM episodes n WHERE n.namespace = \(row).namespace
               AND n.occurred_at >= \(row).occurred_at - ? AND (n.occurred_at, n.id) < (\(row).occurred_at, \(row).id)
               ORDER BY n.occurred_at DESC, n.id DESC \(limit))
            """
        case .after:
            """
            (SELECT n.id FROM episodes n WHERE n.namespace = \(row).namespace
               AND n.occurred_at <= \(row).occurred_at + ? AND (n.occurred_at, n.id) > (\(row).occurred_at, \(row).id)
               ORDER BY n.occurred_at, n.id \(limit))
            """
        }
    }
}
