import ArgumentParser

/// `memograph bench …`: measurements that print figures, kept out of the test suite.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure Memograph on this machine and print the figures.",
        subcommands: [
            BenchStore.self, BenchEmbedCommand.self, BenchExport.self, BenchLocomo.self, BenchSearch.self,
            BenchIngest.self,
        ])
}
