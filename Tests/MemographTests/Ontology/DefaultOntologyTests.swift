import Foundation
import Memograph
import Testing

@Suite struct DefaultOntologyTests {
    let ontology: Ontology

    init() throws {
        ontology = try OntologyLoader.loadDefault()
    }

    @Test func isFoundInThePackageResourceBundle() throws {
        let path = try #require(OntologyLoader.defaultOntologyPath())
        #expect(path.contains("/Memograph_MemographOntologies."))
        #expect(path.hasSuffix(".resources/memograph.owl"))
        #expect(ontology.iri == "https://memograph.dev/ontology/memograph")
        #expect(ontology.warnings.isEmpty)
    }

    @Test func hasTheAgentMemoryClasses() throws {
        let names = Set(ontology.classes.map(\.name))
        for expected in [
            "Person", "User", "Agent", "Team", "Organisation", "Project", "Repository", "Service", "Device",
            "Technology", "Document", "Preference", "Event", "Location", "Actor",
        ] {
            #expect(names.contains(expected), "missing class \(expected)")
        }
        let person = try #require(
            ontology.ontologyClass(iri: "https://memograph.dev/ontology/memograph#Person"))
        #expect(person.labels == ["person"])
        #expect(person.altLabels.contains("people"))
        #expect(person.comment == "A human being.")
    }

    @Test func reportsToIsFunctionalAndInverseOfManages() throws {
        let reportsTo = try #require(ontology.resolveProperty("reportsTo"))
        #expect(reportsTo.isFunctional)
        #expect(!reportsTo.isSymmetric)
        #expect(reportsTo.inverse == "https://memograph.dev/ontology/memograph#manages")
        let manages = try #require(ontology.inverse(of: "reports to"))
        #expect(manages.name == "manages")
        #expect(manages.isInverseFunctional)
        #expect(!manages.isFunctional)
        #expect(ontology.inverse(of: "manages")?.name == "reportsTo")
    }

    @Test func characteristicsOfKeyProperties() throws {
        let knows = try #require(ontology.resolveProperty("knows"))
        #expect(knows.isSymmetric && !knows.isFunctional)
        #expect(knows.retrievalWeight == 0.5)
        #expect(try #require(ontology.resolveProperty("partOf")).isTransitive)
        #expect(try #require(ontology.resolveProperty("dependsOn")).isTransitive)
        let port = try #require(ontology.resolveProperty("listensOnPort"))
        #expect(port.kind == .datatype)
        #expect(port.range == .literal(.integer))
        #expect(port.isFunctional)
        #expect(port.extractionPhrases.contains("moved to port"))
        let version = try #require(ontology.resolveProperty("hasVersion"))
        #expect(version.isFunctional && version.range.datatype == .string)
        let uses = try #require(ontology.resolveProperty("uses"))
        #expect(!uses.isFunctional && uses.kind == .object)
        #expect(
            ontology.functionalProperties.map(\.name) == [
                "hasRole", "hasVersion", "isDeprecated", "listensOnPort", "occurredOn", "reportsTo",
            ])
    }

    @Test(arguments: [
        "memberOf", "member_of", "member-of", "member of", "is member of", "Is Member Of", "MEMBER_OF",
        "isMemberOf", "belongs to", "is a member of", "https://memograph.dev/ontology/memograph#memberOf",
    ])
    func relationSynonymsResolveToMemberOf(_ name: String) throws {
        #expect(ontology.resolveProperty(name)?.name == "memberOf")
    }

    @Test func otherRelationNamesResolve() {
        #expect(ontology.resolveProperty("managed by")?.name == "reportsTo")
        #expect(ontology.resolveProperty("is friends with")?.name == "knows")
        #expect(ontology.resolveProperty("port")?.name == "listensOnPort")
        #expect(ontology.resolveProperty("listens on port")?.name == "listensOnPort")
        #expect(ontology.resolveProperty("has_version")?.name == "hasVersion")
        #expect(ontology.resolveProperty("is part of")?.name == "partOf")
        #expect(ontology.resolveProperty("likes")?.name == "prefers")
        #expect(ontology.resolveProperty("teleports to") == nil)
    }

    @Test(arguments: ["Person", "person", "PERSON", "people", "persons", "the person", "human"])
    func classNamesResolveToPerson(_ name: String) {
        #expect(ontology.resolveClass(name)?.name == "Person")
    }

    @Test func otherClassNamesResolve() {
        #expect(ontology.resolveClass("repo")?.name == "Repository")
        #expect(ontology.resolveClass("repositories")?.name == "Repository")
        #expect(ontology.resolveClass("organization")?.name == "Organisation")
        #expect(ontology.resolveClass("micro-service")?.name == "Service")
        #expect(ontology.resolveClass("AI agent")?.name == "Agent")
        #expect(ontology.resolveClass("unicorn") == nil)
    }

    @Test func subclassReasoning() {
        #expect(ontology.isSubclass("User", of: "Person"))
        #expect(ontology.isSubclass("User", of: "Actor"))
        #expect(ontology.isSubclass("user", of: "people"))
        #expect(ontology.isSubclass("Person", of: "Person"))
        #expect(!ontology.isSubclass("Person", of: "User"))
        #expect(!ontology.isSubclass("Agent", of: "Person"))
        #expect(ontology.isSubclass("Service", of: "Software"))
        #expect(ontology.isSubclass("Team", of: "http://www.w3.org/2002/07/owl#Thing"))
        #expect(!ontology.isSubclass("Unicorn", of: "Person"))
        #expect(ontology.superclasses(of: "User").map(\.name) == ["Person", "Actor"])
        #expect(ontology.subclasses(of: "Actor").map(\.name) == ["Agent", "Person", "User"])
    }

    @Test func disjointness() {
        #expect(ontology.areDisjoint("Person", "Service"))
        #expect(ontology.areDisjoint("User", "Repository"))
        #expect(ontology.areDisjoint("Person", "Agent"))
        #expect(ontology.areDisjoint("Team", "Organisation"))
        #expect(!ontology.areDisjoint("Person", "User"))
        #expect(!ontology.areDisjoint("Repository", "Technology"))
        #expect(!ontology.areDisjoint("Project", "Repository"))
    }

    @Test func domainAndRangeWithSubclassReasoning() {
        #expect(ontology.allowsSubject(ofType: "User", for: "memberOf"))
        #expect(ontology.allowsSubject(ofType: "Agent", for: "is member of"))
        #expect(!ontology.allowsSubject(ofType: "Service", for: "memberOf"))
        #expect(ontology.allowsObject(ofType: "Team", for: "memberOf"))
        #expect(ontology.allowsObject(ofType: "Project", for: "memberOf"))
        #expect(!ontology.allowsObject(ofType: "Repository", for: "memberOf"))
        #expect(ontology.allowsSubject(ofType: "Service", for: "uses"))
        #expect(ontology.allowsSubject(ofType: "Service", for: "listensOnPort"))
        #expect(!ontology.allowsSubject(ofType: "Person", for: "listensOnPort"))
        #expect(!ontology.allowsObject(ofType: "Team", for: "listensOnPort"))
    }

    @Test func subproperties() {
        #expect(ontology.isSubProperty("leads", of: "memberOf"))
        #expect(!ontology.isSubProperty("memberOf", of: "leads"))
        #expect(ontology.subProperties(of: "memberOf").map(\.name) == ["leads"])
        #expect(ontology.superProperties(of: "leads").map(\.name) == ["memberOf"])
    }

    @Test func fingerprintIsStableAndSurvivesCoding() throws {
        let again = try OntologyLoader.loadDefault()
        #expect(again.fingerprint == ontology.fingerprint)
        #expect(ontology.fingerprint.count == 16)
        #expect(ontology.fingerprint.allSatisfy { $0.isHexDigit })
        let decoded = try JSONDecoder().decode(Ontology.self, from: try JSONEncoder().encode(ontology))
        #expect(decoded == ontology)
        #expect(decoded.fingerprint == ontology.fingerprint)
        #expect(decoded.resolveProperty("belongs to")?.name == "memberOf")
        #expect(decoded.isCompatibleExtension(of: ontology))
    }
}
