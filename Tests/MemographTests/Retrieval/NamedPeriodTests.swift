import Foundation
import Testing

@testable import Memograph

/// A query that names a day, month or year favours the episodes and facts of that time
/// (``SearchOptions/namedPeriodBoost``); ``NamedPeriods`` reads the dates out of the query.
@Suite struct NamedPeriodTests {
    func utc(_ text: String) throws -> Int64 { StoreTime.encode(try ISO8601.parse(text, field: "test")) }

    func period(_ start: String, _ end: String) throws -> NamedPeriods.Period {
        NamedPeriods.Period(start: try utc(start), end: try utc(end))
    }

    @Test func daysMonthsAndYearsAreReadInEveryCommonSpelling() throws {
        let october3 = try period("2023-10-03", "2023-10-04")
        for query in [
            "what did Dave do on 3 October 2023?", "What did Dave do on October 3rd, 2023?",
            "and on the 3rd of October, 2023", "log of 2023-10-03", "Oct 3 2023",
        ] {
            #expect(NamedPeriods(query: query).periods == [october3], "\(query)")
        }
        let october = try period("2023-10-01", "2023-11-01")
        for query in ["Which city was Calvin in during October 2023?", "oct 2023", "2023-10 report"] {
            #expect(NamedPeriods(query: query).periods == [october], "\(query)")
        }
        #expect(
            NamedPeriods(query: "what happened in 2022 and in May 2023").periods == [
                try period("2022-01-01", "2023-01-01"), try period("2023-05-01", "2023-06-01"),
            ])
        #expect(
            NamedPeriods(query: "mid-December 2023").periods == [try period("2023-12-01", "2024-01-01")])
        #expect(NamedPeriods(query: "29 February 2024").periods == [try period("2024-02-29", "2024-03-01")])
    }

    @Test func wordsThatOnlyLookLikeDatesNameNothing() {
        for query in [
            "May I ask what Ada said?", "2023 users signed up", "the march on 5th avenue", "31 April 2023",
            "29 February 2023", "2023-13-01", "in 1850", "what did Ada do last week",
            "how many pets, as of December 2023?", "before 3 May 2023", "since October 2023",
            "until 2023-10-03", "by May 2024",
        ] {
            #expect(NamedPeriods(query: query).periods.isEmpty, "\(query)")
        }
    }

    @Test func aPeriodReachesADayBackAndItsGraceForward() throws {
        let named = NamedPeriods(query: "on 3 October 2023")
        let grace: Int64 = 2 * 86_400_000_000
        func holds(_ from: String, _ to: String?) throws -> Bool {
            named.contains(from: try utc(from), to: try to.map(utc), grace: grace)
        }
        #expect(try holds("2023-10-03T12:00:00Z", "2023-10-03T12:00:00Z"))
        #expect(try holds("2023-10-02T00:00:00Z", "2023-10-02T00:00:00Z"))
        #expect(try !holds("2023-10-01T23:59:59Z", "2023-10-01T23:59:59Z"))
        #expect(try holds("2023-10-05T23:59:59Z", "2023-10-05T23:59:59Z"))
        #expect(try !holds("2023-10-06T00:00:00Z", "2023-10-06T00:00:00Z"))
        // Something that held across the period, or still holds, was true then.
        #expect(try holds("2020-01-01T00:00:00Z", nil))
        #expect(try holds("2020-01-01T00:00:00Z", "2024-01-01T00:00:00Z"))
        #expect(try !holds("2020-01-01T00:00:00Z", "2023-09-30T00:00:00Z"))
        #expect(try !holds("2023-10-07T00:00:00Z", nil))
    }

    /// Two turns with the same words, in March and in May (no conversation between them); BM25
    /// ties them and ranks the March one (the lower id) first.
    @Test func theTurnOfTheNamedMonthRanksFirstWithTheBoostExplained() async throws {
        let fixture = try StoreFixture()
        let march = try fixture.store.addEpisode(
            "we baked sourdough bread", role: "Ada", occurredAt: try ISO8601.parse("2024-03-10", field: "at"))
        let may = try fixture.store.addEpisode(
            "we baked sourdough bread", role: "Ada", occurredAt: try ISO8601.parse("2024-05-20", field: "at"))
        let options = SearchOptions(conversationEvidence: 0, explain: true)
        let inMay = try await fixture.store.search("what bread was baked in May 2024?", options: options)
        #expect(inMay.episodes.map(\.item.id) == [may.id, march.id])
        #expect(inMay.episodes[0].breakdown?.period == 2)
        #expect(abs(inMay.episodes[0].score - 2.0 / 12) < 1e-12)
        #expect(inMay.episodes[1].breakdown?.period == 1)
        #expect(abs(inMay.episodes[1].score - 1.0 / 11) < 1e-12)

        // Told within the grace after April: May 20 is 20 days after the end of April.
        let april = try await fixture.store.search("what bread was baked in April 2024?", options: options)
        #expect(april.episodes.map(\.item.id) == [may.id, march.id])
        var short = options
        short.namedPeriodGrace = 7 * 86_400
        let tight = try await fixture.store.search("what bread was baked in April 2024?", options: short)
        #expect(tight.episodes.map(\.item.id) == [march.id, may.id])
        #expect(tight.episodes.allSatisfy { $0.breakdown?.period == 1 })

        var off = options
        off.namedPeriodBoost = 0
        let plain = try await fixture.store.search("what bread was baked in May 2024?", options: off)
        #expect(plain.episodes.map(\.item.id) == [march.id, may.id])
    }

    /// A fact counts by when it held: with the timeline, "where did Ada live in 2021" puts the
    /// fact that held in 2021 before the one that holds now.
    @Test func aFactThatHeldInTheNamedYearRanksFirst() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.relate(
            "Person:Ada", "livesIn", "City:Paris", validFrom: try ISO8601.parse("2019-04-01", field: "at"),
            validTo: try ISO8601.parse("2022-06-01", field: "at"), fact: "Ada lives in Paris")
        try store.relate(
            "Person:Ada", "livesIn", "City:Berlin", validFrom: try ISO8601.parse("2022-06-01", field: "at"),
            fact: "Ada lives in Berlin")
        let options = SearchOptions(includeHistory: true, explain: true)
        let past = try await store.search("where did Ada live in 2021?", options: options)
        #expect(past.facts.map(\.item.edge.fact) == ["Ada lives in Paris", "Ada lives in Berlin"])
        #expect(past.facts.map(\.breakdown?.period) == [2, 1])
        let now = try await store.search("where did Ada live in 2023?", options: options)
        #expect(now.facts.map(\.item.edge.fact) == ["Ada lives in Berlin", "Ada lives in Paris"])
        #expect(now.facts.map(\.breakdown?.period) == [2, 1])
    }
}
