/// The IRIs of the RDF, RDFS, OWL, XSD, SKOS and Memograph terms the ontology reader understands.
public enum OntologyVocabulary {
    /// The RDF namespace.
    public static let rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    /// The RDF Schema namespace.
    public static let rdfs = "http://www.w3.org/2000/01/rdf-schema#"
    /// The OWL namespace.
    public static let owl = "http://www.w3.org/2002/07/owl#"
    /// The XML Schema datatypes namespace.
    public static let xsd = "http://www.w3.org/2001/XMLSchema#"
    /// The SKOS namespace (for skos:altLabel synonyms).
    public static let skos = "http://www.w3.org/2004/02/skos/core#"
    /// The XML namespace (xml:base, xml:lang).
    public static let xml = "http://www.w3.org/XML/1998/namespace"
    /// Memograph's own annotation properties, for what OWL has no word for.
    public static let memograph = "https://memograph.dev/ontology/annotations#"

    /// `mg:extractionPhrase`: a phrasing the offline extractor may read as this relation
    /// ("is on", "moved to port").
    public static let extractionPhrase = memograph + "extractionPhrase"
    /// `mg:retrievalWeight`: a relation's weight (xsd:decimal, 1 by default) when retrieval
    /// spreads score along the graph.
    public static let retrievalWeight = memograph + "retrievalWeight"

    static let rdfType = rdf + "type"
    static let rdfFirst = rdf + "first"
    static let rdfRest = rdf + "rest"
    static let rdfNil = rdf + "nil"
    static let rdfDescription = rdf + "Description"

    static let rdfsClass = rdfs + "Class"
    static let rdfsSubClassOf = rdfs + "subClassOf"
    static let rdfsSubPropertyOf = rdfs + "subPropertyOf"
    static let rdfsDomain = rdfs + "domain"
    static let rdfsRange = rdfs + "range"
    static let rdfsLabel = rdfs + "label"
    static let rdfsComment = rdfs + "comment"

    static let owlOntology = owl + "Ontology"
    static let owlImports = owl + "imports"
    static let owlClass = owl + "Class"
    static let owlThing = owl + "Thing"
    static let owlNamedIndividual = owl + "NamedIndividual"
    static let owlObjectProperty = owl + "ObjectProperty"
    static let owlDatatypeProperty = owl + "DatatypeProperty"
    static let owlAnnotationProperty = owl + "AnnotationProperty"
    static let owlFunctionalProperty = owl + "FunctionalProperty"
    static let owlInverseFunctionalProperty = owl + "InverseFunctionalProperty"
    static let owlSymmetricProperty = owl + "SymmetricProperty"
    static let owlTransitiveProperty = owl + "TransitiveProperty"
    static let owlInverseOf = owl + "inverseOf"
    static let owlUnionOf = owl + "unionOf"
    static let owlDisjointWith = owl + "disjointWith"
    static let owlAllDisjointClasses = owl + "AllDisjointClasses"
    static let owlMembers = owl + "members"

    static let skosAltLabel = skos + "altLabel"

    /// Namespaces whose terms are vocabulary, never user classes or properties.
    static let builtInNamespaces = [rdf, rdfs, owl, xsd, skos, xml, memograph]

    static func isBuiltIn(_ iri: String) -> Bool {
        builtInNamespaces.contains { iri.hasPrefix($0) }
    }
}
