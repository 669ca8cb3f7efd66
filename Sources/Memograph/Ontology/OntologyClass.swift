/// A class (entity type) declared with owl:Class, e.g. `Person` or `Service`.
public struct OntologyClass: Hashable, Sendable, Codable {
    /// The class's full IRI.
    public let iri: String
    /// The IRI's local name (after `#` or the last `/`), e.g. `Person`.
    public let name: String
    /// rdfs:label values.
    public let labels: [String]
    /// skos:altLabel synonyms, used when resolving names ("people" → Person).
    public let altLabels: [String]
    /// The rdfs:comment, if any.
    public let comment: String?
    /// The IRIs of its direct superclasses (rdfs:subClassOf), sorted.
    public let superclasses: [String]
    /// The IRIs of the classes it is declared disjoint with (either direction), sorted.
    public let disjointClasses: [String]

    /// Creates a class description.
    public init(
        iri: String, labels: [String] = [], altLabels: [String] = [], comment: String? = nil,
        superclasses: [String] = [], disjointClasses: [String] = []
    ) {
        self.iri = iri
        self.name = OntologyName.localName(of: iri)
        self.labels = labels
        self.altLabels = altLabels
        self.comment = comment
        self.superclasses = superclasses.sorted()
        self.disjointClasses = disjointClasses.sorted()
    }
}
