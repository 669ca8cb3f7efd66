import Foundation
import Memograph
import Testing

@Suite struct NamespaceTests {
    @Test func namespacesNeverSeeEachOther() throws {
        let fixture = try StoreFixture(namespace: "tenant-a")
        let a = fixture.store
        let b = try a.namespace("tenant-b")
        let episode = try a.addEpisode("Ada maintains the api")
        let edge = try a.relate("Person:Ada", "maintains", "Service:api", source: episode.id)
        try b.relate("Person:Ada", "maintains", "Service:billing")

        #expect(try a.facts(about: "Person:Ada").map(\.objectText) == ["api"])
        #expect(try b.facts(about: "Person:Ada").map(\.objectText) == ["billing"])
        #expect(try b.findEntities(named: "api").isEmpty)
        #expect(throws: MemographError.unknownEntity("Service:api")) { try b.neighbours(of: "Service:api") }
        #expect(throws: MemographError.unknownEdge(edge.edgeID)) { try b.fact(edge.edgeID) }
        #expect(throws: MemographError.unknownEpisode(episode.id)) { try b.episode(episode.id) }
        #expect(throws: MemographError.unknownEpisode(episode.id)) {
            try b.relate("Person:Ada", "uses", "Tool:vim", source: episode.id)
        }
        let apiID = try #require(try a.findEntities(named: "api").first?.id)
        #expect(throws: MemographError.unknownEntity("#\(apiID.rawValue)")) {
            try b.relate("Person:Ada", "uses", .id(apiID))
        }
        // A batch reads the types of the entities it names by id in one query, still per namespace.
        let billingID = try #require(try b.findEntities(named: "billing").first?.id)
        let before = try fixture.snapshot()
        #expect(throws: MemographError.unknownEntity("#\(apiID.rawValue)")) {
            try b.relate([
                Assertion(.id(billingID), "dependsOn", .entity(.id(billingID))),
                Assertion(.id(billingID), "dependsOn", .entity(.id(apiID))),
            ])
        }
        #expect(try fixture.snapshot() == before)
        #expect(try a.statistics().entities == 2)
        #expect(try b.statistics().entities == 2)
        #expect(try a.statistics().namespaces == ["tenant-a", "tenant-b"])
    }

    @Test func emptyNamespaceIsRejected() throws {
        let fixture = try StoreFixture()
        #expect(throws: MemographError.invalidArgument(field: "namespace", reason: "must not be empty")) {
            try fixture.store.namespace("  ")
        }
    }
}
