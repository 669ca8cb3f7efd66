import Foundation
import GRDB

extension GraphStore {
    /// Keeps facts of `relation` (nil: every relation without a rule of its own) for `seconds`
    /// after they were recorded or last confirmed by an episode, in this namespace; nil
    /// `seconds` removes the rule. Existing facts get their expiry from the new rules at once.
    ///
    /// An expired fact leaves the current view (and every view known from its expiry on) and
    /// is purged by ``maintain(vacuum:)``. Use it for memory that should fade (session
    /// preferences, device states) or for a data-retention policy.
    ///
    /// - Throws: ``MemographError/invalidArgument(field:reason:)`` for a duration that is not
    ///   positive or is over ``RetentionRule/maximumSeconds``,
    ///   ``MemographError/unknownRelation(_:suggestions:)`` for a relation the ontology lacks.
    public func setRetention(_ seconds: Int64?, relation: String? = nil) throws {
        if let seconds, !(1...RetentionRule.maximumSeconds).contains(seconds) {
            throw MemographError.invalidArgument(
                field: "retention", reason: "must be a positive duration of at most 1,000 years")
        }
        let name =
            try relation.map { try ontologyRules.relation($0).name } ?? RetentionSchedule.defaultRelation
        try database.write { db in
            if let seconds {
                try db.execute(
                    sql: "INSERT OR REPLACE INTO retention (namespace, relation, seconds) VALUES (?, ?, ?)",
                    arguments: [namespace, name, seconds])
            } else {
                try db.execute(
                    sql: "DELETE FROM retention WHERE namespace = ? AND relation = ?",
                    arguments: [namespace, name])
            }
            try RetentionSchedule.refresh(db: db, namespace: namespace)
        }
    }

    /// This namespace's retention rules, the default (relation nil) first.
    public func retentionRules() throws -> [RetentionRule] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT relation, seconds FROM retention WHERE namespace = ? ORDER BY relation",
                arguments: [namespace]
            ).map { row in
                let relation: String = row[0]
                return RetentionRule(relation: relation.isEmpty ? nil : relation, seconds: row[1])
            }
        }
    }

    /// Housekeeping: purges the facts of this namespace past their retention (with their
    /// provenance, embeddings and search rows, freed pages zeroed; a version such a fact had
    /// closed stays closed), merges the full-text indexes, refreshes the query planner's
    /// statistics and, with `vacuum`, rewrites the file to its minimal size.
    @discardableResult
    public func maintain(vacuum: Bool = false) throws -> MaintenanceReport {
        let now = StoreTime.encode(self.now)
        var report = try erasing { db in
            let expired = try Int64.fetchAll(
                db, sql: "SELECT id FROM edges WHERE namespace = ? AND expires_at <= ?",
                arguments: [namespace, now])
            try deleteEdges(expired, db: db)
            return MaintenanceReport(expiredEdges: expired.count, vacuumed: false)
        }
        try database.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA optimize") }
        if vacuum { report.vacuumed = try self.vacuum() }
        return report
    }
}
