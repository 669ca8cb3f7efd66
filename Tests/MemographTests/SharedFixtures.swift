import Foundation

/// Where the shared test data lives (`fixtures/minilm`, `fixtures/graphml`): `$MEMOGRAPH_SHARED_DIR`
/// when set (scripts/test.sh sets it for clones made away from the original checkout), otherwise the
/// repository's sibling `shared` folder.
enum SharedFixtures {
    static let directory: URL = {
        if let path = ProcessInfo.processInfo.environment["MEMOGRAPH_SHARED_DIR"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("shared")
    }()
}
