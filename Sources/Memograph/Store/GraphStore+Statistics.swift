import Foundation
import GRDB

/// Counts that describe a namespace of a store.
public struct StoreStatistics: Hashable, Sendable, Codable {
    public var namespace: String
    public var entities: Int
    /// Edges in the current view.
    public var currentEdges: Int
    /// Every edge version ever recorded, closed and withdrawn ones included.
    public var totalEdges: Int
    public var episodes: Int
    /// Distinct relations with their number of current edges, most used first.
    public var relations: [RelationCount]
    /// Entities per type, most common first.
    public var types: [TypeCount]
    /// Every namespace in the file.
    public var namespaces: [String]
    public var fileBytes: Int64

    /// A relation and how many current edges use it.
    public struct RelationCount: Hashable, Sendable, Codable {
        public var relation: String
        public var edges: Int
    }

    /// An entity type and how many entities have it.
    public struct TypeCount: Hashable, Sendable, Codable {
        public var type: String
        public var entities: Int
    }
}

extension GraphStore {
    /// Counts of this namespace's entities, edges and episodes.
    public func statistics() throws -> StoreStatistics {
        let now = self.now
        let time = TimeSlice.current.sqlCondition(now: now)
        return try read { db in
            let count = { (sql: String, arguments: StatementArguments) in
                try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
            }
            let relations = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.relation, count(*) FROM edges e WHERE e.namespace = ? AND \(time.sql)
                    GROUP BY e.relation ORDER BY 2 DESC, 1
                    """, arguments: [namespace] + time.arguments
            ).map { StoreStatistics.RelationCount(relation: $0[0], edges: $0[1]) }
            let types = try Row.fetchAll(
                db,
                sql:
                    "SELECT type, count(*) FROM entities WHERE namespace = ? GROUP BY type ORDER BY 2 DESC, 1",
                arguments: [namespace]
            ).map { StoreStatistics.TypeCount(type: $0[0], entities: $0[1]) }
            let namespaces = try String.fetchAll(
                db,
                sql: "SELECT namespace FROM entities UNION SELECT namespace FROM episodes ORDER BY 1")
            let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int64) ?? 0
            return StoreStatistics(
                namespace: namespace,
                entities: try count("SELECT count(*) FROM entities WHERE namespace = ?", [namespace]),
                currentEdges: relations.reduce(0) { $0 + $1.edges },
                totalEdges: try count("SELECT count(*) FROM edges WHERE namespace = ?", [namespace]),
                episodes: try count("SELECT count(*) FROM episodes WHERE namespace = ?", [namespace]),
                relations: relations, types: types, namespaces: namespaces, fileBytes: size)
        }
    }
}
