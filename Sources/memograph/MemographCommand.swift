import ArgumentParser
import Foundation
import Memograph

/// The `memograph` command-line tool: every command works on one store file (`--db`).
@main
struct MemographCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "memograph",
        abstract: "Long-term memory for LLM agents, kept as a temporal entity–relation graph in SQLite.",
        discussion: """
            Entities are written `Type:name` (Service:api, Person:Ada) or as a bare name that \
            resolves when it names one entity. Times are ISO 8601 (2026-03-01 or 2026-03-01T09:30:00Z). \
            Reads show the current view unless --as-of (event time) or --known-at (system time) is given.
            """,
        version: MemographVersion.string,
        subcommands: [
            AddCommand.self, ForgetCommand.self, MergeCommand.self, SplitCommand.self, MaintainCommand.self,
            RetentionCommand.self, RelateCommand.self, FactsCommand.self,
            HistoryCommand.self, NeighboursCommand.self,
            PathCommand.self, RetractCommand.self, PurgeCommand.self, EntityCommand.self,
            EpisodeCommand.self, StatsCommand.self, SearchCommand.self, ContextCommand.self,
            ExportCommand.self, ImportCommand.self, IndexCommand.self, ReembedCommand.self,
            EmbedCommand.self, ModelCommand.self, OntologyCommand.self, DemoCommand.self,
            BenchCommand.self,
        ]
    )

    /// Refuses arguments that are not UTF-8 before parsing: Swift would silently repair them.
    static func main() async {
        if let index = ArgumentEncoding.firstInvalidArgument() {
            Self.exit(withError: MemographError.invalidUTF8(field: "argument \(index)"))
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
