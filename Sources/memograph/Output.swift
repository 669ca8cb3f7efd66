import Foundation
import Memograph

/// Prints results as JSON (`--json`) or as lines a person reads.
enum Output {
    static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(ISO8601.format(date))
        }
        print(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    /// `#12 Ada —memberOf→ Team:platform  [2026-03-01 → now]  sources: 3`
    static func line(_ fact: Fact) -> String {
        let edge = fact.edge
        let object = fact.object.map(\.reference) ?? "\"\(edge.object.literal ?? "")\""
        var text = "#\(edge.id.rawValue) \(fact.subject.reference) —\(edge.relation)→ \(object)"
        text += "  [\(day(edge.validFrom)) → \(edge.validTo.map(day) ?? "now")]"
        if let end = edge.end { text += "  \(end.rawValue)" }
        if !fact.sources.isEmpty {
            text += "  sources: \(fact.sources.map { "\($0.rawValue)" }.joined(separator: ","))"
        }
        if let sentence = edge.fact { text += "\n    \(sentence)" }
        return text
    }

    static func day(_ date: Date) -> String { ISO8601.format(date) }
}
