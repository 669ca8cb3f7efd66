/// Everything found while reading an ontology: the ontology when it is valid, and every
/// error and warning with its file and line, sorted by place.
public struct OntologyCheckResult: Sendable {
    /// The ontology, when there were no errors.
    public let ontology: Ontology?
    /// Every error found.
    public let errors: [OntologyError]
    /// Constructs read but not used by Memograph.
    public let warnings: [OntologyWarning]
}
