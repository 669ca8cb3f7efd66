import Foundation
import Memograph
import Testing

@Suite struct OntologyStoreTests {
    static let memory = try! OntologyLoader.loadDefault()

    /// A store that obeys `ontology` and no built-in relation rules.
    func store(_ ontology: Ontology = memory, validation: Validation = .strict) throws -> StoreFixture {
        try StoreFixture(ontology: ontology, validation: validation)
    }

    /// A made-up vocabulary, so that no code anywhere can know its relation names.
    func gardenOntology() throws -> Ontology {
        let folder = try OntologyTestFolder()
        let file = try folder.writeOntology(
            "garden.owl",
            """
            <owl:Class rdf:about="#Plant"/>
            <owl:Class rdf:about="#Bed"/>
            <owl:ObjectProperty rdf:about="#growsIn">
                <rdf:type rdf:resource="http://www.w3.org/2002/07/owl#FunctionalProperty"/>
                <rdfs:domain rdf:resource="#Plant"/>
                <rdfs:range rdf:resource="#Bed"/>
                <skos:altLabel>is planted in</skos:altLabel>
            </owl:ObjectProperty>
            <owl:ObjectProperty rdf:about="#companionOf">
                <rdfs:domain rdf:resource="#Plant"/>
                <rdfs:range rdf:resource="#Plant"/>
            </owl:ObjectProperty>
            """)
        return try OntologyLoader().load(path: file)
    }

    @Test func functionalPropertyAloneDrivesSupersession() throws {
        let fixture = try store(try gardenOntology())
        let graph = fixture.store
        #expect(graph.rules == .builtIn)
        try graph.relate("Plant:basil", "growsIn", "Bed:north", validFrom: day(1))
        let moved = try graph.relate("Plant:basil", "is planted in", "Bed:south", validFrom: day(5))
        guard case .superseded = moved else {
            Issue.record("a functional property must supersede, got \(moved)")
            return
        }
        #expect(try graph.facts(about: "Plant:basil").map(\.objectText) == ["south"])
        #expect(try graph.facts(about: "Plant:basil", asOf: day(3)).map(\.objectText) == ["north"])
        try graph.relate("Plant:basil", "companionOf", "Plant:tomato", validFrom: day(1))
        try graph.relate("Plant:basil", "companionOf", "Plant:pepper", validFrom: day(2))
        let companions = try graph.facts(about: "Plant:basil", relation: "companionOf", direction: .outgoing)
        #expect(companions.map(\.objectText).sorted() == ["pepper", "tomato"])
    }

    @Test func builtInRulesDoNotApplyUnderAnOntology() throws {
        let graph = try store().store
        #expect(!Self.memory.resolveProperty("uses")!.isFunctional)
        try graph.relate("Service:api", "uses", "Technology:redis", validFrom: day(1))
        try graph.relate("Service:api", "uses", "Technology:kafka", validFrom: day(2))
        #expect(try graph.facts(about: "Service:api").count == 2)
    }

    @Test func domainAndRangeWithSubclassReasoning() throws {
        let graph = try store().store
        try graph.relate("User:bob", "memberOf", "Team:platform")
        try graph.relate("Person:ada", "memberOf", "Organisation:acme")
        #expect {
            try graph.relate("Service:api", "memberOf", "Team:platform")
        } throws: { error in
            guard case MemographError.ontologyViolation(let message) = error else { return false }
            return message.contains("Service is not in the domain of memberOf")
        }
        #expect {
            try graph.relate("Person:ada", "memberOf", "Service:api")
        } throws: { error in
            guard case MemographError.ontologyViolation(let message) = error else { return false }
            return message.contains("Service is not in the range of memberOf")
        }
        #expect {
            try graph.relate("Service:api", "listensOnPort", value: "eighty")
        } throws: { error in
            guard case MemographError.ontologyViolation(let message) = error else { return false }
            return message.contains("xsd:integer")
        }
        #expect(throws: MemographError.unknownType("Gadget", suggestions: [])) {
            try graph.relate("Gadget:x", "uses", "Technology:y")
        }
        #expect(throws: MemographError.self) {
            try graph.relate("Person:ada", "frobnicates", "Team:platform")
        }
        #expect(try graph.findEntities(named: "x").isEmpty)
    }

    @Test func lenientModeStoresViolationsMarked() throws {
        let graph = try store(validation: .lenient).store
        let stored = try graph.relate("Service:api", "memberOf", "Team:platform")
        let fact = try graph.fact(stored.edgeID)
        #expect(fact.edge.attributes["ontologyViolation"]?.contains("domain of memberOf") == true)
        let gadget = try graph.upsertEntity(name: "x", type: "Gadget")
        #expect(gadget.attributes["ontologyViolation"]?.contains("Gadget") == true)
        try graph.relate("Gadget:y", "uses", "Technology:z")
        #expect(try graph.resolve("Gadget:y").attributes["ontologyViolation"]?.contains("Gadget") == true)
    }

    @Test func inversePropertiesShareOneEdge() throws {
        let graph = try store().store
        try graph.relate("Person:lin", "manages", "Person:ada", validFrom: day(1))
        let edges = try graph.facts(about: "Person:ada", relation: "reportsTo", direction: .outgoing)
        #expect(edges.map(\.objectText) == ["lin"])
        #expect(edges.first?.edge.relation == "reportsTo")
        let managed = try graph.facts(about: "Person:lin", relation: "manages", direction: .outgoing)
        #expect(managed.map(\.subject.name) == ["ada"])
        #expect(try graph.statistics().totalEdges == 1)
        // reportsTo is functional, so a new manager closes the old one whichever way it is said.
        try graph.relate("Person:mo", "boss of", "Person:ada", validFrom: day(5))
        let history = try graph.history(of: "Person:ada", relation: "reportsTo")
        #expect(history.map(\.objectText) == ["lin", "mo"])
        #expect(history.first?.edge.end == .superseded)
        #expect(try graph.facts(about: "Person:lin", relation: "manages").isEmpty)
    }

    @Test func symmetricPropertiesAnswerFromBothSides() throws {
        let graph = try store().store
        try graph.relate("Person:ada", "knows", "Person:bob", validFrom: day(1))
        #expect(
            try graph.relate("Person:bob", "knows", "Person:ada", validFrom: day(2)) != .inserted(EdgeID(2)))
        #expect(try graph.statistics().totalEdges == 1)
        for (from, to) in [("Person:ada", "bob"), ("Person:bob", "ada")] {
            let found = try graph.neighbours(
                of: EntityReference(parsing: from), relation: "knows", direction: .outgoing)
            #expect(found.map(\.entity.name) == [to])
        }
    }

    @Test func namesResolveBySynonymAndTypeByClassLabels() throws {
        let graph = try store().store
        for written in ["memberOf", "member_of", "is member of", "Member-Of", "belongs to"] {
            try graph.relate("Person:ada", written, "Team:platform", validFrom: day(1))
        }
        let facts = try graph.facts(about: "Person:ada")
        #expect(facts.count == 1)
        #expect(facts.first?.edge.relation == "memberOf")
        let person = try graph.upsertEntity(name: "grace", type: "person")
        #expect(person.type == "Person")
        #expect(try graph.findEntities(named: "grace", type: "people").map(\.id) == [person.id])
    }

    @Test func newEntitiesTakeTheirTypeFromDomainAndRange() throws {
        let graph = try store().store
        try graph.relate("ada", "reportsTo", "lin")
        #expect(try graph.resolve("ada").type == "Actor")
        #expect(try graph.resolve("lin").type == "Actor")
        try graph.relate("Person:ada", "participatesIn", "launch")
        #expect(try graph.resolve("launch").type == "Event")
    }

    @Test func transitiveRelationsWalkToTheirClosure() throws {
        let graph = try store().store
        try graph.relate("Team:search", "partOf", "Organisation:platform-group")
        try graph.relate("Organisation:platform-group", "partOf", "Organisation:engineering")
        try graph.relate("Organisation:engineering", "partOf", "Organisation:acme")
        let closure = try graph.neighbours(
            of: "Team:search", relation: "partOf", direction: .outgoing, closure: true)
        #expect(closure.map(\.entity.name) == ["platform-group", "engineering", "acme"])
        #expect(closure.map(\.hops) == [1, 2, 3])
        #expect(throws: MemographError.self) {
            try graph.neighbours(of: "Team:search", relation: "memberOf", closure: true)
        }
        // A path reads its relation as a walk does: hasPart outward is partOf inward.
        let down = try #require(
            try graph.path(
                from: "Organisation:acme", to: "Team:search", relation: "hasPart", direction: .outgoing))
        #expect(down.map(\.edge.relation) == ["partOf", "partOf", "partOf"])
        #expect(down.allSatisfy { $0.reversed })
        #expect(
            try graph.path(
                from: "Team:search", to: "Organisation:acme", relation: "hasPart", direction: .outgoing)
                == nil)
        #expect(
            try graph.path(from: "Team:search", to: "Organisation:acme", relation: "partOf", maxDepth: 2)
                == nil)
    }

    @Test func storeRecordsItsOntologyAndRefusesAnIncompatibleOne() throws {
        let fixture = try store(try gardenOntology())
        try fixture.store.relate("Plant:basil", "growsIn", "Bed:north")
        try fixture.store.close()
        let reopened = try GraphStore(path: fixture.path)
        #expect(reopened.ontology?.resolveProperty("growsIn")?.isFunctional == true)
        try reopened.close()
        let before = FileManager.default.contents(atPath: fixture.path)
        #expect {
            try GraphStore(path: fixture.path, ontology: Self.memory)
        } throws: { error in
            guard case MemographError.incompatibleOntology(_, let differences) = error else { return false }
            return differences.contains { $0.contains("growsIn") }
        }
        #expect(FileManager.default.contents(atPath: fixture.path) == before)
    }

    @Test func storeAcceptsAnOntologyThatExtendsItsOwn() throws {
        let fixture = try store()
        try fixture.store.relate("Person:ada", "memberOf", "Team:platform")
        try fixture.store.close()
        let extended = try OntologyLoader().load(
            path: URL(fileURLWithPath: OntologyLoader.defaultOntologyPath()!).deletingLastPathComponent()
                .appendingPathComponent("home-devices.owl").path)
        let reopened = try GraphStore(path: fixture.path, ontology: extended)
        try reopened.relate("SmartDevice:thermostat", "installedIn", "Room:kitchen")
        #expect(try GraphStore(path: fixture.path).ontology?.fingerprint == extended.fingerprint)
    }
}
