import Foundation
import Testing

/// Runs the built `memograph` executable (next to the test bundle) as a user would.
@Suite("memograph embed / model")
struct EmbedCommandTests {
    static let executable = CommandRunner.executable

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

    let cli: CommandRunner

    init() throws {
        cli = try CommandRunner()
    }

    private func run(_ arguments: [String], input: String = "", environment: [String: String] = [:]) throws
        -> CommandRunner.Result
    {
        try cli.run(arguments, withStore: false, input: input, environment: environment)
    }

    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: executable.path), "memograph executable not built"))
    func modelPathFollowsTheEnvironment() throws {
        let result = try run(["model", "path"], environment: ["MEMOGRAPH_MODEL_DIR": "/tmp/some-model"])
        #expect(result.status == 0)
        #expect(result.stdout == "/tmp/some-model\n")
    }

    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: executable.path), "memograph executable not built"))
    func missingModelTellsHowToFetchIt() throws {
        let result = try run(["embed", "--json", "--model", "/nonexistent/model"], input: "hello\n")
        #expect(result.status != 0)
        #expect(result.stderr.contains("memograph model fetch"))
    }

    @Test(
        .enabled(
            if: FileManager.default.fileExists(atPath: executable.path) && modelIsInstalled,
            "model weights missing; run `memograph model fetch`"))
    func embedPrintsOneJSONArrayPerLine() throws {
        let result = try run(
            ["embed", "--json"], input: "The weather is lovely today.\nIt's so sunny outside!\n")
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
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
        #expect(refused.stderr.contains("--sentences"))
        let workload = cli.directory.appending(path: "workload.json")
        let result = try run(
            [
                "bench", "embed", "--json", "--runs", "1", "--queries", "1", "--sentences", "40",
                "--write-workload", workload.path,
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let figures = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
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
