import ArgumentParser

/// `memograph bench`: performance measurements of the parts of Memograph.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the performance of Memograph's components.",
        subcommands: [BenchEmbedCommand.self])
}
