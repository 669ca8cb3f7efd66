import ArgumentParser
import Foundation
import Memograph

/// `memograph ontology bench`: times loading an ontology (parse, imports, validation,
/// indexes) over repeated runs; build with `-c release` for meaningful numbers.
struct OntologyBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time loading an ontology (default: the bundled one)."
    )

    @OptionGroup var ontology: OntologyOptions

    @Option(help: "How many times to load it.")
    var iterations = 50

    func run() throws {
        _ = try ontology.load()
        var timings: [Double] = []
        for _ in 0..<max(1, iterations) {
            let start = ContinuousClock.now
            _ = try ontology.load()
            let elapsed = ContinuousClock.now - start
            timings.append(
                Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3)
        }
        timings.sort()
        let format = { (value: Double) in String(format: "%.3f ms", value) }
        print(
            "\(ontology.resolvedPath ?? "default ontology"): \(timings.count) loads — min \(format(timings[0])), "
                + "median \(format(timings[timings.count / 2])), max \(format(timings[timings.count - 1]))")
    }
}
