import Foundation
import Memograph
import Testing

/// Forty-seven episodes about a small software organisation, ingested with the offline
/// extractor: the exact current facts, the facts as of three past dates, the timelines of the
/// relations that changed, and the extractor's precision and recall against the labels.
@Suite struct OrganisationScenarioTests {
    let fixture: StoreFixture
    /// The `subject relation object` lines each episode's written facts read as.
    let extracted: [[String]]
    let scenario: OrganisationScenario

    init() async throws {
        scenario = try OrganisationScenario.load()
        let fixture = try StoreFixture(rules: RelationRules(singleValued: []), ontology: IngestTests.ontology)
        var extracted: [[String]] = []
        for episode in scenario.episodes {
            fixture.clock.set(day(episode.day, hour: 18))
            let report = try await fixture.store.ingest(
                text: episode.text, speaker: episode.speaker, occurredAt: day(episode.day, hour: 9),
                scope: episode.scope.map(EntityReference.init(parsing:)))
            extracted.append(
                try report.facts.map { written in
                    let fact = try fixture.store.fact(written.outcome.edgeID)
                    return "\(fact.subject.name) \(fact.edge.relation) \(fact.objectText)"
                })
        }
        self.extracted = extracted
        self.fixture = fixture
    }

    @Test func currentFacts() throws {
        #expect(scenario.episodes.count >= 40)
        #expect(
            try GraphDump.facts(fixture.store) == [
                "Ada memberOf data", "Ada reportsTo Bob", "Bob leads data", "Bob locatedIn Berlin",
                "Bob maintains acme/etl", "Bob memberOf data", "Grace memberOf mobile",
                "Grace memberOf platform",
                "Grace prefers light mode", "Grace prefers shorter answers", "Grace uses Pixel",
                "Grace worksOn acme/web", "Lin leads platform",
                "Postgres hasVersion 16.2", "Tom maintains billing", "Tom memberOf platform",
                "Tom reportsTo Lin",
                "Tom worksOn acme/web", "acme/api hasVersion 2.5.0", "acme/api uses Poetry",
                "acme/etl dependsOn Postgres", "api hasVersion 2.4.0", "api listensOnPort 9443",
                "api runsOn db1.acme.internal", "billing dependsOn api", "data owns etl", "platform owns api",
                "search listensOnPort 7700", "web hostedOn Vercel",
            ])
    }

    @Test func factsAsOfThreePastDates() throws {
        #expect(
            try GraphDump.facts(fixture.store, asOf: day(3, hour: 12)) == [
                "Ada memberOf platform", "Ada reportsTo Lin", "Bob leads data", "Bob memberOf data",
                "Grace memberOf mobile", "Grace prefers dark mode", "Grace prefers detailed answers",
                "Lin leads platform", "acme/api hasVersion 2.3.1", "api listensOnPort 8080",
                "api runsOn db1.acme.internal", "platform owns api",
            ])
        // Learned on March 20, the move to 8443 on March 5 is part of what held on March 11.
        #expect(
            try GraphDump.facts(fixture.store, asOf: day(11, hour: 12)) == [
                "Ada memberOf data", "Ada reportsTo Bob", "Bob leads data", "Bob memberOf data",
                "Grace memberOf mobile", "Grace memberOf platform", "Grace prefers dark mode",
                "Grace prefers detailed answers", "Grace uses Pixel", "Lin leads platform",
                "Tom maintains billing",
                "Tom memberOf data", "acme/api hasVersion 2.4.0", "acme/api uses Poetry",
                "api listensOnPort 8443",
                "api runsOn db1.acme.internal", "billing dependsOn api", "platform owns api",
                "search listensOnPort 7700",
            ])
        #expect(
            try GraphDump.facts(fixture.store, asOf: day(20, hour: 12)) == [
                "Ada memberOf data", "Ada reportsTo Bob", "Bob leads data", "Bob maintains acme/etl",
                "Bob memberOf data", "Grace memberOf mobile", "Grace memberOf platform",
                "Grace prefers dark mode",
                "Grace prefers shorter answers", "Grace uses Pixel", "Lin leads platform",
                "Postgres hasVersion 16.2",
                "Tom maintains billing", "Tom memberOf data", "Tom reportsTo Lin",
                "acme/api hasVersion 2.4.0",
                "acme/api uses Poetry", "acme/etl dependsOn Postgres", "api hasVersion 2.4.0",
                "api listensOnPort 9090", "api runsOn db1.acme.internal", "billing dependsOn api",
                "data owns etl", "platform owns api", "search listensOnPort 7700",
            ])
    }

    /// `value [from → to)` for each version of a relation, in event-time order.
    func timeline(_ subject: EntityReference, _ relation: String) throws -> [String] {
        try fixture.store.history(of: subject, relation: relation).filter { $0.edge.end != .withdrawn }.map {
            let end = $0.edge.validTo.map { "d\(Self.dayNumber($0))" } ?? "now"
            return "\($0.objectText) [d\(Self.dayNumber($0.edge.validFrom)) → \(end))"
        }
    }

    static func dayNumber(_ date: Date) -> Int {
        Int((date.timeIntervalSince(day(1)) / 86_400).rounded(.down)) + 1
    }

    @Test func historiesOfTheChangedRelations() throws {
        #expect(
            try timeline("Service:api", "listensOnPort") == [
                "8080 [d2 → d5)", "8443 [d5 → d12)", "9090 [d12 → d27)", "9443 [d27 → now)",
            ])
        #expect(
            try timeline("Repository:acme/api", "hasVersion") == [
                "2.3.1 [d2 → d4)", "2.4.0 [d4 → d23)", "2.5.0 [d23 → now)",
            ])
        #expect(try timeline("Person:Ada", "memberOf") == ["platform [d1 → d10)", "data [d10 → now)"])
        #expect(try timeline("Person:Ada", "reportsTo") == ["Lin [d1 → d10)", "Bob [d10 → now)"])
        #expect(try timeline("Person:Tom", "memberOf") == ["data [d6 → d28)", "platform [d28 → now)"])
        #expect(
            try timeline("Person:Grace", "prefers") == [
                "dark mode [d3 → d21)", "detailed answers [d3 → d13)", "shorter answers [d13 → now)",
                "light mode [d21 → now)",
            ])
        #expect(try timeline("Postgres", "hasVersion") == ["15.4 [d15 → d18)", "16.2 [d18 → now)"])
    }

    @Test func extractorPrecisionAndRecall() throws {
        var truePositives = 0
        var extractedCount = 0
        var goldCount = 0
        var errors: [String] = []
        for (episode, facts) in zip(scenario.episodes, extracted) {
            let gold = Set(episode.gold)
            goldCount += gold.count
            extractedCount += facts.count
            for fact in facts {
                if gold.contains(fact) { truePositives += 1 } else { errors.append("wrong: \(fact)") }
            }
            errors += gold.subtracting(facts).map { "missed: \($0)" }
        }
        let precision = Double(truePositives) / Double(extractedCount)
        let recall = Double(truePositives) / Double(goldCount)
        print(
            "rule extractor on the organisation scenario: precision \(String(format: "%.3f", precision)) "
                + "(\(truePositives)/\(extractedCount)), recall \(String(format: "%.3f", recall)) "
                + "(\(truePositives)/\(goldCount)); \(errors.sorted().joined(separator: "; "))")
        #expect(precision == 1)
        #expect(
            errors.sorted() == [
                "missed: Ada knows Bob", "missed: Ada locatedIn Lisbon",
                "missed: search deployedTo eu-west-1",
            ])
    }
}
