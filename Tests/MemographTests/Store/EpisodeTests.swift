import Foundation
import Memograph
import Testing

@Suite struct EpisodeTests {
    @Test func episodesAreStoredVerbatim() throws {
        let fixture = try StoreFixture()
        let text = "  we moved the api to port 9090, not 8080 🚀\n"
        let stored = try fixture.store.addEpisode(
            text, role: "user", externalID: "D1:3", occurredAt: day(4), metadata: ["speaker": "Ada"])
        let read = try fixture.store.episode(stored.id)
        #expect(read.content == text)
        #expect(read.occurredAt == day(4))
        #expect(read.metadata == ["speaker": "Ada"])
        #expect(try fixture.store.episode(externalID: "D1:3")?.id == stored.id)
        #expect(throws: MemographError.self) { try fixture.store.addEpisode("again", externalID: "D1:3") }
    }

    @Test func deletingAnEpisodeWithdrawsWhatOnlyItSupported() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        fixture.clock.set(day(2))
        let one = try store.addEpisode("Ada is on the platform team. Ada uses vim.")
        let two = try store.addEpisode("Ada is on platform.")
        let member = try store.relate("Person:Ada", "memberOf", "Team:platform", source: one.id)
        try store.relate("Person:Ada", "memberOf", "Team:platform", source: two.id)
        let uses = try store.relate("Person:Ada", "uses", "Tool:vim", source: one.id)
        let manual = try store.relate("Person:Ada", "uses", "Tool:git")

        fixture.clock.set(day(3))
        let withdrawn = try store.deleteEpisode(one.id)
        #expect(withdrawn == [uses.edgeID])
        #expect(throws: MemographError.unknownEpisode(one.id)) { try store.episode(one.id) }
        let current = try store.facts(about: "Person:Ada").map(\.objectText).sorted()
        #expect(current == ["git", "platform"])
        #expect(try store.fact(member.edgeID).sources == [two.id])
        #expect(try store.fact(manual.edgeID).edge.isOpen)
        let vim = try store.fact(uses.edgeID).edge
        #expect(vim.end == .withdrawn)
        #expect(vim.expiredAt == day(3))
        // What the store believed before the deletion is still answerable.
        #expect(
            try store.facts(about: "Person:Ada", knownAt: day(2)).map(\.objectText).sorted()
                == ["git", "platform", "vim"])
    }

    @Test func deletingTheEpisodeBehindANewValueRestoresTheOldOne() throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let old = try store.relate("Service:api", "listensOnPort", value: "8080", validFrom: day(1))
        let episode = try store.addEpisode("we moved the api to 9090")
        try store.relate("Service:api", "listensOnPort", value: "9090", validFrom: day(5), source: episode.id)
        #expect(try store.facts(about: "Service:api").map(\.objectText) == ["9090"])
        try store.deleteEpisode(episode.id)
        #expect(try store.facts(about: "Service:api").map(\.objectText) == ["8080"])
        #expect(try store.fact(old.edgeID).edge.isOpen)
    }
}
