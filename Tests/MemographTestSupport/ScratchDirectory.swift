import Foundation

/// Fresh directories for tests, all inside one folder of the system's temporary directory that
/// is removed when the test process exits: a test run leaves nothing behind, whichever tests
/// fail and however many stores they open.
public enum ScratchDirectory {
    /// This process's folder, `memograph-tests-<pid>` in the temporary directory.
    public static let root: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "memograph-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: url)
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: ScratchDirectory.root) }
        return url
    }()

    /// A new, empty directory `<prefix>-<UUID>` inside ``root``.
    public static func make(_ prefix: String) throws -> URL {
        let url = root.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
