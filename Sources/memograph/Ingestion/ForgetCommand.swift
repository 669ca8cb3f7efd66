import ArgumentParser
import Memograph

/// `memograph forget`: erase an entity (or a whole namespace) for good.
struct ForgetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Erase an entity for good: its edges and history, episodes about it alone, its embeddings "
            + "and search rows; its name is redacted from the episodes and facts that are kept.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "Type:name or a name; omit with --whole-namespace.") var entity: String?
    @Flag(help: "Erase everything of --namespace instead of one entity.") var wholeNamespace = false
    @Flag(help: "Rewrite the file afterwards (VACUUM) so that no freed page remains.") var vacuum = false
    @Flag(help: "Print JSON.") var json = false

    func validate() throws {
        guard (entity == nil) == wholeNamespace else {
            throw ValidationError("give either ENTITY or --whole-namespace")
        }
    }

    func run() throws {
        let report = try store.use { graph in
            if let entity { return try graph.forget(EntityReference(parsing: entity), vacuum: vacuum) }
            return try graph.forgetNamespace(vacuum: vacuum)
        }
        if json { return try Output.json(report) }
        print(
            "forgot \(report.entities) entities, \(report.edges) edges, \(report.episodesDeleted) episodes; "
                + "redacted \(report.textsRedacted) texts" + (report.vacuumed ? "; vacuumed" : ""))
    }
}

/// `memograph merge A B`: B turns out to be A.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge entity B into A: B's edges, mentions and names move to A, then B is deleted.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The entity kept (Type:name or a name).") var keeper: String
    @Argument(help: "The entity merged into it.") var duplicate: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let merged = try store.use {
            try $0.merge(EntityReference(parsing: keeper), EntityReference(parsing: duplicate))
        }
        if json { return try Output.json(merged) }
        print("#\(merged.id.rawValue) \(merged.reference)")
        if !merged.aliases.isEmpty { print("aliases: \(merged.aliases.joined(separator: ", "))") }
    }
}
