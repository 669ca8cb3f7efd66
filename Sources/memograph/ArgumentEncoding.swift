import Foundation

/// Checks the raw bytes of the command line, which Swift's `CommandLine.arguments` would repair.
enum ArgumentEncoding {
    /// The position (1-based, after the program name) of the first argument that is not UTF-8.
    static func firstInvalidArgument() -> Int? {
        for index in 1..<Int(CommandLine.argc) {
            guard let pointer = CommandLine.unsafeArgv[index] else { continue }
            if String(validatingCString: pointer) == nil { return index }
        }
        return nil
    }
}
