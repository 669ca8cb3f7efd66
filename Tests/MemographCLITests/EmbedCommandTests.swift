import Foundation
import MemographTestSupport
import Testing

/// Runs the built `memograph` executable (next to the test bundle) as a user would.
@Suite("memograph embed / model")
struct EmbedCommandTests {
    static let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        .appending(path: "memograph")

    static let modelDirectory: URL = {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["MEMOGRAPH_MODEL_DIR"] { return URL(fileURLWithPath: explicit) }
        let dataHome =
            environment["XDG_DATA_HOME"].map { URL(fileURLWithPath: $0) }
            ?? URL(fileURLWithPath: NSHomeDirectory()).appending(path: ".local/share")
        return dataHome.appending(path: "memograph/models/all-MiniLM-L6-v2")
    }()

    static var modelIsInstalled: Bool {
        FileManager.default.fileExists(atPath: modelDirectory.appending(path: "model.safetensors").path)
    }

    private func run(_ arguments: [String], input: String = "", environment: [String: String] = [:]) throws
        -> (
            status: Int32, output: String, error: String
        )
    {
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        let error = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (
            process.terminationStatus, String(decoding: output, as: UTF8.self),
            String(decoding: error, as: UTF8.self)
        )
    }

    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: executable.path), "memograph executable not built"))
    func modelPathFollowsTheEnvironment() throws {
        let result = try run(["model", "path"], environment: ["MEMOGRAPH_MODEL_DIR": "/tmp/some-model"])
        #expect(result.status == 0)
        #expect(result.output == "/tmp/some-model\n")
    }

    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: executable.path), "memograph executable not built"))
    func missingModelTellsHowToFetchIt() throws {
        let result = try run(["embed", "--json", "--model", "/nonexistent/model"], input: "hello\n")
        #expect(result.status != 0)
        #expect(result.error.contains("memograph model fetch"))
    }

    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: executable.path) && modelIsInstalled,
            "model weights missing; run `memograph model fetch`"))
    func embedPrintsOneJSONArrayPerLine() throws {
        let result = try run(
            ["embed", "--json"], input: "The weather is lovely today.\nIt's so sunny outside!\n")
        #expect(result.status == 0, "\(result.error)")
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 2)
        let vectors = try lines.map { try JSONDecoder().decode([Float].self, from: Data($0.utf8)) }
        #expect(vectors.allSatisfy { $0.count == 384 })
        let dot = zip(vectors[0], vectors[1]).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        #expect(abs(dot - 0.6660) < 0.0005)
    }

    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: executable.path) && modelIsInstalled,
            "model weights missing; run `memograph model fetch`"))
    func benchEmbedWritesTheWorkloadItTimes() throws {
        let refused = try run(["bench", "embed", "--sentences", "0"])
        #expect(refused.status != 0)
        #expect(refused.error.contains("--sentences"))
        let workload = try ScratchDirectory.make("memograph-bench-embed").appending(path: "workload.json")
        let result = try run(
            [
                "bench", "embed", "--json", "--runs", "1", "--queries", "1", "--sentences", "40",
                "--write-workload", workload.path,
            ])
        #expect(result.status == 0, "\(result.error)")
        let figures = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any]
        #expect((figures?["sentences_per_second"] as? Double ?? 0) > 0)
        #expect(figures?["sentences"] as? Int == 40)
        let written = try JSONSerialization.jsonObject(with: Data(contentsOf: workload)) as? [String: Any]
        let sentences = written?["sentences"] as? [String] ?? []
        #expect(sentences.count == 40)
        #expect(Set(sentences).count == 40)
        #expect((written?["query"] as? String)?.split(separator: " ").count == 10)
        #expect(written?["batch_size"] as? Int == figures?["batch_size"] as? Int)
    }
}
