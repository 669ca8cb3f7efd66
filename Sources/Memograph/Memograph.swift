/// Memograph: long-term memory for LLM agents, kept as a temporally versioned
/// entity–relation graph in one SQLite file.
public enum MemographVersion {
    /// The library's semantic version.
    public static let string = "0.1.0"
}
