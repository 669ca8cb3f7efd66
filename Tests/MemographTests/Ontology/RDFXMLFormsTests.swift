import Foundation
import Memograph
import Testing

/// The RDF/XML spellings editors write for the same ontology all read the same way.
@Suite struct RDFXMLFormsTests {
    let folder: OntologyTestFolder

    init() throws {
        folder = try OntologyTestFolder()
    }

    @Test func typedNodeAndRdfTypeFormsAreEquivalent() throws {
        let typedNode = try OntologyLoader().load(
            path: try folder.writeOntology(
                "typed-node.owl",
                """
                    <owl:Class rdf:about="#Person"/>
                    <owl:FunctionalProperty rdf:about="#reportsTo">
                        <rdf:type rdf:resource="http://www.w3.org/2002/07/owl#ObjectProperty"/>
                        <rdfs:range rdf:resource="#Person"/>
                    </owl:FunctionalProperty>
                """))
        let rdfType = try OntologyLoader().load(
            path: try folder.writeOntology(
                "rdf-type.owl",
                """
                    <rdf:Description rdf:about="#Person">
                        <rdf:type rdf:resource="http://www.w3.org/2002/07/owl#Class"/>
                    </rdf:Description>
                    <owl:ObjectProperty rdf:about="#reportsTo"
                        rdf:type="http://www.w3.org/2002/07/owl#FunctionalProperty">
                        <rdfs:range rdf:resource="#Person"/>
                    </owl:ObjectProperty>
                """))
        let property = try #require(typedNode.resolveProperty("reportsTo"))
        #expect(property.iri == "http://example.org/test#reportsTo")
        #expect(property.kind == .object && property.isFunctional)
        #expect(property.range == .entity(classes: ["http://example.org/test#Person"]))
        #expect(rdfType.fingerprint == typedNode.fingerprint)
    }

    @Test func rdfIDResolvesAgainstNestedXMLBase() throws {
        let file = try folder.write(
            "ids.owl",
            """
            <?xml version="1.0"?>
            <rdf:RDF xmlns:owl="http://www.w3.org/2002/07/owl#"
                 xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                 xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"
                 xml:base="http://example.org/outer">
                <owl:Class rdf:ID="Animal"/>
                <owl:Class rdf:ID="Dog" xml:base="http://example.org/inner">
                    <rdfs:subClassOf rdf:resource="http://example.org/outer#Animal"/>
                </owl:Class>
                <owl:Class rdf:about="relative/Cat">
                    <rdfs:subClassOf rdf:resource="#Animal"/>
                </owl:Class>
            </rdf:RDF>
            """)
        let ontology = try OntologyLoader().load(path: file)
        #expect(
            ontology.classes.map(\.iri) == [
                "http://example.org/inner#Dog", "http://example.org/outer#Animal",
                "http://example.org/relative/Cat",
            ])
        #expect(ontology.isSubclass("Dog", of: "Animal"))
        #expect(ontology.isSubclass("Cat", of: "Animal"))
    }

    @Test func entityReferencesInAttributesAreExpanded() throws {
        let file = try folder.write(
            "entities.owl",
            """
            <?xml version="1.0"?>
            <!DOCTYPE rdf:RDF [
                <!ENTITY owl "http://www.w3.org/2002/07/owl#" >
                <!ENTITY ex "http://example.org/entities#" >
            ]>
            <rdf:RDF xmlns:owl="http://www.w3.org/2002/07/owl#"
                 xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                 xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
                <owl:Class rdf:about="&ex;Team"/>
                <owl:ObjectProperty rdf:about="&ex;knows">
                    <rdf:type rdf:resource="&owl;SymmetricProperty"/>
                    <rdfs:range rdf:resource="&owl;Thing"/>
                </owl:ObjectProperty>
            </rdf:RDF>
            """)
        let ontology = try OntologyLoader().load(path: file)
        #expect(ontology.ontologyClass(iri: "http://example.org/entities#Team") != nil)
        let knows = try #require(ontology.property(iri: "http://example.org/entities#knows"))
        #expect(knows.isSymmetric)
        #expect(knows.range == .entity(classes: []))
    }

    @Test func externalEntitiesAreNotLoaded() throws {
        let secret = try folder.write("secret.txt", "top secret")
        let file = try folder.write(
            "xxe.owl",
            """
            <?xml version="1.0"?>
            <!DOCTYPE rdf:RDF [ <!ENTITY leak SYSTEM "file://\(secret)"> ]>
            <rdf:RDF xmlns:owl="http://www.w3.org/2002/07/owl#"
                 xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                 xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
                <owl:Class rdf:about="http://example.org/A">
                    <rdfs:comment>&leak;</rdfs:comment>
                </owl:Class>
            </rdf:RDF>
            """)
        let comment = try OntologyLoader().load(path: file).classes.first?.comment
        #expect(comment?.contains("top secret") != true)
    }

    @Test func labelsCommentsAnnotationsAndParseTypeResource() throws {
        let ontology = try OntologyLoader().load(
            path: try folder.writeOntology(
                "annotations.owl",
                """
                    <owl:Class rdf:about="#Service">
                        <rdfs:label xml:lang="en">service</rdfs:label>
                        <skos:altLabel>microservice</skos:altLabel>
                        <rdfs:comment>  A running program.  </rdfs:comment>
                    </owl:Class>
                    <owl:DatatypeProperty rdf:about="#listensOnPort">
                        <rdfs:domain rdf:resource="#Service"/>
                        <rdfs:range rdf:resource="http://www.w3.org/2001/XMLSchema#integer"/>
                        <mg:extractionPhrase>moved to port</mg:extractionPhrase>
                        <mg:extractionPhrase>listens on</mg:extractionPhrase>
                        <mg:retrievalWeight rdf:datatype="http://www.w3.org/2001/XMLSchema#decimal">0.25</mg:retrievalWeight>
                    </owl:DatatypeProperty>
                    <Service rdf:about="#api" rdfs:label="the API">
                        <listensOnPort rdf:parseType="Literal">8080</listensOnPort>
                    </Service>
                    <owl:ObjectProperty rdf:about="#uses">
                        <rdfs:comment rdf:parseType="Resource">
                            <rdfs:label>a blank node, ignored as a comment</rdfs:label>
                        </rdfs:comment>
                    </owl:ObjectProperty>
                """))
        let service = try #require(ontology.resolveClass("micro service"))
        #expect(service.labels == ["service"])
        #expect(service.comment == "A running program.")
        let port = try #require(ontology.resolveProperty("listensOnPort"))
        #expect(port.extractionPhrases == ["moved to port", "listens on"])
        #expect(port.retrievalWeight == 0.25)
        #expect(port.domain == ["http://example.org/test#Service"])
        let api = try #require(ontology.individuals.first)
        #expect(api.name == "api")
        #expect(api.types == ["http://example.org/test#Service"])
        #expect(api.labels == ["the API"])
        #expect(api.assertions.map(\.property) == ["http://example.org/test#listensOnPort"])
        #expect(api.assertions.map(\.value) == ["8080"])
        #expect(api.assertions.map(\.isLiteral) == [true])
        #expect(ontology.resolveProperty("uses")?.comment == nil)
    }

    @Test func datatypePropertyWithoutRangeIsAString() throws {
        let ontology = try OntologyLoader().load(
            path: try folder.writeOntology(
                "string.owl", ##"    <owl:DatatypeProperty rdf:about="#nickname"/>"##))
        #expect(ontology.resolveProperty("nickname")?.range == .literal(.string))
        #expect(ontology.resolveProperty("nickname")?.retrievalWeight == 1)
    }
}
