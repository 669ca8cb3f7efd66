import ArgumentParser
import Memograph

/// The `memograph` command-line tool: every command works on one store file (`--db`).
@main
struct MemographCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memograph",
        abstract: "Long-term memory for LLM agents, kept as a temporal entity–relation graph in SQLite.",
        version: MemographVersion.string,
        subcommands: [OntologyCommand.self]
    )
}
