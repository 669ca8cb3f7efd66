import Foundation
import Memograph
import Testing

@Suite struct BadOntologyTests {
    let folder: OntologyTestFolder

    init() throws {
        folder = try OntologyTestFolder()
    }

    @Test func malformedXMLReportsLibxml2sMessageWithFileAndLine() throws {
        let file = try folder.write(
            "broken.owl",
            OntologyTestFolder.document(
                """
                    <owl:Class rdf:about="#Person">
                        <rdfs:label>person</rdfs:labl>
                    </owl:Class>
                """))
        let error = try #require(OntologyTestFolder.loadError(file))
        #expect(error.kind == .malformedXML)
        #expect(error.file == file)
        #expect(error.line == 12)
        #expect(error.message.contains("mismatch"))
        #expect(error.description.hasPrefix("\(file):12: error: malformed XML: "))
    }

    @Test func undeclaredNamespacePrefixIsMalformed() throws {
        let file = try folder.write(
            "prefix.owl",
            """
            <?xml version="1.0"?>
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
                <owl:Class rdf:about="http://example.org/A"/>
            </rdf:RDF>
            """)
        let error = try #require(OntologyTestFolder.loadError(file))
        #expect(error.kind == .malformedXML)
        #expect(error.line == 3)
    }

    @Test func emptyAndMissingFiles() throws {
        let empty = try folder.write("empty.owl", "")
        #expect(OntologyTestFolder.loadError(empty)?.kind == .malformedXML)
        let missing = (folder.path as NSString).appendingPathComponent("nope.owl")
        let error = try #require(OntologyTestFolder.loadError(missing))
        #expect(error.kind == .unreadableFile)
        #expect(error.file == missing)
    }

    @Test func undefinedClassInRange() throws {
        let file = try folder.writeOntology(
            "range.owl",
            """
                <owl:Class rdf:about="#Person"/>
                <owl:ObjectProperty rdf:about="#memberOf">
                    <rdfs:domain rdf:resource="#Person"/>
                    <rdfs:range rdf:resource="#Team"/>
                </owl:ObjectProperty>
            """)
        let error = try #require(OntologyTestFolder.loadError(file))
        #expect(error.kind == .undefinedClass)
        #expect(error.file == file)
        #expect(error.line == 14)
        #expect(error.line == (try OntologyTestFolder.line(of: "rdfs:range", in: file)))
        #expect(error.message.contains("'Team'"))
        #expect(error.message.contains("range of 'memberOf'"))
    }

    @Test func undefinedClassInADomainUnion() throws {
        let file = try folder.writeOntology(
            "union.owl",
            """
                <owl:Class rdf:about="#Person"/>
                <owl:ObjectProperty rdf:about="#uses">
                    <rdfs:domain>
                        <owl:Class>
                            <owl:unionOf rdf:parseType="Collection">
                                <rdf:Description rdf:about="#Person"/>
                                <rdf:Description rdf:about="#Robot"/>
                            </owl:unionOf>
                        </owl:Class>
                    </rdfs:domain>
                </owl:ObjectProperty>
            """)
        let error = try #require(OntologyTestFolder.loadError(file))
        #expect(error.kind == .undefinedClass)
        #expect(error.line == (try OntologyTestFolder.line(of: "<rdfs:domain>", in: file)))
        #expect(error.message.contains("'Robot'"))
    }

    @Test func subclassCycleIsNamedAndReportedWhereItCloses() throws {
        let file = try folder.writeOntology(
            "cycle.owl",
            """
                <owl:Class rdf:about="#A">
                    <rdfs:subClassOf rdf:resource="#B"/>
                </owl:Class>
                <owl:Class rdf:about="#B">
                    <rdfs:subClassOf rdf:resource="#C"/>
                </owl:Class>
                <owl:Class rdf:about="#C">
                    <rdfs:subClassOf rdf:resource="#A"/>
                </owl:Class>
                <owl:Class rdf:about="#D">
                    <rdfs:subClassOf rdf:resource="#A"/>
                </owl:Class>
            """)
        let result = OntologyLoader().check(path: file)
        #expect(result.ontology == nil)
        #expect(result.errors.count == 1)
        let error = try #require(result.errors.first)
        #expect(error.kind == .subclassCycle)
        #expect(error.line == 18)
        #expect(error.message.contains("C → A → B → C"))
    }

    @Test func selfSubclassIsACycle() throws {
        let file = try folder.writeOntology(
            "self.owl",
            """
                <owl:Class rdf:about="#A">
                    <rdfs:subClassOf rdf:resource="#A"/>
                </owl:Class>
            """)
        let error = try #require(OntologyTestFolder.loadError(file))
        #expect(error.kind == .subclassCycle)
        #expect(error.line == 12)
        #expect(error.message.contains("A → A"))
    }

    @Test func subpropertyCycle() throws {
        let file = try folder.writeOntology(
            "subproperty.owl",
            """
                <owl:ObjectProperty rdf:about="#p">
                    <rdfs:subPropertyOf rdf:resource="#q"/>
                </owl:ObjectProperty>
                <owl:ObjectProperty rdf:about="#q">
                    <rdfs:subPropertyOf rdf:resource="#p"/>
                </owl:ObjectProperty>
            """)
        let error = try #require(OntologyTestFolder.loadError(file))
        #expect(error.kind == .subpropertyCycle)
        #expect(error.line == 15)
        #expect(error.message.contains("q → p → q"))
    }

    @Test func unknownXSDDatatype() throws {
        let file = try folder.writeOntology(
            "datatype.owl",
            """
                <owl:Class rdf:about="#Service"/>
                <owl:DatatypeProperty rdf:about="#load">
                    <rdfs:domain rdf:resource="#Service"/>
                    <rdfs:range rdf:resource="http://www.w3.org/2001/XMLSchema#float"/>
                </owl:DatatypeProperty>
            """)
        let error = try #require(OntologyTestFolder.loadError(file))
        #expect(error.kind == .unknownDatatype)
        #expect(error.line == 14)
        #expect(error.message.contains("xsd:float"))
        #expect(error.message.contains("xsd:integer"))
    }

    @Test func objectPropertyWithADatatypeRange() throws {
        let file = try folder.writeOntology(
            "kind-range.owl",
            """
                <owl:ObjectProperty rdf:about="#port">
                    <rdfs:range rdf:resource="http://www.w3.org/2001/XMLSchema#integer"/>
                </owl:ObjectProperty>
            """)
        let error = try #require(OntologyTestFolder.loadError(file))
        #expect(error.kind == .conflictingPropertyKind)
        #expect(error.line == 12)
    }

    @Test func twoDifferentDomains() throws {
        let file = try folder.writeOntology(
            "domains.owl",
            """
                <owl:Class rdf:about="#Person"/>
                <owl:Class rdf:about="#Agent"/>
                <owl:ObjectProperty rdf:about="#memberOf">
                    <rdfs:domain rdf:resource="#Person"/>
                    <rdfs:domain rdf:resource="#Person"/>
                    <rdfs:domain rdf:resource="#Agent"/>
                </owl:ObjectProperty>
            """)
        let error = try #require(OntologyTestFolder.loadError(file))
        #expect(error.kind == .ambiguousPropertyDeclaration)
        #expect(error.line == 16)
        #expect(error.message.contains("more than one rdfs:domain"))
    }

    @Test func propertyBothObjectAndDatatype() throws {
        let file = try folder.writeOntology(
            "both.owl",
            """
                <owl:ObjectProperty rdf:about="#hasVersion"/>
                <owl:Class rdf:about="#Service"/>
                <owl:DatatypeProperty rdf:about="#hasVersion"/>
            """)
        let error = try #require(OntologyTestFolder.loadError(file))
        #expect(error.kind == .conflictingPropertyKind)
        #expect(error.line == 13)
        #expect(error.message.contains("both owl:ObjectProperty"))
    }

    @Test func characteristicWithoutKind() throws {
        let file = try folder.writeOntology(
            "kindless.owl",
            """
                <owl:FunctionalProperty rdf:about="#reportsTo"/>
            """)
        let error = try #require(OntologyTestFolder.loadError(file))
        #expect(error.kind == .undeclaredPropertyKind)
        #expect(error.line == 11)
    }

    @Test func functionalPropertyWithTwoValuesOnOneIndividual() throws {
        let file = try folder.writeOntology(
            "functional.owl",
            """
                <owl:Class rdf:about="#Person"/>
                <owl:ObjectProperty rdf:about="#reportsTo">
                    <rdf:type rdf:resource="http://www.w3.org/2002/07/owl#FunctionalProperty"/>
                </owl:ObjectProperty>
                <owl:NamedIndividual rdf:about="#ada">
                    <rdf:type rdf:resource="#Person"/>
                    <reportsTo rdf:resource="#grace"/>
                    <reportsTo rdf:resource="#grace"/>
                    <reportsTo rdf:resource="#linus"/>
                </owl:NamedIndividual>
                <Person rdf:about="#grace"/>
                <Person rdf:about="#linus"/>
            """)
        let error = try #require(OntologyTestFolder.loadError(file))
        #expect(error.kind == .functionalPropertyConflict)
        #expect(error.file == file)
        #expect(error.line == 19)
        #expect(error.message.contains("'reportsTo' has two values on 'ada': 'grace'"))
        #expect(error.message.contains("'linus'"))
    }

    @Test func functionalDatatypePropertyWithTwoLiterals() throws {
        let file = try folder.writeOntology(
            "port.owl",
            """
                <owl:Class rdf:about="#Service"/>
                <owl:DatatypeProperty rdf:about="#listensOnPort">
                    <rdf:type rdf:resource="http://www.w3.org/2002/07/owl#FunctionalProperty"/>
                    <rdfs:range rdf:resource="http://www.w3.org/2001/XMLSchema#integer"/>
                </owl:DatatypeProperty>
                <Service rdf:about="#api">
                    <listensOnPort rdf:datatype="http://www.w3.org/2001/XMLSchema#integer">8080</listensOnPort>
                    <listensOnPort rdf:datatype="http://www.w3.org/2001/XMLSchema#integer">9090</listensOnPort>
                </Service>
            """)
        let error = try #require(OntologyTestFolder.loadError(file))
        #expect(error.kind == .functionalPropertyConflict)
        #expect(error.line == 18)
    }

    @Test func inverseFunctionalConflictThroughAnInverse() throws {
        let file = try folder.writeOntology(
            "inverse.owl",
            """
                <owl:ObjectProperty rdf:about="#reportsTo">
                    <rdf:type rdf:resource="http://www.w3.org/2002/07/owl#FunctionalProperty"/>
                    <owl:inverseOf rdf:resource="#manages"/>
                </owl:ObjectProperty>
                <owl:ObjectProperty rdf:about="#manages"/>
                <owl:NamedIndividual rdf:about="#grace">
                    <manages rdf:resource="#ada"/>
                </owl:NamedIndividual>
                <owl:NamedIndividual rdf:about="#linus">
                    <manages rdf:resource="#ada"/>
                </owl:NamedIndividual>
            """)
        let error = try #require(OntologyTestFolder.loadError(file))
        #expect(error.kind == .functionalPropertyConflict)
        #expect(error.line == 20)
        #expect(error.message.contains("inverse-functional property 'manages'"))
    }

    @Test func invalidLiteralForItsDatatype() throws {
        let file = try folder.writeOntology(
            "literal.owl",
            """
                <owl:DatatypeProperty rdf:about="#listensOnPort">
                    <rdfs:range rdf:resource="http://www.w3.org/2001/XMLSchema#integer"/>
                </owl:DatatypeProperty>
                <owl:NamedIndividual rdf:about="#api">
                    <listensOnPort>eighty</listensOnPort>
                </owl:NamedIndividual>
            """)
        let error = try #require(OntologyTestFolder.loadError(file))
        #expect(error.kind == .invalidLiteral)
        #expect(error.line == 15)
    }

    @Test func individualOfDisjointClasses() throws {
        let file = try folder.writeOntology(
            "disjoint.owl",
            """
                <owl:Class rdf:about="#Person">
                    <owl:disjointWith rdf:resource="#Service"/>
                </owl:Class>
                <owl:Class rdf:about="#Service"/>
                <Person rdf:about="#ada">
                    <rdf:type rdf:resource="#Service"/>
                </Person>
            """)
        let error = try #require(OntologyTestFolder.loadError(file))
        #expect(error.kind == .disjointnessViolation)
        #expect(error.line == 16)
    }

    @Test func classUnderTwoDisjointClasses() throws {
        let file = try folder.writeOntology(
            "unsatisfiable.owl",
            """
                <owl:Class rdf:about="#Person"/>
                <owl:Class rdf:about="#Service"/>
                <rdf:Description>
                    <rdf:type rdf:resource="http://www.w3.org/2002/07/owl#AllDisjointClasses"/>
                    <owl:members rdf:parseType="Collection">
                        <rdf:Description rdf:about="#Person"/>
                        <rdf:Description rdf:about="#Service"/>
                    </owl:members>
                </rdf:Description>
                <owl:Class rdf:about="#Cyborg">
                    <rdfs:subClassOf rdf:resource="#Person"/>
                    <rdfs:subClassOf rdf:resource="#Service"/>
                </owl:Class>
            """)
        let error = try #require(OntologyTestFolder.loadError(file))
        #expect(error.kind == .disjointnessViolation)
        #expect(error.line == 20)
        #expect(error.message.contains("'Cyborg'"))
    }

    @Test func missingImport() throws {
        let file = try folder.writeOntology(
            "importer.owl",
            """
                <owl:Ontology rdf:about="http://example.org/importer">
                    <owl:imports rdf:resource="http://example.org/not-here"/>
                </owl:Ontology>
            """)
        let error = try #require(OntologyTestFolder.loadError(file))
        #expect(error.kind == .missingImport)
        #expect(error.file == file)
        #expect(error.line == 12)
        #expect(error.message.contains("never over the network"))
    }

    @Test func missingRelativeImport() throws {
        let file = try folder.write(
            "relative.owl",
            OntologyTestFolder.document(
                """
                    <owl:Ontology rdf:about="http://example.org/relative">
                        <owl:imports rdf:resource="absent.owl"/>
                    </owl:Ontology>
                """))
        let error = try #require(OntologyTestFolder.loadError(file))
        #expect(error.kind == .missingImport)
        #expect(error.line == 12)
    }

    @Test func importOutsideTheFolder() throws {
        let file = try folder.writeOntology(
            "escape.owl",
            """
                <owl:Ontology rdf:about="http://example.org/escape">
                    <owl:imports rdf:resource="../elsewhere.owl"/>
                </owl:Ontology>
            """)
        let error = try #require(OntologyTestFolder.loadError(file))
        #expect(error.kind == .importOutsideFolder)
        #expect(error.line == 12)
        let absolute = try folder.writeOntology(
            "absolute.owl",
            """
                <owl:Ontology rdf:about="http://example.org/absolute">
                    <owl:imports rdf:resource="file:///etc/passwd"/>
                </owl:Ontology>
            """)
        #expect(OntologyTestFolder.loadError(absolute)?.kind == .importOutsideFolder)
    }

    @Test func errorsInAnImportedFileNameThatFile() throws {
        let imported = try folder.write(
            "base.owl",
            OntologyTestFolder.document(
                """
                    <owl:Class rdf:about="#Person">
                        <rdfs:subClassOf rdf:resource="#Nobody"/>
                    </owl:Class>
                """, base: "http://example.org/base"))
        let file = try folder.writeOntology(
            "child.owl",
            """
                <owl:Ontology rdf:about="http://example.org/child">
                    <owl:imports rdf:resource="http://example.org/base"/>
                </owl:Ontology>
            """)
        let error = try #require(OntologyTestFolder.loadError(file))
        #expect(error.kind == .undefinedClass)
        #expect(error.file == imported)
        #expect(error.line == 12)
    }

    @Test func checkCollectsEveryError() throws {
        let file = try folder.writeOntology(
            "many.owl",
            """
                <owl:ObjectProperty rdf:about="#a">
                    <rdfs:range rdf:resource="#Missing"/>
                </owl:ObjectProperty>
                <owl:DatatypeProperty rdf:about="#b">
                    <rdfs:range rdf:resource="http://www.w3.org/2001/XMLSchema#double"/>
                </owl:DatatypeProperty>
            """)
        let result = OntologyLoader().check(path: file)
        #expect(result.ontology == nil)
        #expect(result.errors.map(\.kind) == [.undefinedClass, .unknownDatatype])
        #expect(result.errors.map(\.line) == [12, 15])
    }

    @Test func unsupportedConstructsAreWarningsNotSilence() throws {
        let file = try folder.writeOntology(
            "warnings.owl",
            """
                <owl:Class rdf:about="#Person">
                    <rdfs:subClassOf>
                        <owl:Restriction>
                            <owl:onProperty rdf:resource="#knows"/>
                            <owl:someValuesFrom rdf:resource="#Person"/>
                        </owl:Restriction>
                    </rdfs:subClassOf>
                </owl:Class>
                <owl:ObjectProperty rdf:about="#knows">
                    <rdf:type rdf:resource="http://www.w3.org/2002/07/owl#ReflexiveProperty"/>
                </owl:ObjectProperty>
            """)
        let result = OntologyLoader().check(path: file)
        #expect(result.errors.isEmpty)
        #expect(result.ontology != nil)
        #expect(result.warnings.map(\.line).contains(12))
        #expect(result.warnings.contains { $0.message.contains("owl:ReflexiveProperty") && $0.line == 20 })
        #expect(result.ontology?.resolveClass("Person")?.superclasses == [])
    }
}
