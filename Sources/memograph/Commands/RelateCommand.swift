import ArgumentParser
import Foundation
import Memograph

struct RelateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relate",
        abstract: "Record a fact: SUBJECT —RELATION→ OBJECT.",
        discussion: """
            Missing entities are created. A new value of a single-valued relation (listensOnPort, \
            hasVersion, reportsTo, or any relation with --single) closes the previous one; the old \
            value stays in `history`. OBJECT is a literal value with --literal, or when it is a number \
            or version (9090, 3.11.2) and no --object-type is given.

              memograph relate Service:api listensOnPort 9090 --valid-from 2026-03-01
              memograph relate Ada memberOf platform --subject-type Person --object-type Team
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "The subject: Type:name or a name.") var subject: String
    @Argument(help: "The relation, e.g. memberOf, uses, listensOnPort.") var relation: String
    @Argument(help: "The object: Type:name, a name, or a literal value.") var object: String

    @Option(help: "Type of the subject when it is written as a bare name.") var subjectType: String?
    @Option(help: "Type of the object when it is written as a bare name.") var objectType: String?
    @Flag(help: "Store OBJECT as a literal value, not an entity.") var literal = false
    @Option(help: "When the fact started to hold (ISO 8601; default now).") var validFrom: String?
    @Option(help: "When the fact stopped holding, if known.") var validTo: String?
    @Option(help: "The fact as a sentence, kept for retrieval and display.") var fact: String?
    @Flag(help: "Treat the relation as single-valued: the new value closes the previous one.") var single =
        false
    @Option(help: "The id of the episode this fact comes from.") var episode: Int64?
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        let graph = try store.open()
        defer { try? graph.close() }
        let subjectReference = reference(subject, type: subjectType)
        let isLiteral = literal || (objectType == nil && Self.looksLikeValue(object))
        let assertedObject: AssertedObject =
            isLiteral ? .literal(object) : .entity(reference(object, type: objectType))
        let outcome = try graph.relate(
            Assertion(
                subjectReference, relation, assertedObject,
                validFrom: try validFrom.map { try ISO8601.parse($0, field: "--valid-from") },
                validTo: try validTo.map { try ISO8601.parse($0, field: "--valid-to") }, fact: fact,
                source: episode.map(EpisodeID.init(rawValue:)), singleValued: single ? true : nil))
        let stored = try graph.fact(outcome.edgeID)
        if json { return try Output.json(RelateReport(outcome: outcome, fact: stored)) }
        print(RelateReport(outcome: outcome, fact: stored).summary)
        print(Output.line(stored))
    }

    private func reference(_ text: String, type: String?) -> EntityReference {
        if let type { return .name(text, type: type) }
        return EntityReference(parsing: text)
    }

    /// Numbers and dotted versions: 9090, 3.11, 1.2.3.
    static func looksLikeValue(_ text: String) -> Bool {
        guard let first = text.first, first.isNumber else { return false }
        return text.allSatisfy { $0.isNumber || $0 == "." } && !text.hasSuffix(".")
    }
}

/// What `relate` did, in words and in JSON.
struct RelateReport: Encodable {
    var outcome: String
    var closed: [EdgeID]
    var supersededBy: EdgeID?
    var fact: Fact

    init(outcome: RelateOutcome, fact: Fact) {
        self.fact = fact
        closed = []
        switch outcome {
        case .inserted: self.outcome = "inserted"
        case .duplicate: self.outcome = "duplicate"
        case .superseded(_, let ids):
            self.outcome = "superseded"
            closed = ids
        case .storedClosed(_, let successor):
            self.outcome = "stored-closed"
            supersededBy = successor
        }
    }

    var summary: String {
        switch outcome {
        case "duplicate": "already known: provenance added"
        case "superseded": "recorded; closed \(closed.map { "#\($0.rawValue)" }.joined(separator: ", "))"
        case "stored-closed":
            "recorded as history: a newer value (#\(supersededBy?.rawValue ?? 0)) already holds"
        default: "recorded"
        }
    }
}
