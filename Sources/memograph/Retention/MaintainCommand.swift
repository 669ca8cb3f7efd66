import ArgumentParser
import Memograph

/// `memograph maintain`: housekeeping, safe to run from cron.
struct MaintainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maintain",
        abstract: "Purge facts past their retention, merge the search indexes and refresh planner statistics."
    )

    @OptionGroup var store: StoreOptions
    @Flag(help: "Rewrite the file afterwards (VACUUM) to return freed space.") var vacuum = false
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let report = try store.use { try $0.maintain(vacuum: vacuum) }
        if json { return try Output.json(report) }
        print("purged \(report.expiredEdges) expired facts" + (report.vacuumed ? "; vacuumed" : ""))
    }
}
