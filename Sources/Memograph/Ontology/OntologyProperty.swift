/// A relation (owl:ObjectProperty) or attribute (owl:DatatypeProperty) with the
/// characteristics the store obeys: functional properties supersede, symmetric and inverse
/// ones answer in both directions, transitive ones chain.
public struct OntologyProperty: Hashable, Sendable, Codable {
    /// Whether the property links two entities or an entity to a literal.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// owl:ObjectProperty: the object is an entity.
        case object
        /// owl:DatatypeProperty: the object is a literal.
        case datatype
    }

    /// The property's full IRI.
    public let iri: String
    /// The IRI's local name, e.g. `memberOf`.
    public let name: String
    /// Object or datatype property.
    public let kind: Kind
    /// rdfs:label values.
    public let labels: [String]
    /// skos:altLabel synonyms, used when resolving relation names ("belongs to" → memberOf).
    public let altLabels: [String]
    /// The rdfs:comment, if any.
    public let comment: String?
    /// Class IRIs the subject must belong to (one of); empty allows any subject.
    public let domain: [String]
    /// What the object must be.
    public let range: OntologyRange
    /// owl:FunctionalProperty: at most one value per subject at a time, so a new value
    /// supersedes the old. Also true when the inverse is inverse-functional.
    public let isFunctional: Bool
    /// owl:InverseFunctionalProperty: at most one subject per value. Also true when the
    /// inverse is functional.
    public let isInverseFunctional: Bool
    /// owl:SymmetricProperty: `a p b` implies `b p a`.
    public let isSymmetric: Bool
    /// owl:TransitiveProperty: `a p b` and `b p c` imply `a p c`.
    public let isTransitive: Bool
    /// The IRI of the inverse property (owl:inverseOf, declared on either side), if any.
    public let inverse: String?
    /// The IRIs of its direct superproperties (rdfs:subPropertyOf), sorted.
    public let superProperties: [String]
    /// `mg:extractionPhrase`: phrasings the offline extractor may read as this property.
    public let extractionPhrases: [String]
    /// `mg:retrievalWeight`: the property's weight when retrieval expands along the graph
    /// (1 when not given).
    public let retrievalWeight: Double

    /// Creates a property description.
    public init(
        iri: String, kind: Kind, labels: [String] = [], altLabels: [String] = [], comment: String? = nil,
        domain: [String] = [], range: OntologyRange, isFunctional: Bool = false,
        isInverseFunctional: Bool = false, isSymmetric: Bool = false, isTransitive: Bool = false,
        inverse: String? = nil, superProperties: [String] = [], extractionPhrases: [String] = [],
        retrievalWeight: Double = 1
    ) {
        self.iri = iri
        self.name = OntologyName.localName(of: iri)
        self.kind = kind
        self.labels = labels
        self.altLabels = altLabels
        self.comment = comment
        self.domain = domain.sorted()
        self.range = range
        self.isFunctional = isFunctional
        self.isInverseFunctional = isInverseFunctional
        self.isSymmetric = isSymmetric
        self.isTransitive = isTransitive
        self.inverse = inverse
        self.superProperties = superProperties.sorted()
        self.extractionPhrases = extractionPhrases
        self.retrievalWeight = retrievalWeight
    }

    /// The characteristics that are set, in OWL's words (`functional`, `symmetric`, …).
    public var characteristics: [String] {
        [
            isFunctional ? "functional" : nil, isInverseFunctional ? "inverse-functional" : nil,
            isSymmetric ? "symmetric" : nil, isTransitive ? "transitive" : nil,
        ].compactMap { $0 }
    }
}
