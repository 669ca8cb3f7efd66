import Foundation

/// Where Memograph keeps its files (the default store, the embedding model) when the caller
/// does not say; every entry point resolves paths here.
public enum DataDirectory {
    /// `$MEMOGRAPH_HOME`, else `$XDG_DATA_HOME/memograph`, else `~/.local/share/memograph`
    /// (`~/Library/Application Support/memograph` on macOS).
    public static func url(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let home = environment["MEMOGRAPH_HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home, isDirectory: true)
        }
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("memograph")
        }
        let home =
            environment["HOME"].map { URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        #if os(macOS)
            return home.appendingPathComponent("Library/Application Support/memograph")
        #else
            return home.appendingPathComponent(".local/share/memograph")
        #endif
    }

    /// The default store file: `$MEMOGRAPH_DB`, else `memory.sqlite` in ``url(environment:)``.
    public static func defaultStorePath(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> String {
        if let path = environment["MEMOGRAPH_DB"], !path.isEmpty { return path }
        return url(environment: environment).appendingPathComponent("memory.sqlite").path
    }
}
