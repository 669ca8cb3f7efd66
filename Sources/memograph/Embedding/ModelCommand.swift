import ArgumentParser

/// `memograph model`: fetch and inspect the built-in embedding model.
struct ModelCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Fetch and inspect the built-in embedding model (all-MiniLM-L6-v2).",
        subcommands: [ModelFetchCommand.self, ModelShowCommand.self, ModelPathCommand.self])
}
