import ArgumentParser
import Foundation
import Memograph

struct BenchExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Time and memory of the streaming GraphML export on a generated graph.",
        discussion: """
            Builds (or reuses, with --db) a graph of --entities entities and --edges edges, reopens it, resets \
            the peak-RSS counter and times `exportGraphML` of the current view to a file. Use a release build.
            """)

    @Option(help: "Entities in the generated graph.") var entities = 100_000
    @Option(help: "Edges in the generated graph.") var edges = 1_000_000
    @Option(
        help:
            "Store file to reuse or fill (default: a new file in a temporary directory, removed afterwards).")
    var db: String?
    @Flag(help: "Print one JSON object.") var json = false

    func run() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "memograph-bench-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = db ?? directory.appendingPathComponent("bench.sqlite").path
        let filler = try GraphStore(path: path)
        if try filler.statistics().totalEdges < edges { try fill(filler) }
        try filler.close()

        // A fresh connection, so the reading covers the export alone (the store file is
        // memory-mapped: its pages count as resident while they are read).
        let store = try GraphStore(path: path, access: .single)
        defer { try? store.close() }
        Measurements.resetPeakResident()
        let output = directory.appendingPathComponent("export.graphml")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let handle = try FileHandle(forWritingTo: output)
        var summary = ExportSummary()
        let seconds = try Measurements.seconds { summary = try store.exportGraphML(to: handle) }
        try handle.close()
        let report = BenchExportReport(
            entities: summary.entities, edges: summary.edges, seconds: seconds,
            edgesPerSecond: Double(summary.edges) / seconds,
            fileMegabytes: Double(
                (try? FileManager.default.attributesOfItem(atPath: output.path)[.size] as? Int) ?? 0)
                / 1_048_576,
            peakResidentMegabytes: Measurements.peakResidentMegabytes())
        if json { return try Output.json(report) }
        print("graph            \(report.entities) entities, \(report.edges) edges (current view)")
        print("GraphML export   \(format(seconds)) s (\(Int(report.edgesPerSecond)) edges/s; goal ≤ 10 s)")
        print("file             \(format(report.fileMegabytes)) MB")
        if let peak = report.peakResidentMegabytes {
            print("peak RSS         \(format(peak)) MB (goal ≤ 200 MB)")
        }
    }

    private func fill(_ store: GraphStore) throws {
        var random = SeededGenerator(seed: 7)
        let types = ["Person", "Team", "Service", "Repository", "Tool", "Project", "Device", "Document"]
        let relations = [
            "uses", "dependsOn", "knows", "memberOf", "maintains", "worksOn", "contributesTo", "owns",
        ]
        var ids: [EntityID] = []
        for start in stride(from: 0, to: entities, by: 10_000) {
            ids += try store.upsertEntities(
                (start..<min(start + 10_000, entities)).map {
                    (name: "entity-\($0) <&\"'>", type: types[$0 % types.count])
                })
        }
        var written = 0
        while written < edges {
            let count = min(5_000, edges - written)
            try store.relate(
                (0..<count).map { _ in
                    Assertion(
                        .id(ids.randomElement(using: &random)!), relations.randomElement(using: &random)!,
                        .entity(.id(ids.randomElement(using: &random)!)), fact: "a generated fact")
                })
            written += count
            if !json, written % 100_000 == 0 {
                FileHandle.standardError.write(Data("… generated \(written) edges\n".utf8))
            }
        }
    }

    private func format(_ value: Double) -> String { String(format: "%.2f", value) }
}

/// The figures `bench export --json` prints.
struct BenchExportReport: Encodable {
    var entities: Int
    var edges: Int
    var seconds: Double
    var edgesPerSecond: Double
    var fileMegabytes: Double
    var peakResidentMegabytes: Double?
}
