import Foundation

/// Where the built-in embedding model lives: `$MEMOGRAPH_MODEL_DIR`, else
/// `models/all-MiniLM-L6-v2` in the ``DataDirectory``. Every entry point resolves it here.
public enum ModelLocation {
    /// Folder name of the built-in model under the data directory.
    public static let defaultModelName = "all-MiniLM-L6-v2"

    /// The default model directory for `environment` (the process environment by default).
    public static func defaultDirectory(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> URL {
        if let explicit = environment["MEMOGRAPH_MODEL_DIR"], !explicit.isEmpty {
            return URL(fileURLWithPath: explicit, isDirectory: true)
        }
        return DataDirectory.url(environment: environment)
            .appending(path: "models/\(defaultModelName)", directoryHint: .isDirectory)
    }

    /// `path` when given (a `--model` option), otherwise the default directory.
    public static func directory(_ path: String?) -> URL {
        guard let path, !path.isEmpty else { return defaultDirectory() }
        return URL(fileURLWithPath: path, isDirectory: true)
    }
}
