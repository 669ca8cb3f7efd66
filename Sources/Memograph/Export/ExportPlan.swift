import Foundation
import GRDB

/// The SQL conditions an ``ExportSelection`` stands for, over any table alias, with the
/// neighbourhood (when asked for) already walked inside the export's read transaction.
struct ExportPlan {
    let namespace: String
    let selection: ExportSelection
    let now: Date
    /// The ids of the neighbourhood as a JSON array, or nil for the whole namespace.
    private(set) var neighbourhood: String?

    init(db: Database, namespace: String, selection: ExportSelection, now: Date, rules: OntologyRules) throws
    {
        self.namespace = namespace
        self.selection = selection
        self.now = now
        guard let around = selection.around else { return }
        guard (1...10).contains(selection.depth) else {
            throw MemographError.invalidArgument(field: "depth", reason: "must be between 1 and 10")
        }
        let start = try EntityResolver(db: db, namespace: namespace, now: now, rules: rules).resolve(around)
            .id.rawValue
        neighbourhood = try walk(db: db, from: start)
    }

    /// Edges of the selection, over an edges table aliased `alias`.
    func edgeCondition(_ alias: String) -> (sql: String, arguments: StatementArguments) {
        var sql = "\(alias).namespace = ?"
        var arguments: StatementArguments = [namespace]
        let time = timeCondition(alias)
        sql += " AND " + time.sql
        arguments += time.arguments
        if !selection.relations.isEmpty {
            sql += " AND \(alias).relation IN (SELECT value FROM json_each(?))"
            arguments += [Self.json(selection.relations)]
        }
        if let entities = entityIDCondition() {
            sql += " AND \(alias).subject_id IN (\(entities.sql))"
            sql += " AND (\(alias).object_id IS NULL OR \(alias).object_id IN (\(entities.sql)))"
            arguments += entities.arguments
            arguments += entities.arguments
        }
        return (sql, arguments)
    }

    /// Entities of the selection, over an entities table aliased `alias`.
    func entityCondition(_ alias: String) -> (sql: String, arguments: StatementArguments) {
        var sql = "\(alias).namespace = ?"
        var arguments: StatementArguments = [namespace]
        if !selection.types.isEmpty {
            sql += " AND \(alias).type IN (SELECT value FROM json_each(?))"
            arguments += [Self.json(selection.types)]
        }
        if let neighbourhood {
            sql += " AND \(alias).id IN (SELECT value FROM json_each(?))"
            arguments += [neighbourhood]
        }
        if !selection.relations.isEmpty {
            let edges = edgeCondition("t")
            sql += """
                 AND (EXISTS (SELECT 1 FROM edges t WHERE t.subject_id = \(alias).id AND \(edges.sql)) \
                OR EXISTS (SELECT 1 FROM edges t WHERE t.object_id = \(alias).id AND \(edges.sql)))
                """
            arguments += edges.arguments
            arguments += edges.arguments
        }
        return (sql, arguments)
    }

    /// The time view over an edges table aliased `alias`.
    private func timeCondition(_ alias: String) -> (sql: String, arguments: StatementArguments) {
        if selection.history { return ("1", []) }
        let slice = TimeSlice(asOf: selection.asOf, knownAt: selection.knownAt).sqlCondition(now: now)
        return (slice.sql.replacingOccurrences(of: "e.", with: "\(alias)."), slice.arguments)
    }

    /// Entity ids an edge end must be among, when types or a neighbourhood narrow them.
    private func entityIDCondition() -> (sql: String, arguments: StatementArguments)? {
        guard !selection.types.isEmpty || neighbourhood != nil else { return nil }
        var sql = "SELECT id FROM entities WHERE namespace = ?"
        var arguments: StatementArguments = [namespace]
        if !selection.types.isEmpty {
            sql += " AND type IN (SELECT value FROM json_each(?))"
            arguments += [Self.json(selection.types)]
        }
        if let neighbourhood {
            sql += " AND id IN (SELECT value FROM json_each(?))"
            arguments += [neighbourhood]
        }
        return (sql, arguments)
    }

    /// Breadth-first walk from `start` over entity-to-entity edges of the time view and relations.
    private func walk(db: Database, from start: Int64) throws -> String {
        var seen: Set<Int64> = [start]
        var frontier: [Int64] = [start]
        let time = timeCondition("e")
        var relationClause = ""
        var relationArguments: StatementArguments = []
        if !selection.relations.isEmpty {
            relationClause = " AND e.relation IN (SELECT value FROM json_each(?))"
            relationArguments = [Self.json(selection.relations)]
        }
        for _ in 0..<selection.depth where !frontier.isEmpty {
            var next: [Int64] = []
            for (from, to) in [("subject_id", "object_id"), ("object_id", "subject_id")] {
                let sql = """
                    SELECT e.\(to) FROM json_each(?) AS frontier CROSS JOIN edges e ON e.\(from) = frontier.value
                    WHERE e.object_id IS NOT NULL AND e.namespace = ? AND \(time.sql)\(relationClause)
                    """
                let arguments: StatementArguments =
                    [IDList.json(frontier), namespace] + time.arguments + relationArguments
                let ids = try Int64.fetchCursor(db.cachedStatement(sql: sql), arguments: arguments)
                while let id = try ids.next() {
                    if seen.insert(id).inserted { next.append(id) }
                }
            }
            frontier = next
        }
        return IDList.json(seen.sorted())
    }

    private static func json(_ values: Set<String>) -> String {
        let data = (try? JSONEncoder().encode(values.sorted())) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
