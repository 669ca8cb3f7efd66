import Foundation
import GRDB

/// Takes an edge out of its relation's timeline when it stops being believed (its support was
/// deleted, or it is purged): the versions it had closed take over its interval again, so the
/// value it replaced becomes current once more.
struct TimelineRepair {
    let db: Database
    let now: Date

    func withdraw(_ edge: Edge) throws {
        guard edge.end != .withdrawn else { return }
        try bridge(over: edge)
        try db.cachedStatement(
            sql: "UPDATE edges SET expired_at = coalesce(expired_at, ?), end_kind = 'withdrawn' WHERE id = ?"
        ).execute(arguments: [StoreTime.encode(now), edge.id.rawValue])
    }

    func bridge(over edge: Edge) throws {
        guard edge.end != .withdrawn else { return }
        if edge.validTo == nil {
            try db.execute(
                sql: """
                    UPDATE edges SET valid_to = NULL, expired_at = NULL, end_kind = NULL, superseded_by = NULL
                    WHERE superseded_by = ?
                    """, arguments: [edge.id.rawValue])
        } else {
            try db.execute(
                sql: "UPDATE edges SET valid_to = ?, superseded_by = ?, end_kind = ? WHERE superseded_by = ?",
                arguments: [
                    edge.validTo.map(StoreTime.encode), edge.supersededBy?.rawValue,
                    (edge.end ?? .ended).rawValue, edge.id.rawValue,
                ])
        }
    }
}
