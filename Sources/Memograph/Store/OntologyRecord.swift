import Foundation
import GRDB

/// The ontology a store was created with, kept inside the store so that every later opening
/// agrees with it: the same one, or a compatible extension (new classes and properties only).
enum OntologyRecord {
    private static let key = "ontology"

    /// The ontology to use for a store opened with `given`: `given` itself (recorded when it is
    /// new or extends the recorded one), or the recorded one when none is given.
    static func reconcile(_ database: any DatabaseWriter, given: Ontology?, path: String) throws -> Ontology?
    {
        let recorded = try database.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM store_info WHERE key = ?", arguments: [key])
        }.map { try JSONDecoder().decode(Ontology.self, from: Data($0.utf8)) }
        guard let given else { return recorded }
        if let recorded {
            if recorded.fingerprint == given.fingerprint { return given }
            let differences = given.incompatibilities(comparedTo: recorded)
            guard differences.isEmpty else {
                throw MemographError.incompatibleOntology(
                    path: path, differences: differences.map(\.description))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(given), as: UTF8.self)
        try database.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO store_info (key, value) VALUES (?, ?)", arguments: [key, json])
        }
        return given
    }
}
