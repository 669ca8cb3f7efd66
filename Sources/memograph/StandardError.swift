import Foundation

/// Writes diagnostics to the process's standard error, one line at a time.
enum StandardError {
    /// Writes `line` and a newline to stderr.
    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
