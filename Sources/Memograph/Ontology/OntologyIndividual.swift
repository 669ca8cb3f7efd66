/// A named individual written in an ontology file, with its types and property assertions.
///
/// Memograph reads individuals to validate them (a functional property with two values on
/// one individual is an error); they can also seed a store with well-known entities.
public struct OntologyIndividual: Hashable, Sendable, Codable {
    /// One property assertion on the individual.
    public struct Assertion: Hashable, Sendable, Codable {
        /// The property's IRI.
        public let property: String
        /// The value: an individual's IRI for object properties, the lexical form for datatype ones.
        public let value: String
        /// Whether `value` is a literal rather than an IRI.
        public let isLiteral: Bool
    }

    /// The individual's IRI.
    public let iri: String
    /// The IRI's local name.
    public let name: String
    /// The IRIs of the classes it is typed with, sorted.
    public let types: [String]
    /// rdfs:label values.
    public let labels: [String]
    /// Property assertions in file order.
    public let assertions: [Assertion]

    init(iri: String, types: [String], labels: [String], assertions: [Assertion]) {
        self.iri = iri
        self.name = OntologyName.localName(of: iri)
        self.types = types.sorted()
        self.labels = labels
        self.assertions = assertions
    }
}
