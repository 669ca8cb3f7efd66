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

    /// A Wednesday afternoon, what relative times are read against unless a test says otherwise.
    let reference = Date(timeIntervalSince1970: 1_773_846_000)

    func named(_ query: String) -> [NamedPeriods.Period] {
        NamedPeriods(query: query, reference: reference).periods
    }

    @Test func daysMonthsAndYearsAreReadInEveryCommonSpelling() throws {
        let october3 = try period("2023-10-03", "2023-10-04")
        for query in [
            "what did Dave do on 3 October 2023?", "What did Dave do on October 3rd, 2023?",
            "and on the 3rd of October, 2023", "log of 2023-10-03", "Oct 3 2023",
        ] {
            #expect(named(query) == [october3], "\(query)")
        }
        let october = try period("2023-10-01", "2023-11-01")
        for query in ["Which city was Calvin in during October 2023?", "oct 2023", "2023-10 report"] {
            #expect(named(query) == [october], "\(query)")
        }
        #expect(
            named("what happened in 2022 and in May 2023") == [
                try period("2022-01-01", "2023-01-01"), try period("2023-05-01", "2023-06-01"),
            ])
        #expect(
            named("mid-December 2023") == [try period("2023-12-01", "2024-01-01")])
        #expect(named("29 February 2024") == [try period("2024-02-29", "2024-03-01")])
    }

    @Test func wordsThatOnlyLookLikeDatesNameNothing() {
        for query in [
            "May I ask what Ada said?", "2023 users signed up", "the march on 5th avenue", "31 April 2023",
            "29 February 2023", "2023-13-01", "in 1850", "last orders", "this one", "on Fridays",
            "how many pets, as of December 2023?", "before 3 May 2023", "since October 2023",
            "until 2023-10-03", "by May 2024", "since yesterday", "before last week", "after 3 days ago",
            "until last Monday", "as of today", "on the march", "3 weeks later", "may 32",
            "why this may fail", "who led this march?", "the past is past", "last one standing",
            "in march formation", "last mar", "a few days later", "several of them",
            "a couple of weeks from now",
            "the last few", "past several",
        ] {
            #expect(named(query).isEmpty, "\(query)")
        }
    }

    @Test func relativeTimesAreReadAgainstTheReference() throws {
        #expect(try reference == ISO8601.parse("2026-03-18T15:00:00Z", field: "test"))
        let expected: [(String, String, String)] = [
            ("what did we do today?", "2026-03-18", "2026-03-19"),
            ("tonight", "2026-03-18", "2026-03-19"),
            ("this morning", "2026-03-18", "2026-03-19"),
            ("what did Ada say yesterday", "2026-03-17", "2026-03-18"),
            ("last night", "2026-03-17", "2026-03-18"),
            ("last week", "2026-03-11", "2026-03-18"),
            ("this week", "2026-03-16", "2026-03-23"),
            ("last month", "2026-02-01", "2026-03-01"),
            ("this month", "2026-03-01", "2026-04-01"),
            ("last year", "2025-01-01", "2026-01-01"),
            ("this year", "2026-01-01", "2027-01-01"),
            ("3 days ago", "2026-03-15", "2026-03-16"),
            ("two weeks ago", "2026-03-04", "2026-03-11"),
            ("a month ago", "2026-02-01", "2026-03-01"),
            ("2 years ago", "2024-01-01", "2025-01-01"),
            ("last Monday", "2026-03-16", "2026-03-17"),
            ("on Friday", "2026-03-13", "2026-03-14"),
            ("last Wednesday", "2026-03-11", "2026-03-12"),
            // In March, last March is a year back; last February is this year's.
            ("last March", "2025-03-01", "2025-04-01"),
            ("last February", "2026-02-01", "2026-03-01"),
            ("this March", "2026-03-01", "2026-04-01"),
            ("last May", "2025-05-01", "2025-06-01"),
            ("what did we eat the day before yesterday", "2026-03-16", "2026-03-17"),
            ("in the last two weeks", "2026-03-04", "2026-03-19"),
            ("the past 3 days", "2026-03-15", "2026-03-19"),
            ("over the past week", "2026-03-11", "2026-03-19"),
            ("the past month", "2026-02-18", "2026-03-19"),
            // A loose count names every day it may mean: a few is 2 to 5, a couple 2 or 3,
            // several 3 to 7.
            ("what did we decide a few days ago", "2026-03-13", "2026-03-17"),
            ("a couple of days ago", "2026-03-15", "2026-03-17"),
            ("several weeks ago", "2026-01-28", "2026-03-04"),
            ("few months ago", "2025-10-01", "2026-02-01"),
            ("over the past few days", "2026-03-13", "2026-03-19"),
            ("in the last couple of weeks", "2026-02-25", "2026-03-19"),
        ]
        for (query, start, end) in expected {
            #expect(named(query) == [try period(start, end)], "\(query)")
        }
        // The reference is the search's instant, not the clock.
        #expect(
            NamedPeriods(
                query: "yesterday", reference: try ISO8601.parse("2024-01-01T00:30:00Z", field: "at")
            )
            .periods == [try period("2023-12-31", "2024-01-01")])
    }

    /// On a Monday the week has just begun and last Monday is a week back; on New Year's Day
    /// last month, last year and last week are the year before's.
    @Test func relativeTimesAcrossWeekAndYearBoundaries() throws {
        let monday = try ISO8601.parse("2024-01-01T00:00:00Z", field: "at")
        let expected: [(String, String, String)] = [
            ("this week", "2024-01-01", "2024-01-08"),
            ("last week", "2023-12-25", "2024-01-01"),
            ("last Monday", "2023-12-25", "2023-12-26"),
            ("on Sunday", "2023-12-31", "2024-01-01"),
            ("yesterday", "2023-12-31", "2024-01-01"),
            ("last month", "2023-12-01", "2024-01-01"),
            ("last year", "2023-01-01", "2024-01-01"),
            ("last December", "2023-12-01", "2024-01-01"),
            ("in January", "2024-01-01", "2024-02-01"),
        ]
        for (query, start, end) in expected {
            let periods = NamedPeriods(query: query, reference: monday).periods
            #expect(periods.last == (try period(start, end)), "\(query)")
        }
        let sunday = try ISO8601.parse("2023-12-31T23:59:59Z", field: "at")
        #expect(
            NamedPeriods(query: "this week", reference: sunday).periods == [
                try period("2023-12-25", "2024-01-01")
            ])
    }

    @Test func aMonthOrDayWithoutAYearNamesItInEachYearUpToTheReference() throws {
        // June has not come yet in March 2026: the Junes of 2007 to 2025.
        let june = named("what did we plant in June?")
        #expect(june.count == NamedPeriods.yearsBack - 1)
        #expect(june.first == (try period("2007-06-01", "2007-07-01")))
        #expect(june.last == (try period("2025-06-01", "2025-07-01")))
        // March has begun: 2007 to 2026.
        let march = named("during March")
        #expect(march.count == NamedPeriods.yearsBack)
        #expect(march.last == (try period("2026-03-01", "2026-04-01")))
        for query in ["on 5 June", "June 5th", "the 5th of June", "jun 5"] {
            let days = named(query)
            #expect(days.count == NamedPeriods.yearsBack - 1, "\(query)")
            #expect(days.last == (try period("2025-06-05", "2025-06-06")), "\(query)")
        }
        // The 18th of March has begun; the 19th has not.
        #expect(named("on 18 March").last == (try period("2026-03-18", "2026-03-19")))
        #expect(named("on 19 March").last == (try period("2025-03-19", "2025-03-20")))
        #expect(
            named("29 February").map(\.start)
                == (try [2008, 2012, 2016, 2020, 2024].map { try utc("\($0)-02-29") }))
    }

    @Test func aPeriodReachesADayBackAndItsGraceForward() throws {
        let named = NamedPeriods(query: "on 3 October 2023", reference: reference)
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

    /// "Yesterday" is the day before the search's `asOf`, or before now without one. The earlier
    /// turn has the lower id, so BM25's tie ranks it first unless the boost decides.
    @Test func aRelativeTimeIsReadAtTheSearchsInstant() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let early = try store.addEpisode(
            "we baked rye bread", role: "Ada",
            occurredAt: try ISO8601.parse("2024-05-02T10:00:00Z", field: "at"))
        let late = try store.addEpisode(
            "we baked rye bread", role: "Ada",
            occurredAt: try ISO8601.parse("2024-05-10T10:00:00Z", field: "at"))
        var options = SearchOptions(
            asOf: try ISO8601.parse("2024-05-11T09:00:00Z", field: "at"), conversationEvidence: 0,
            explain: true)
        options.namedPeriodGrace = 0
        let yesterday = try await store.search("what bread did we bake yesterday?", options: options)
        #expect(yesterday.episodes.map(\.item.id) == [late.id, early.id])
        #expect(yesterday.episodes.map(\.breakdown?.period) == [2, 1])
        let nineDaysAgo = try await store.search("what bread did we bake 9 days ago?", options: options)
        #expect(nineDaysAgo.episodes.map(\.item.id) == [early.id, late.id])
        #expect(nineDaysAgo.episodes.map(\.breakdown?.period) == [2, 1])

        let recent = try store.addEpisode(
            "we baked rye bread", role: "Ada", occurredAt: fixture.clock.now - 86_400)
        options.asOf = nil
        let now = try await store.search("what bread did we bake yesterday?", options: options)
        #expect(now.episodes.first?.item.id == recent.id)
        #expect(now.episodes.map(\.breakdown?.period) == [2, 1, 1])
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
