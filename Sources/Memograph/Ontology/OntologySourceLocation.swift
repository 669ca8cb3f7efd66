/// A place in an ontology file (path as given to the loader, 1-based line), for diagnostics.
public struct OntologySourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The file's path, as given to the loader or derived from an importing file's folder.
    public let file: String
    /// The 1-based line number; 0 when the problem concerns the file as a whole.
    public let line: Int

    /// Creates a location.
    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.file, lhs.line) < (rhs.file, rhs.line)
    }
}
