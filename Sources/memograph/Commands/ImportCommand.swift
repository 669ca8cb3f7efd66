import ArgumentParser
import Foundation
import Memograph

/// `memograph import …`: GraphML into a namespace, or a JSONL backup into the store.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read a GraphML file or a JSONL backup into the store, all of it or nothing.",
        subcommands: [ImportGraphML.self, ImportJSONL.self])

    static func report(_ summary: ImportSummary, json: Bool) throws {
        if json { return try Output.json(summary) }
        print(
            "imported \(summary.entities) entities, \(summary.edges) edges, \(summary.episodes) episodes, "
                + "\(summary.sources) provenance links")
        if summary.literalAttributesSkipped > 0 {
            print(
                "note: \(summary.literalAttributesSkipped) literal values were node attributes without time fields "
                    + "and were not imported; export with --literal-nodes (or --complete) to keep them")
        }
        if summary.sourcesWithoutEpisodes > 0 {
            print(
                "note: \(summary.sourcesWithoutEpisodes) provenance links name episodes the file does not carry; "
                    + "export with --episodes (or --complete) to keep them")
        }
    }
}

struct ImportGraphML: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graphml", abstract: "Import a GraphML file into the namespace (new ids).")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The GraphML file.") var file: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let progress = ProgressLine(label: "edges read")
        let summary = try store.use { try $0.importGraphML(from: file, progress: progress.update) }
        progress.finish()
        try ImportCommand.report(summary, json: json)
    }
}

struct ImportJSONL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jsonl", abstract: "Restore a JSONL backup (each row into its own namespace).")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The JSONL file.") var file: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let progress = ProgressLine(label: "edges read")
        let summary = try store.use { try $0.importJSONL(from: file, progress: progress.update) }
        progress.finish()
        try ImportCommand.report(summary, json: json)
    }
}
