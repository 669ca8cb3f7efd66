import ArgumentParser
import Foundation
import Memograph

/// `memograph ontology check FILE…`: validates ontology files like a compiler, printing a
/// summary per file or `file:line: error: …` diagnostics and failing.
struct OntologyCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate ontology files (with their imports) and summarise them."
    )

    @Argument(help: "OWL 2 RDF/XML files to check.")
    var files: [String]

    @Flag(help: "Do not print warnings about constructs Memograph ignores.")
    var quiet = false

    func run() throws {
        var failed = false
        for file in files {
            let start = ContinuousClock.now
            let result = OntologyLoader().check(path: file)
            let elapsed = ContinuousClock.now - start
            if !quiet {
                result.warnings.forEach { StandardError.write($0.description) }
            }
            result.errors.forEach { StandardError.write($0.description) }
            guard let ontology = result.ontology else {
                let count = result.errors.count
                StandardError.write("\(file): \(count) error\(count == 1 ? "" : "s")")
                failed = true
                continue
            }
            print(Self.summary(of: ontology, file: file, elapsed: elapsed))
        }
        if failed { throw ExitCode.failure }
    }

    static func summary(of ontology: Ontology, file: String, elapsed: Duration) -> String {
        let objectCount = ontology.properties.filter { $0.kind == .object }.count
        let functional = ontology.functionalProperties.map(\.name)
        let milliseconds =
            Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3
        var lines = [
            "\(file): ok — \(ontology.classes.count) classes, \(ontology.properties.count) properties "
                + "(\(objectCount) object, \(ontology.properties.count - objectCount) datatype), "
                + "\(ontology.individuals.count) individuals; loaded in \(String(format: "%.2f", milliseconds)) ms",
            "  functional: " + (functional.isEmpty ? "none" : functional.joined(separator: ", ")),
        ]
        if ontology.files.count > 1 {
            lines.append("  imports: " + ontology.files.dropFirst().joined(separator: ", "))
        }
        lines.append("  fingerprint: \(ontology.fingerprint)")
        return lines.joined(separator: "\n")
    }
}
