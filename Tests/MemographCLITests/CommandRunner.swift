import Foundation
import MemographTestSupport

/// Runs the built `memograph` executable, found next to the test bundle, against a store in a
/// fresh temporary directory.
struct CommandRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    let directory: URL
    let db: String

    init() throws {
        directory = try ScratchDirectory.make("memograph-cli")
        db = directory.appendingPathComponent("memory.sqlite").path
    }

    static var executable: URL {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.isExecutableFile(
            atPath: directory.appendingPathComponent("memograph").path),
            directory.path != "/"
        {
            directory.deleteLastPathComponent()
        }
        return directory.appendingPathComponent("memograph")
    }

    /// `memograph ARGS --db <store>`, with `input` on its standard input and `environment` over
    /// this process's.
    func run(
        _ arguments: [String], withStore: Bool = true, input: String = "", environment: [String: String] = [:]
    ) throws -> Result {
        try launch(
            Self.executable.path, arguments + (withStore ? ["--db", db] : []), input: input,
            environment: environment)
    }

    /// Runs a shell line with `$MG` set to the executable and `$DB` to the store (for raw bytes).
    func shell(_ line: String) throws -> Result {
        try launch("/bin/sh", ["-c", line], environment: ["MG": Self.executable.path, "DB": db])
    }

    private func launch(
        _ path: String, _ arguments: [String], input: String = "", environment: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let inPipe = Pipe()
        let out = Pipe()
        let err = Pipe()
        process.standardInput = inPipe
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Standard input is written, and standard error read, beside the read of standard output:
        // one after another, a child filling one pipe (64 KiB) while this waits on another would
        // never finish.
        let stderr = Collected()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            stderr.data = err.fileHandleForReading.readDataToEndOfFile()
        }
        // A child may exit without reading its input: the write then fails (broken pipe) and
        // is ignored, as is the close after it; the test judges the child by its exit and output.
        _ = Self.ignoresBrokenPipes
        DispatchQueue.global().async(group: group) {
            try? inPipe.fileHandleForWriting.write(contentsOf: Data(input.utf8))
            try? inPipe.fileHandleForWriting.close()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
            stderr: String(decoding: stderr.data, as: UTF8.self))
    }

    /// Writing to a child that has exited fails with EPIPE instead of killing the test process.
    private static let ignoresBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    /// What a reading thread collected; read only after the group it ran in has been waited for.
    private final class Collected: @unchecked Sendable {
        var data = Data()
    }

    /// The bytes of the store and its WAL.
    func snapshot() -> [Data] {
        [db, db + "-wal"].map { FileManager.default.contents(atPath: $0) ?? Data() }
    }
}
