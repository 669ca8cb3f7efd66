import ArgumentParser
import Foundation
import Memograph

/// Where an export goes: standard output (`-`, the default) or a file, which is written beside
/// its final name and moved into place only when the export succeeded; an existing file is
/// replaced only with `--force`.
struct ExportDestination: ParsableArguments {
    @Option(name: .long, help: "The output file, or - for standard output.") var out = "-"
    @Flag(name: .long, help: "Replace the output file when it exists.") var force = false

    func write<T>(_ body: (FileHandle) throws -> T) throws -> T {
        if out == "-" { return try body(FileHandle.standardOutput) }
        let manager = FileManager.default
        if manager.fileExists(atPath: out), !force {
            throw MemographError.invalidArgument(
                field: "--out", reason: "\(out) exists; add --force to replace it")
        }
        let partial = out + ".partial"
        guard manager.createFile(atPath: partial, contents: nil),
            let handle = FileHandle(forWritingAtPath: partial)
        else {
            throw MemographError.invalidArgument(field: "--out", reason: "cannot create \(out)")
        }
        do {
            let result = try body(handle)
            try handle.close()
            if manager.fileExists(atPath: out) { try manager.removeItem(atPath: out) }
            try manager.moveItem(atPath: partial, toPath: out)
            return result
        } catch {
            try? handle.close()
            try? manager.removeItem(atPath: partial)
            throw error
        }
    }
}

/// A one-line progress counter on standard error, shown only when standard error is a terminal.
struct ProgressLine {
    let label: String
    let enabled = isatty(STDERR_FILENO) == 1

    func update(_ count: Int) {
        if enabled { FileHandle.standardError.write(Data("\r\(label): \(count)".utf8)) }
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

/// The selection options `export graphml` and `export dot` share.
struct SelectionOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: "Event time of the view (default: now).") var asOf: String?
    @Option(name: .customLong("known-at"), help: "System time of the view (default: now).") var knownAt:
        String?
    @Flag(help: "Every edge version ever recorded, not one time view.") var history = false
    @Option(help: "Only the neighbourhood of this entity (Type:name or a name).") var around: String?
    @Option(help: "Hops from --around (1–10).") var depth = 1
    @Option(name: .customLong("type"), help: "Only entities of this type (repeatable).") var types: [String] =
        []
    @Option(name: .customLong("relation"), help: "Only edges of this relation (repeatable).") var relations:
        [String] =
            []

    func selection() throws -> ExportSelection {
        ExportSelection(
            asOf: try asOf.map { try ISO8601.parse($0, field: "--as-of") },
            knownAt: try knownAt.map { try ISO8601.parse($0, field: "--known-at") }, history: history,
            around: around.map(EntityReference.init(parsing:)), depth: depth, types: Set(types),
            relations: Set(relations))
    }
}
