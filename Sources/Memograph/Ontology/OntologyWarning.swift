/// Something in an ontology file that Memograph reads but does not use (an OWL construct
/// outside its subset, an undeclared annotation), reported instead of silently dropped.
public struct OntologyWarning: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The file the construct is in.
    public let file: String
    /// The 1-based line of the construct.
    public let line: Int
    /// What was ignored and why.
    public let message: String

    /// Creates a warning.
    public init(at location: OntologySourceLocation, _ message: String) {
        self.file = location.file
        self.line = location.line
        self.message = message
    }

    public var description: String { "\(file):\(line): warning: \(message)" }
}
