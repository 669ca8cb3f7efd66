import Foundation
import GRDB

/// The retention rules of one namespace, read once per write transaction, and the SQL that
/// recomputes `edges.expires_at` when the rules change.
struct RetentionSchedule {
    private let byRelation: [String: Int64]
    private let fallback: Int64?

    /// The namespace's default rule is stored under the empty relation name.
    static let defaultRelation = ""

    init(db: Database, namespace: String) throws {
        var byRelation: [String: Int64] = [:]
        try HotStatement.query(
            db.cachedStatement(sql: "SELECT relation, seconds FROM retention WHERE namespace = ?"),
            [.text(namespace)]
        ) { row in byRelation[row.text(0)] = row.int64(1) }
        fallback = byRelation.removeValue(forKey: Self.defaultRelation)
        self.byRelation = byRelation
    }

    /// When a fact of `relation` confirmed at `instant` expires, in stored microseconds; nil
    /// when no rule applies.
    func expiry(of relation: String, confirmedAt instant: Date) -> Int64? {
        guard let seconds = byRelation[relation] ?? fallback else { return nil }
        return StoreTime.encode(instant) + seconds * 1_000_000
    }

    /// Recomputes the expiry of every edge of `namespace` from the rules now stored: the
    /// relation's own rule, else the default, counted from the edge's last confirmation.
    static func refresh(db: Database, namespace: String) throws {
        try db.execute(
            sql: """
                UPDATE edges SET expires_at = (
                    SELECT max(edges.recorded_at, coalesce(
                        (SELECT max(s.recorded_at) FROM edge_sources s WHERE s.edge_id = edges.id), 0))
                        + r.seconds * 1000000
                    FROM retention r WHERE r.namespace = edges.namespace AND r.relation IN (edges.relation, ?)
                    ORDER BY r.relation = ? LIMIT 1)
                WHERE namespace = ?
                """, arguments: [defaultRelation, defaultRelation, namespace])
    }
}
