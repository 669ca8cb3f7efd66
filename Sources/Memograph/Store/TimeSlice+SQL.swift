import Foundation
import GRDB

extension TimeSlice {
    /// The SQL twin of ``TimeSlice/contains(_:now:)`` and ``EdgeLifetime/isVisible(event:system:)``
    /// over an edges table aliased `e`.
    func sqlCondition(now: Date) -> (sql: String, arguments: StatementArguments, parameters: [SQLParameter]) {
        let (event, system) = instants(now: now)
        let sql = """
            e.recorded_at <= ? AND e.valid_from <= ? AND (e.expired_at IS NULL OR e.expired_at > ? \
            OR (e.end_kind IN ('superseded', 'ended') AND e.valid_to > ?)) AND (e.expires_at IS NULL OR e.expires_at > ?)
            """
        return (
            sql, [system, event, system, event, system],
            [.int(system), .int(event), .int(system), .int(event), .int(system)]
        )
    }
}
