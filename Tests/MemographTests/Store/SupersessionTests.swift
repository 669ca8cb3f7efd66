import Foundation
import Memograph
import Testing

@Suite struct SupersessionTests {
    @Test func singleValuedRelationClosesThePreviousValue() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        fixture.clock.set(day(2))
        let first = try store.relate("Service:api", "listensOnPort", value: "8080", validFrom: day(1))
        fixture.clock.set(day(10))
        let second = try store.relate("Service:api", "listensOnPort", value: "9090", validFrom: day(9))
        guard case .superseded(let newID, let closed) = second else {
            Issue.record("expected supersession, got \(second)")
            return
        }
        #expect(closed == [first.edgeID])

        let current = try store.facts(about: "Service:api")
        #expect(current.map(\.objectText) == ["9090"])

        let old = try store.fact(first.edgeID).edge
        #expect(old.validTo == day(9))
        #expect(old.expiredAt == day(10))
        #expect(old.end == .superseded)
        #expect(old.supersededBy == newID)
        #expect(try store.history(of: "Service:api", relation: "listensOnPort").count == 2)
    }

    @Test func multiValuedRelationsAccumulate() throws {
        let fixture = try StoreFixture()
        try fixture.store.relate("Repository:acme/api", "uses", "Tool:Poetry", validFrom: day(1))
        try fixture.store.relate("Repository:acme/api", "uses", "Tool:Ruff", validFrom: day(2))
        let objects = try fixture.store.facts(about: "Repository:acme/api").map(\.objectText).sorted()
        #expect(objects == ["Poetry", "Ruff"])
    }

    @Test func callerCanMarkARelationSingleValued() throws {
        let fixture = try StoreFixture()
        try fixture.store.relate(
            "Person:Ada", "memberOf", "Team:platform", validFrom: day(1), singleValued: true)
        try fixture.store.relate(
            "Person:Ada", "memberOf", "Team:search", validFrom: day(5), singleValued: true)
        #expect(try fixture.store.facts(about: "Person:Ada").map(\.objectText) == ["search"])
        let asOfDay3 = try fixture.store.facts(about: "Person:Ada", asOf: day(3))
        #expect(asOfDay3.map(\.objectText) == ["platform"])
    }

    @Test func lateArrivalIsStoredAlreadyClosed() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        fixture.clock.set(day(10))
        let current = try store.relate("Service:api", "listensOnPort", value: "9090", validFrom: day(9))
        fixture.clock.set(day(11))
        let late = try store.relate("Service:api", "listensOnPort", value: "8080", validFrom: day(3))
        guard case .storedClosed(let lateID, let successor) = late else {
            Issue.record("expected a closed late arrival, got \(late)")
            return
        }
        #expect(successor == current.edgeID)
        let edge = try store.fact(lateID).edge
        #expect(edge.validFrom == day(3))
        #expect(edge.validTo == day(9))
        #expect(edge.end == .superseded)
        #expect(try store.facts(about: "Service:api").map(\.objectText) == ["9090"])
        #expect(try store.facts(about: "Service:api", asOf: day(5)).map(\.objectText) == ["8080"])
        #expect(try store.fact(current.edgeID).edge.isOpen)
    }

    @Test func lateArrivalSplitsTheVersionThatCoveredIt() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let a = try store.relate("Person:Ada", "reportsTo", "Person:Lin", validFrom: day(1))
        let c = try store.relate("Person:Ada", "reportsTo", "Person:Mo", validFrom: day(10))
        let b = try store.relate("Person:Ada", "reportsTo", "Person:Kai", validFrom: day(5))
        let timeline = try store.history(of: "Person:Ada", relation: "reportsTo").map { fact in
            "\(fact.objectText)@\(fact.edge.validFrom == day(1) ? 1 : fact.edge.validFrom == day(5) ? 5 : 10)"
        }
        #expect(timeline == ["Lin@1", "Kai@5", "Mo@10"])
        #expect(try store.fact(a.edgeID).edge.validTo == day(5))
        #expect(try store.fact(b.edgeID).edge.validTo == day(10))
        #expect(try store.fact(b.edgeID).edge.supersededBy == c.edgeID)
        for (instant, expected) in [(day(2), "Lin"), (day(7), "Kai"), (day(12), "Mo")] {
            #expect(
                try store.facts(
                    about: "Person:Ada", relation: "reportsTo", direction: .outgoing, asOf: instant
                )
                .map(\.objectText) == [expected])
        }
    }

    @Test func reassertingTheSameFactAddsProvenanceNotAnEdge() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let first = try store.addEpisode("Ada is on the platform team", role: "user")
        let second = try store.addEpisode("Ada works in platform", role: "user")
        let a = try store.relate(
            "Person:Ada", "memberOf", "Team:platform", validFrom: day(1), source: first.id)
        let b = try store.relate(
            "Person:Ada", "memberOf", "Team:platform", validFrom: day(2), source: second.id)
        let c = try store.relate(
            "Person:Ada", "memberOf", "Team:platform", validFrom: day(3), source: second.id)
        #expect(b == .duplicate(a.edgeID))
        #expect(c == .duplicate(a.edgeID))
        #expect(try store.statistics().totalEdges == 1)
        #expect(try store.fact(a.edgeID).sources == [first.id, second.id])
    }

    @Test func asOfAndKnownAtReadsAtSeveralInstants() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        fixture.clock.set(day(2))
        try store.relate("Service:api", "listensOnPort", value: "8080", validFrom: day(1))
        fixture.clock.set(day(20))
        try store.relate("Service:api", "listensOnPort", value: "9090", validFrom: day(15))
        fixture.clock.set(day(30))

        func ports(asOf: Date?, knownAt: Date?) throws -> [String] {
            try store.facts(about: "Service:api", asOf: asOf, knownAt: knownAt).map(\.objectText)
        }
        #expect(try ports(asOf: nil, knownAt: nil) == ["9090"])
        #expect(try ports(asOf: day(10), knownAt: nil) == ["8080"])
        #expect(try ports(asOf: day(16), knownAt: nil) == ["9090"])
        #expect(try ports(asOf: day(1, hour: -1), knownAt: nil) == [])
        // Known at day 10: the store had heard only of 8080, and believed it open-ended.
        #expect(try ports(asOf: day(16), knownAt: day(10)) == ["8080"])
        #expect(try ports(asOf: nil, knownAt: day(10)) == ["8080"])
        // Known at day 1: nothing recorded yet.
        #expect(try ports(asOf: nil, knownAt: day(1)) == [])
        // Known at day 25, as of day 16: the change is known.
        #expect(try ports(asOf: day(16), knownAt: day(25)) == ["9090"])
    }

    @Test func historyIsInEventTimeOrderWithEveryVersion() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        for (index, port) in ["80", "8080", "9090", "443"].enumerated() {
            try store.relate("Service:web", "listensOnPort", value: port, validFrom: day(1 + index * 3))
        }
        try store.relate("Service:web", "listensOnPort", value: "7000", validFrom: day(2))
        let history = try store.history(of: "Service:web", relation: "listensOnPort")
        #expect(history.map(\.objectText) == ["80", "7000", "8080", "9090", "443"])
        #expect(history.filter { $0.edge.isOpen }.map(\.objectText) == ["443"])
        #expect(zip(history, history.dropFirst()).allSatisfy { $0.edge.validTo == $1.edge.validFrom })
    }

    @Test func retractClosesButKeepsHistory() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        fixture.clock.set(day(10))
        let edge = try store.relate("Person:Ada", "memberOf", "Team:platform", validFrom: day(1))
        try store.retract(edge.edgeID, at: day(8))
        #expect(try store.facts(about: "Person:Ada").isEmpty)
        #expect(try store.facts(about: "Person:Ada", asOf: day(5)).map(\.objectText) == ["platform"])
        #expect(try store.history(of: "Person:Ada", relation: "memberOf").first?.edge.end == .ended)
        #expect(throws: MemographError.self) { try store.retract(edge.edgeID) }
    }

    @Test func purgeRemovesTheEdgeAndReopensWhatItClosed() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let old = try store.relate("Service:api", "listensOnPort", value: "8080", validFrom: day(1))
        let new = try store.relate("Service:api", "listensOnPort", value: "9090", validFrom: day(5))
        try store.purge(new.edgeID)
        #expect(try store.history(of: "Service:api", relation: "listensOnPort").map(\.objectText) == ["8080"])
        #expect(try store.fact(old.edgeID).edge.isOpen)
        #expect(throws: MemographError.unknownEdge(new.edgeID)) { try store.fact(new.edgeID) }
    }

    @Test func explicitEndMakesAClosedFact() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.relate("Person:Ada", "worksOn", "Project:atlas", validFrom: day(1), validTo: day(4))
        #expect(try store.facts(about: "Person:Ada", asOf: day(2)).count == 1)
        #expect(try store.facts(about: "Person:Ada", asOf: day(5)).isEmpty)
    }
}
