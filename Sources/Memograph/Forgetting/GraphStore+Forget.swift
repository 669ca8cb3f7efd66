import Foundation
import GRDB

extension GraphStore {
    /// Erases an entity for good (a compliance deletion, unlike ``retract(_:at:)``): the entity,
    /// its aliases, every edge it is an end of (history included), the episodes that are about it
    /// alone, its embeddings and full-text rows. Episodes, facts and summaries that mention it
    /// among other things are kept with its names replaced by `[forgotten]`.
    ///
    /// The full-text indexes are optimised and freed pages zeroed, so the names do not survive in
    /// the file; `vacuum` also rewrites the file to its minimal size.
    @discardableResult
    public func forget(_ reference: EntityReference, vacuum: Bool = false) throws -> ForgetReport {
        let now = self.now
        var report = try erasing { db in
            let resolver = EntityResolver(db: db, namespace: namespace, now: now, rules: ontologyRules)
            let entity = try resolver.resolve(reference)
            return try forget(entity, db: db, now: now)
        }
        if vacuum { report.vacuumed = try self.vacuum() }
        return report
    }

    /// Erases everything of this namespace — entities, edges, episodes, mentions, embeddings and
    /// their full-text rows; other namespaces are untouched.
    @discardableResult
    public func forgetNamespace(vacuum: Bool = false) throws -> ForgetReport {
        var report = try erasing { db in
            var report = ForgetReport()
            report.edges = try deleteCounting(db, "DELETE FROM edges WHERE namespace = ?")
            try db.execute(sql: "DELETE FROM mentions WHERE namespace = ?", arguments: [namespace])
            report.episodesDeleted = try deleteCounting(db, "DELETE FROM episodes WHERE namespace = ?")
            try db.execute(sql: "DELETE FROM aliases WHERE namespace = ?", arguments: [namespace])
            report.entities = try deleteCounting(db, "DELETE FROM entities WHERE namespace = ?")
            try db.execute(sql: "DELETE FROM embeddings WHERE namespace = ?", arguments: [namespace])
            try db.execute(sql: "DELETE FROM retention WHERE namespace = ?", arguments: [namespace])
            return report
        }
        if vacuum { report.vacuumed = try self.vacuum() }
        return report
    }

    /// Rewrites the file without free pages (`VACUUM`) and empties the write-ahead log.
    @discardableResult
    public func vacuum() throws -> Bool {
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "VACUUM")
            try db.checkpoint(.truncate)
        }
        return true
    }

    /// Runs `body` in one transaction with freed content zeroed, then merges the full-text
    /// indexes (so deleted terms leave their segments) and empties the write-ahead log.
    func erasing<Report>(_ body: (Database) throws -> Report) throws -> Report {
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA secure_delete = ON")
            defer { try? db.execute(sql: "PRAGMA secure_delete = OFF") }
            var report: Report?
            try db.inTransaction {
                report = try body(db)
                for table in ["search_facts", "search_entities", "search_episodes"] {
                    try db.execute(sql: "INSERT INTO \(table) (\(table)) VALUES ('optimize')")
                }
                return .commit
            }
            try db.checkpoint(.truncate)
            return report!
        }
    }

    private func deleteCounting(_ db: Database, _ sql: String) throws -> Int {
        try db.execute(sql: sql, arguments: [namespace])
        return db.changesCount
    }

    private func forget(_ entity: Entity, db: Database, now: Date) throws -> ForgetReport {
        var report = ForgetReport(entities: 1)
        let redaction = Redaction(names: [entity.name] + entity.aliases)
        let id = entity.id.rawValue
        let edges = try RowDecoding.edges(
            db.cachedStatement(
                sql:
                    "SELECT \(RowDecoding.edgeColumns) FROM edges e WHERE e.subject_id = ? OR e.object_id = ?"
            ),
            [.int(id), .int(id)])
        let edgeIDs = Set(edges.map(\.id))
        // Episodes that are about the entity: they mention it, support one of its edges, or name it.
        var about = Set(
            try Int64.fetchAll(
                db,
                sql: """
                    SELECT episode_id FROM mentions WHERE entity_id = ?1
                    UNION SELECT s.episode_id FROM edge_sources s JOIN edges e ON e.id = s.edge_id
                    WHERE e.subject_id = ?1 OR e.object_id = ?1
                    """, arguments: [id]))
        for row in try Row.fetchAll(
            db, sql: "SELECT id, content, metadata, coalesce(role, '') FROM episodes WHERE namespace = ?",
            arguments: [namespace])
        where redaction.mayMatch(row[1]) || redaction.mayMatch(row[2]) || redaction.mayMatch(row[3]) {
            about.insert(row[0])
        }

        let repair = TimelineRepair(db: db, now: now)
        for edge in edges.sorted(by: { $0.id > $1.id }) {
            if let current = try? loadEdge(edge.id, db: db) { try repair.bridge(over: current) }
        }
        try deleteEdges(edgeIDs.map(\.rawValue), db: db)
        report.edges = edgeIDs.count

        for episode in about.sorted() {
            let others =
                try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT 1 WHERE EXISTS (SELECT 1 FROM mentions WHERE episode_id = ?1 AND entity_id <> ?2)
                            OR EXISTS (SELECT 1 FROM edge_sources WHERE episode_id = ?1)
                        """, arguments: [episode, id]) ?? false
            try db.execute(
                sql: "DELETE FROM embeddings WHERE owner_kind = 'episode' AND owner_id = ?",
                arguments: [episode])
            if !others {
                try db.execute(sql: "DELETE FROM episodes WHERE id = ?", arguments: [episode])
                report.episodesDeleted += 1
                continue
            }
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT content, metadata, role FROM episodes WHERE id = ?", arguments: [episode]
                )
            else { continue }
            let content = redaction.apply(row[0])
            let metadata = redaction.apply(row[1])
            let role = (row[2] as String?).flatMap(redaction.apply)
            if content != nil || metadata != nil || role != nil {
                try db.execute(
                    sql:
                        "UPDATE episodes SET content = ?, metadata = ?, role = coalesce(?, role) WHERE id = ?",
                    arguments: [content ?? row[0], metadata ?? row[1], role, episode])
                report.textsRedacted += 1
            }
        }
        report.textsRedacted += try redactFacts(redaction, db: db)
        report.textsRedacted += try redactEntities(redaction, except: entity.id, db: db)

        try db.execute(
            sql: "DELETE FROM embeddings WHERE owner_kind = 'entity' AND owner_id = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM entities WHERE id = ?", arguments: [id])
        return report
    }

    /// Redacts the names in the sentences of the namespace's remaining facts (history included).
    private func redactFacts(_ redaction: Redaction, db: Database) throws -> Int {
        var count = 0
        for row in try Row.fetchAll(
            db, sql: "SELECT id, fact FROM edges WHERE namespace = ? AND fact IS NOT NULL",
            arguments: [namespace])
        {
            guard let redacted = redaction.apply(row[1]) else { continue }
            try db.execute(
                sql: "UPDATE edges SET fact = ? WHERE id = ?", arguments: [redacted, row[0] as Int64])
            try db.execute(
                sql: "DELETE FROM embeddings WHERE owner_kind = 'edge' AND owner_id = ?",
                arguments: [row[0] as Int64])
            count += 1
        }
        return count
    }

    /// Redacts the names in other entities' summaries and attributes, and drops their aliases that
    /// contain them.
    private func redactEntities(_ redaction: Redaction, except forgotten: EntityID, db: Database) throws
        -> Int
    {
        var count = 0
        for row in try Row.fetchAll(
            db, sql: "SELECT id, summary, attributes FROM entities WHERE namespace = ? AND id <> ?",
            arguments: [namespace, forgotten.rawValue])
        {
            let summary = (row[1] as String?).flatMap(redaction.apply)
            let attributes = redaction.apply(row[2])
            guard summary != nil || attributes != nil else { continue }
            try db.execute(
                sql:
                    "UPDATE entities SET summary = coalesce(?, summary), attributes = coalesce(?, attributes) WHERE id = ?",
                arguments: [summary, attributes, row[0] as Int64])
            try db.execute(
                sql: "DELETE FROM embeddings WHERE owner_kind = 'entity' AND owner_id = ?",
                arguments: [row[0] as Int64])
            count += 1
        }
        for row in try Row.fetchAll(
            db, sql: "SELECT entity_id, alias FROM aliases WHERE namespace = ? AND entity_id <> ?",
            arguments: [namespace, forgotten.rawValue])
        where redaction.apply(row[1]) != nil {
            try db.execute(
                sql: "DELETE FROM aliases WHERE entity_id = ? AND alias = ?",
                arguments: [row[0] as Int64, row[1] as String])
            count += 1
        }
        return count
    }
}
