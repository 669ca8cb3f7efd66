import Foundation
import Memograph
import Testing

@Suite struct RetentionTests {
    static let month: Int64 = 30 * 86_400

    /// On day 10: Ada prefers the dark theme (stated twice in the fact text so the scan can find
    /// it), Lin prefers Vim, Ada is on the platform team. A 30-day rule covers `prefers`.
    func populated() throws -> StoreFixture {
        let fixture = try StoreFixture(ontology: ForgetTests.ontology, start: day(10))
        let store = fixture.store
        try store.relate(
            "Person:Ada", "prefers", "Preference:dark theme", fact: "Ada wants the dark theme everywhere")
        try store.relate("Person:Lin", "prefers", "Preference:vim")
        try store.relate("Person:Ada", "memberOf", "Team:platform")
        try store.setRetention(Self.month, relation: "prefers")
        return fixture
    }

    @Test func expiredFactsLeaveTheCurrentViewAndMaintainPurgesThem() async throws {
        let fixture = try populated()
        let store = fixture.store
        // An episode on day 35 confirms Lin's preference: its 30 days start again.
        fixture.clock.set(day(35))
        let episode = try store.addEpisode("Lin: still on vim")
        try store.relate("Person:Lin", "prefers", "Preference:vim", source: episode.id)

        fixture.clock.set(day(39))
        #expect(
            try store.facts(about: "Person:Ada").map(\.objectText).sorted() == ["dark theme", "platform"])
        fixture.clock.set(day(41))
        #expect(try store.facts(about: "Person:Ada").map(\.objectText) == ["platform"])
        #expect(try store.facts(about: "Person:Lin").map(\.objectText) == ["vim"])
        // What the store knew before the expiry is still readable until maintain runs.
        #expect(try store.facts(about: "Person:Ada", knownAt: day(39)).count == 2)
        let expired = try #require(try store.history(of: "Person:Ada", relation: "prefers").first)
        #expect(expired.edge.expiresAt == day(40))

        #expect(try StoreScan.hits(path: fixture.path, needles: ["everywhere"]).contains("edges.fact"))
        let report = try store.maintain(vacuum: true)
        #expect(report.expiredEdges == 1)
        #expect(report.vacuumed)
        #expect(try store.history(of: "Person:Ada", relation: "prefers").isEmpty)
        #expect(try store.facts(about: "Person:Ada", knownAt: day(39)).map(\.objectText) == ["platform"])
        #expect(try StoreScan.hits(path: fixture.path, needles: ["everywhere"]) == [])
        #expect(try store.maintain().expiredEdges == 0)
        fixture.clock.set(day(66))
        #expect(try store.maintain().expiredEdges == 1)
        #expect(try store.facts(about: "Person:Lin").isEmpty)
    }

    @Test func aDefaultRuleCoversRelationsWithoutTheirOwnAndRulesCanBeRemoved() throws {
        let fixture = try populated()
        let store = fixture.store
        try store.setRetention(100 * 86_400)
        #expect(
            try store.retentionRules() == [
                RetentionRule(relation: nil, seconds: 100 * 86_400),
                RetentionRule(relation: "prefers", seconds: Self.month),
            ])
        fixture.clock.set(day(50))
        #expect(try store.facts(about: "Person:Ada").map(\.objectText) == ["platform"])
        fixture.clock.set(day(111))
        #expect(try store.facts(about: "Person:Ada").isEmpty)
        // Removing the rules brings back what maintain has not purged yet.
        try store.setRetention(nil)
        try store.setRetention(nil, relation: "prefers")
        #expect(try store.retentionRules().isEmpty)
        #expect(try store.facts(about: "Person:Ada").count == 2)
        #expect(try store.maintain().expiredEdges == 0)
        // A namespace's rules stay in it.
        try store.namespace("other").relate("Person:Zed", "prefers", "Preference:ed")
        try store.setRetention(Self.month, relation: "prefers")
        fixture.clock.set(day(200))
        #expect(try store.namespace("other").facts(about: "Person:Zed").count == 1)
    }

    @Test func badRulesAreTypedErrorsThatChangeNothing() throws {
        let fixture = try populated()
        let store = fixture.store
        let before = try fixture.snapshot()
        for seconds: Int64 in [0, -5, RetentionRule.maximumSeconds + 1, .max] {
            #expect(
                throws: MemographError.invalidArgument(
                    field: "retention", reason: "must be a positive duration of at most 1,000 years")
            ) { try store.setRetention(seconds) }
        }
        #expect(throws: MemographError.self) { try store.setRetention(60, relation: "likesTooMuch") }
        #expect(try fixture.snapshot() == before)
    }

    @Test func durationsReadAndPrintInWholeUnits() throws {
        #expect(try RetentionRule.seconds(parsing: "30d") == 2_592_000)
        #expect(try RetentionRule.seconds(parsing: "2w") == 1_209_600)
        #expect(try RetentionRule.seconds(parsing: " 45M ") == 2_700)
        #expect(RetentionRule(relation: nil, seconds: 129_600).durationText == "36h")
        #expect(RetentionRule(relation: nil, seconds: 1_209_600).durationText == "2w")
        for bad in ["30", "d", "-3d", "1.5h", "3y", "", "99999999999999w"] {
            #expect(throws: MemographError.self, "\(bad)") { try RetentionRule.seconds(parsing: bad) }
        }
    }
}
