import Foundation

/// Where Memograph keeps its files when the caller does not say.
public enum StoreLocation {
    /// `$MEMOGRAPH_HOME`, else `$XDG_DATA_HOME/memograph`, else `~/.local/share/memograph`
    /// (`~/Library/Application Support/memograph` on macOS).
    public static var dataDirectory: URL {
        let environment = ProcessInfo.processInfo.environment
        if let home = environment["MEMOGRAPH_HOME"], !home.isEmpty { return URL(fileURLWithPath: home) }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("memograph")
        }
        #if os(macOS)
            let base = FileManager.default.homeDirectoryForCurrentUser
                .appendingPathComponent("Library/Application Support")
        #else
            let base = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share")
        #endif
        return base.appendingPathComponent("memograph")
    }

    /// The default store file: `$MEMOGRAPH_DB`, else `memory.sqlite` in ``dataDirectory``.
    public static var defaultStorePath: String {
        if let path = ProcessInfo.processInfo.environment["MEMOGRAPH_DB"], !path.isEmpty { return path }
        return dataDirectory.appendingPathComponent("memory.sqlite").path
    }
}
