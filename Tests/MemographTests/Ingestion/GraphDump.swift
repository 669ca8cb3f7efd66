import Foundation
import GRDB
import Memograph

/// Reads a whole store's facts as sorted `subject relation object` lines, for exact assertions.
enum GraphDump {
    static func facts(_ store: GraphStore, asOf: Date? = nil) throws -> [String] {
        let queue = try DatabaseQueue(path: store.path)
        let ids = try queue.read { db in
            try Int64.fetchAll(
                db, sql: "SELECT id FROM entities WHERE namespace = ?", arguments: [store.namespace])
        }
        var lines = Set<String>()
        for id in ids {
            for fact in try store.facts(about: .id(EntityID(id)), direction: .outgoing, asOf: asOf) {
                lines.insert("\(fact.subject.name) \(fact.edge.relation) \(fact.objectText)")
            }
        }
        return lines.sorted()
    }
}
