import Foundation
import Memograph
import Testing

@Suite struct OntologyCompatibilityTests {
    let folder: OntologyTestFolder
    let original: Ontology

    static let originalBody = """
            <owl:Class rdf:about="#Actor"/>
            <owl:Class rdf:about="#Person">
                <rdfs:subClassOf rdf:resource="#Actor"/>
            </owl:Class>
            <owl:Class rdf:about="#Team"/>
            <owl:ObjectProperty rdf:about="#memberOf">
                <rdfs:domain rdf:resource="#Person"/>
                <rdfs:range rdf:resource="#Team"/>
            </owl:ObjectProperty>
            <owl:ObjectProperty rdf:about="#reportsTo">
                <rdf:type rdf:resource="http://www.w3.org/2002/07/owl#FunctionalProperty"/>
            </owl:ObjectProperty>
        """

    init() throws {
        folder = try OntologyTestFolder()
        original = try OntologyLoader().load(path: try folder.writeOntology("v1.owl", Self.originalBody))
    }

    private func load(_ body: String) throws -> Ontology {
        try OntologyLoader().load(path: try folder.writeOntology("v2.owl", body))
    }

    @Test func additionsAndWideningAreCompatible() throws {
        let extended = try load(
            Self.originalBody.replacingOccurrences(
                of: ##"<rdfs:domain rdf:resource="#Person"/>"##,
                with: ##"<rdfs:domain rdf:resource="#Actor"/>"##)
                    + """
                        <owl:Class rdf:about="#Agent">
                            <rdfs:subClassOf rdf:resource="#Actor"/>
                        </owl:Class>
                        <owl:ObjectProperty rdf:about="#knows"/>
                    """)
        #expect(extended.incompatibilities(comparedTo: original) == [])
        #expect(extended.isCompatibleExtension(of: original))
        #expect(extended.fingerprint != original.fingerprint)
    }

    @Test func relabellingKeepsCompatibilityButChangesTheFingerprint() throws {
        let relabelled = try load(
            Self.originalBody.replacingOccurrences(
                of: ##"<owl:Class rdf:about="#Team"/>"##,
                with: ##"<owl:Class rdf:about="#Team"><skos:altLabel>squad</skos:altLabel></owl:Class>"##))
        #expect(relabelled.isCompatibleExtension(of: original))
        #expect(relabelled.fingerprint != original.fingerprint)
        let same = try load(Self.originalBody)
        #expect(same.fingerprint == original.fingerprint)
    }

    @Test func removalsAndChangedCharacteristicsAreReported() throws {
        let changed = try load(
            """
                <owl:Class rdf:about="#Person"/>
                <owl:Class rdf:about="#Team"/>
                <owl:Class rdf:about="#Actor"/>
                <owl:ObjectProperty rdf:about="#reportsTo">
                    <rdf:type rdf:resource="http://www.w3.org/2002/07/owl#SymmetricProperty"/>
                </owl:ObjectProperty>
            """)
        let found = changed.incompatibilities(comparedTo: original)
        #expect(
            found == [
                .superclassRemoved(
                    class: "http://example.org/test#Person", superclass: "http://example.org/test#Actor"),
                .propertyRemoved(iri: "http://example.org/test#memberOf"),
                .propertyChanged(
                    iri: "http://example.org/test#reportsTo", aspect: "functional flag", old: "true",
                    new: "false"),
                .propertyChanged(
                    iri: "http://example.org/test#reportsTo", aspect: "symmetric flag", old: "false",
                    new: "true"),
            ])
        #expect(found[2].description == "property 'reportsTo' changed its functional flag from true to false")
        #expect(!changed.isCompatibleExtension(of: original))
    }

    @Test func narrowedRangeAndRemovedClassAreReported() throws {
        let narrowed = try load(
            Self.originalBody.replacingOccurrences(of: "#Team", with: "#Squad"))
        #expect(
            narrowed.incompatibilities(comparedTo: original).map(\.description) == [
                "class 'Team' was removed", "property 'memberOf' changed its range from Team to Squad",
            ])
    }
}
