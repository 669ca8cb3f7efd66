import Foundation
import Memograph
import Testing

@Suite struct GraphWalkTests {
    /// ada → platform → acme; ada → api (maintains); api → postgres (dependsOn).
    func graph() throws -> StoreFixture {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.relate("Person:Ada", "memberOf", "Team:platform", validFrom: day(1))
        try store.relate("Team:platform", "partOf", "Organisation:acme", validFrom: day(1))
        try store.relate("Person:Ada", "maintains", "Service:api", validFrom: day(1))
        try store.relate("Service:api", "dependsOn", "Tool:postgres", validFrom: day(1))
        try store.relate("Service:api", "listensOnPort", value: "8080", validFrom: day(1))
        return fixture
    }

    @Test func neighboursRespectDirectionAndDepth() throws {
        let store = try graph().store
        let one = try store.neighbours(of: "Person:Ada", depth: 1)
        #expect(Set(one.map(\.entity.name)) == ["platform", "api"])
        #expect(one.allSatisfy { $0.hops == 1 })

        let two = try store.neighbours(of: "Person:Ada", depth: 2)
        #expect(Set(two.map(\.entity.name)) == ["platform", "api", "acme", "postgres"])
        #expect(two.first { $0.entity.name == "postgres" }?.hops == 2)
        #expect(two.first { $0.entity.name == "postgres" }?.via.relation == "dependsOn")

        let incoming = try store.neighbours(of: "Service:api", direction: .incoming, depth: 2)
        #expect(incoming.map(\.entity.name) == ["Ada"])
        let outgoing = try store.neighbours(of: "Service:api", direction: .outgoing, depth: 3)
        #expect(outgoing.map(\.entity.name) == ["postgres"])
        let byRelation = try store.neighbours(of: "Person:Ada", relation: "memberOf", depth: 3)
        #expect(byRelation.map(\.entity.name) == ["platform"])
    }

    @Test func pathFindsShortestRouteInBothDirections() throws {
        let store = try graph().store
        let path = try #require(try store.path(from: "Organisation:acme", to: "Tool:postgres"))
        #expect(path.count == 4)
        #expect(path.map(\.edge.relation) == ["partOf", "memberOf", "maintains", "dependsOn"])
        #expect(path.map(\.reversed) == [true, true, false, false])
        #expect(try store.path(from: "Organisation:acme", to: "Tool:postgres", maxDepth: 3) == nil)
        #expect(try store.path(from: "Person:Ada", to: "Person:Ada") == [])
        // Along the edges only: Ada reaches postgres through api; postgres reaches no one.
        let along = try #require(
            try store.path(from: "Person:Ada", to: "Tool:postgres", direction: .outgoing))
        #expect(along.map(\.edge.relation) == ["maintains", "dependsOn"])
        #expect(along.allSatisfy { !$0.reversed })
        #expect(try store.path(from: "Tool:postgres", to: "Person:Ada", direction: .outgoing) == nil)
        let against = try #require(
            try store.path(from: "Tool:postgres", to: "Person:Ada", direction: .incoming))
        #expect(
            against.map(\.to) == [try store.resolve("Service:api").id, try store.resolve("Person:Ada").id])
        #expect(try store.path(from: "Organisation:acme", to: "Tool:postgres", relation: "partOf") == nil)
    }

    @Test func walksOnlyFollowEdgesValidAtTheInstant() throws {
        let fixture = try graph()
        let store = fixture.store
        try store.relate("Person:Ada", "memberOf", "Team:search", validFrom: day(10), singleValued: true)
        #expect(try store.path(from: "Person:Ada", to: "Organisation:acme") == nil)
        #expect(try store.path(from: "Person:Ada", to: "Organisation:acme", asOf: day(5))?.count == 2)
        let now = try store.neighbours(of: "Person:Ada").map(\.entity.name).sorted()
        #expect(now == ["api", "search"])
        let before = try store.neighbours(of: "Person:Ada", asOf: day(5)).map(\.entity.name).sorted()
        #expect(before == ["api", "platform"])
    }

    @Test func depthOutOfRangeIsAnError() throws {
        let store = try graph().store
        #expect(throws: MemographError.invalidArgument(field: "depth", reason: "must be between 1 and 10")) {
            try store.neighbours(of: "Person:Ada", depth: 0)
        }
    }
}
