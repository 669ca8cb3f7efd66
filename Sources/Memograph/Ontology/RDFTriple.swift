/// A node in an RDF graph read from an ontology file: an IRI, a blank node or a literal.
enum RDFTerm: Hashable, Sendable {
    case iri(String)
    case blank(String)
    case literal(lexical: String, datatype: String?)

    var iriValue: String? {
        if case .iri(let value) = self { return value }
        return nil
    }

    var literalValue: String? {
        if case .literal(let lexical, _) = self { return lexical }
        return nil
    }

    /// The term as Turtle-like text, for messages.
    var displayText: String {
        switch self {
        case .iri(let value): return value
        case .blank(let id): return id
        case .literal(let lexical, _): return "\"\(lexical)\""
        }
    }
}

/// One statement read from an RDF/XML file, with where it was written.
struct RDFTriple: Hashable, Sendable {
    let subject: RDFTerm
    let predicate: String
    let object: RDFTerm
    /// The object reference exactly as written (before xml:base resolution), when it was an attribute.
    let writtenReference: String?
    let location: OntologySourceLocation
}
