import Foundation
import GRDB

/// Looks for strings everywhere a store could keep them: every column of every table (the
/// full-text shadow tables included), every term of every full-text index, and the raw bytes
/// of the file and its write-ahead log.
enum StoreScan {
    /// `table.column` (or `vocab:table`, `file`) for every place a needle was found, lower-case.
    static func hits(path: String, needles: [String]) throws -> [String] {
        let needles = needles.map { $0.lowercased() }
        var hits = Set<String>()
        let queue = try DatabaseQueue(path: path)
        try queue.inDatabase { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            for table in tables {
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \"\(table)\"")
                while let row = try rows.next() {
                    for (column, value) in row {
                        let text: String
                        switch value.storage {
                        case .string(let string): text = string.lowercased()
                        case .blob(let data): text = String(decoding: data, as: UTF8.self).lowercased()
                        default: continue
                        }
                        if needles.contains(where: text.contains) { hits.insert("\(table).\(column)") }
                    }
                }
            }
            for index in ["search_facts", "search_entities", "search_episodes"] {
                try db.execute(
                    sql: "CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, '\(index)', 'row')")
                let terms = try String.fetchAll(db, sql: "SELECT term FROM temp.vocab")
                if terms.contains(where: { term in
                    needles.contains { term.contains($0) || $0.hasPrefix(term) && term.count > 3 }
                }) {
                    hits.insert("vocab:\(index)")
                }
                try db.execute(sql: "DROP TABLE temp.vocab")
            }
        }
        try queue.close()
        for file in [path, path + "-wal"] {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            let lower = Data(data.map { (65...90).contains($0) ? $0 + 32 : $0 })
            if needles.contains(where: { lower.range(of: Data($0.utf8)) != nil }) {
                hits.insert(file == path ? "file" : "wal")
            }
        }
        return hits.sorted()
    }
}
