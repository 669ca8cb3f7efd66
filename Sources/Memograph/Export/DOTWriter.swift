import Foundation
import GRDB

/// Writes the selection as a Graphviz digraph for a quick look at small graphs: entities are
/// boxes labelled `Type:name`, literal values plain text, edges labelled with their relation.
struct DOTWriter {
    let db: Database
    let plan: ExportPlan
    let sink: ByteSink

    func write() throws -> ExportSummary {
        var summary = ExportSummary()
        try sink.write(
            "digraph memograph {\n  graph [rankdir=LR];\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
                + "  edge [fontname=\"Helvetica\", fontsize=10];\n")
        let entities = plan.entityCondition("n")
        let nodes = try Row.fetchCursor(
            db, sql: "SELECT n.id, n.type, n.name FROM entities n WHERE \(entities.sql) ORDER BY n.id",
            arguments: entities.arguments)
        while let row = try nodes.next() {
            try sink.write(
                "  n\(row[0] as Int64) [label=\(Self.quoted("\(row[1] as String):\(row[2] as String)"))];\n")
            summary.entities += 1
        }
        let edges = plan.edgeCondition("e")
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT e.id, e.subject_id, e.relation, e.object_id, e.object_value, e.valid_to IS NOT NULL
                FROM edges e WHERE \(edges.sql) ORDER BY e.id
                """, arguments: edges.arguments)
        while let row = try rows.next() {
            let id: Int64 = row[0]
            let target: String
            if let object = row[3] as Int64? {
                target = "n\(object)"
            } else {
                target = "v\(id)"
                try sink.write("  \(target) [label=\(Self.quoted(row[4])), shape=plaintext];\n")
            }
            let closed: Bool = row[5]
            try sink.write(
                "  n\(row[1] as Int64) -> \(target) [label=\(Self.quoted(row[2]))\(closed ? ", style=dashed" : "")];\n"
            )
            summary.edges += 1
        }
        try sink.write("}\n")
        try sink.flush()
        return summary
    }

    /// A DOT string literal: quotes and backslashes escaped, line breaks as `\n`, control
    /// characters dropped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r", "\t": result += " "
            default:
                if scalar.value >= 0x20 && scalar.value != 0x7F { result.unicodeScalars.append(scalar) }
            }
        }
        return result + "\""
    }
}
