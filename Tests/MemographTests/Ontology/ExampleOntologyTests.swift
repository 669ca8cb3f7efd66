import Foundation
import Memograph
import Testing

@Suite struct ExampleOntologyTests {
    let ontology: Ontology
    let base: Ontology

    init() throws {
        let defaultPath = try #require(OntologyLoader.defaultOntologyPath())
        let folder = (defaultPath as NSString).deletingLastPathComponent
        ontology = try OntologyLoader().load(
            path: (folder as NSString).appendingPathComponent("home-devices.owl"))
        base = try OntologyLoader().load(path: defaultPath)
    }

    @Test func importsTheDefaultOntologyByItsIRI() {
        #expect(ontology.iri == "https://memograph.dev/ontology/home-devices")
        #expect(ontology.imports == ["https://memograph.dev/ontology/memograph"])
        #expect(ontology.files.count == 2)
        #expect(ontology.files[1].hasSuffix("/memograph.owl"))
        #expect(ontology.classes.count == base.classes.count + 7)
        #expect(ontology.warnings.isEmpty)
    }

    @Test func readsTheRdfIDForm() throws {
        let room = try #require(
            ontology.ontologyClass(iri: "https://memograph.dev/ontology/home-devices#Room"))
        #expect(room.superclasses == ["https://memograph.dev/ontology/memograph#Location"])
        #expect(room.disjointClasses == ["https://memograph.dev/ontology/home-devices#Home"])
    }

    @Test func extendsTheDefaultHierarchy() {
        #expect(ontology.isSubclass("Thermostat", of: "Device"))
        #expect(ontology.isSubclass("lamp", of: "SmartDevice"))
        #expect(ontology.areDisjoint("Thermostat", "Light"))
        #expect(ontology.areDisjoint("Thermostat", "Person"))
        #expect(!ontology.areDisjoint("Hub", "SmartDevice"))
        #expect(ontology.isSubProperty("installedIn", of: "locatedIn"))
        #expect(ontology.isSubProperty("firmware", of: "has version"))
    }

    @Test func propertyCharacteristics() throws {
        let installedIn = try #require(ontology.resolveProperty("is installed in"))
        #expect(installedIn.isFunctional && !installedIn.isTransitive)
        #expect(installedIn.retrievalWeight == 0.9)
        #expect(try #require(ontology.resolveProperty("paired with")).isSymmetric)
        #expect(ontology.inverse(of: "controls")?.name == "controlledBy")
        #expect(ontology.resolveProperty("setpoint")?.range == .literal(.decimal))
        #expect(ontology.resolveProperty("is online")?.range == .literal(.boolean))
        #expect(
            ontology.resolveProperty("controls")?.domain == [
                "https://memograph.dev/ontology/home-devices#Hub",
                "https://memograph.dev/ontology/home-devices#SmartSpeaker",
                "https://memograph.dev/ontology/memograph#Agent",
            ])
        #expect(ontology.allowsSubject(ofType: "Agent", for: "controls"))
        #expect(!ontology.allowsSubject(ofType: "Light", for: "controls"))
        #expect(!ontology.allowsSubject(ofType: "Person", for: "installedIn"))
    }

    @Test func isACompatibleExtensionButNotTheOtherWayRound() {
        #expect(ontology.isCompatibleExtension(of: base))
        #expect(ontology.fingerprint != base.fingerprint)
        let removed = base.incompatibilities(comparedTo: ontology)
        #expect(removed.count == 15)
        #expect(removed.contains(.classRemoved(iri: "https://memograph.dev/ontology/home-devices#Room")))
        #expect(
            removed.contains(.propertyRemoved(iri: "https://memograph.dev/ontology/home-devices#installedIn"))
        )
    }
}
