import ArgumentParser
import Memograph

/// `memograph split A B`: some of what A holds belongs to another entity, B.
struct SplitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "split",
        abstract: "Move facts, mentions and aliases off entity A onto entity B (created if new).",
        discussion: """
            Undoes a wrong merge, or separates two namesakes: memograph split Jordan "Person:Jordan Smith" \
            --episode 12. The facts only those episodes support move with them; a moved fact is withdrawn \
            from A (kept in its history) and asserted about B.
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The entity to split (Type:name or a name).") var entity: String
    @Argument(help: "The entity that receives what moves (Type:name; created when new).") var target: String
    @Option(name: .customLong("edge"), help: "An edge id to move (repeatable).") var edges: [Int64] = []
    @Option(name: .customLong("episode"), help: "An episode about the other entity (repeatable).")
    var episodes: [Int64] = []
    @Option(name: .customLong("alias"), help: "An alias of A that names B (repeatable).") var aliases:
        [String] =
            []
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let report = try store.use {
            try $0.split(
                EntityReference(parsing: entity), into: EntityReference(parsing: target),
                edges: edges.map { EdgeID($0) }, episodes: episodes.map { EpisodeID($0) }, aliases: aliases)
        }
        if json { return try Output.json(report) }
        print(
            "#\(report.entity.id.rawValue) \(report.entity.reference) → #\(report.target.id.rawValue) "
                + "\(report.target.reference)" + (report.targetCreated ? " (new)" : ""))
        for moved in report.movedEdges { print("  edge #\(moved.from.rawValue) → #\(moved.to.rawValue)") }
        if !report.movedAliases.isEmpty { print("  aliases: \(report.movedAliases.joined(separator: ", "))") }
    }
}
