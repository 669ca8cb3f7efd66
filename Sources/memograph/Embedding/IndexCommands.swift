import ArgumentParser
import Foundation
import Memograph

/// The embedder a store command uses: the built-in model, or the hashing embedder for tests.
struct EmbedderOptions: ParsableArguments {
    @OptionGroup var model: ModelOptions

    @Option(help: "Use the deterministic hashing embedder with this many dimensions instead of the model.")
    var hashing: Int?

    func load() throws -> any Embedder {
        if let hashing {
            guard hashing > 0 else {
                throw MemographError.invalidArgument(
                    field: "--hashing", reason: "must be a positive dimension")
            }
            return HashingEmbedder(dimension: hashing)
        }
        return try model.load()
    }
}

struct IndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Embed the entities, facts and episodes that have no vector yet.",
        discussion: """
            Vectors are stored in the store with the model that made them; what was embedded once is \
            never embedded again. A store whose vectors come from another model refuses until \
            `memograph reembed` switches it.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var embedder: EmbedderOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let graph = try store.open()
        defer { try? graph.close() }
        let report = try await graph.embedMissing(with: try embedder.load())
        try IndexCommand.print(report, json: json)
    }

    static func print(_ report: EmbeddingReport, json: Bool) throws {
        if json { return try Output.json(report) }
        Swift.print(
            "embedded \(report.entities) entities, \(report.edges) facts, \(report.episodes) episodes with \(report.model)"
                + (report.discarded > 0
                    ? "; discarded \(report.discarded) vectors of the previous model" : ""))
    }
}

struct ReembedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reembed",
        abstract: "Switch the store to another embedding model: drop every vector and embed again.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var embedder: EmbedderOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let graph = try store.open()
        defer { try? graph.close() }
        try IndexCommand.print(try await graph.reembed(with: try embedder.load()), json: json)
    }
}
