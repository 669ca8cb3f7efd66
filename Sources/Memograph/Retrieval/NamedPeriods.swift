import Foundation

/// The calendar days, months and years a query names — "on 3 October 2023", "October 3rd, 2023",
/// "in October 2023", "2023-10-03", "during 2023" — as UTC intervals, so that search can favour
/// what happened then. English month names and their abbreviations; a month needs a day or a
/// year beside it or a preposition before it ("in", "during", "throughout"), and so does a bare
/// year, so "May I ask" and "2023 users" name nothing. A date after "before", "after", "since",
/// "until", "by" or "as of" bounds a range rather than naming a time, and is left out.
///
/// Times said relative to the search's instant (its `asOf`, else now) are read too: "today",
/// "yesterday", "the day before yesterday", "last week" (the seven days before today), "this
/// week", "last month", "this year", "3 days ago", "two weeks ago", "the past 3 days" and "the last
/// two weeks" (until the end of today), "last Monday" and "on Friday" (the latest before today),
/// "last March". A month or day named without a year ("in June", "on 5 June") names it in each
/// of the ``yearsBack`` years up to that instant: the question does not say which, and a memory
/// may hold several.
struct NamedPeriods {
    /// A named period in store microseconds, `start` inclusive, `end` exclusive.
    struct Period: Equatable {
        var start: Int64
        var end: Int64
    }

    let periods: [Period]

    /// Whether the query names no period.
    var isEmpty: Bool { periods.isEmpty }

    /// How many years, up to the reference, a month or day named without a year covers.
    static let yearsBack = 20

    /// The periods `query` names; relative ones are resolved against `reference` (the search's
    /// event time), in UTC.
    init(query: String, reference: Date) {
        periods = Reader(tokens: Self.tokens(in: query), reference: reference).periods()
    }

    /// Whether something that held from `from` until `to` (nil: still holds; equal for an
    /// instant) falls in a named period, widened by a day before it (a day named in a time zone
    /// east of UTC starts the day before) and by `grace` after it (people tell of what just
    /// happened: "yesterday", "last week").
    func contains(from: Int64, to: Int64?, grace: Int64) -> Bool {
        periods.contains { period in
            from < period.end + grace && (to ?? .max) >= period.start - Self.day
        }
    }

    private static let day: Int64 = 86_400_000_000

    private static var calendar: Calendar { RelativeTime.calendar }

    /// Words after which a date bounds a range instead of naming a time.
    private static let bounds: Set<String> = ["before", "after", "since", "until", "till", "by"]

    /// Words before a bare year that make it a time ("in 2023"), not a count ("2023 users").
    private static let yearPrepositions: Set<String> = ["in", "during", "throughout"]

    /// Month names that are common words too ("this may fail", "who led this march?"): with no
    /// day or year beside them they name a month only when capitalised.
    private static let commonWordMonths: Set<String> = ["may", "march", "mar"]

    /// The query's runs of letters and digits, as written; an ISO date ("2023-10-03") or month
    /// ("2023-10") stays one token.
    private static func tokens(in query: String) -> [String] {
        query.split { !($0.isLetter || $0.isNumber || $0 == "-") }.flatMap { word in
            isoDate(word) != nil ? [String(word)] : word.split(separator: "-").map(String.init)
        }
    }

    /// Whether the words before `first` make the date a bound ("before", "as of").
    private static func bounded(_ tokens: [String], before first: Int) -> Bool {
        guard first > 0 else { return false }
        if bounds.contains(tokens[first - 1]) { return true }
        return first > 1 && tokens[first - 2] == "as" && tokens[first - 1] == "of"
    }

    private static func year(_ token: String) -> Int? {
        guard token.count == 4, let year = Int(token), (1900...2199).contains(year) else { return nil }
        return year
    }

    /// A day of the month, bare or ordinal ("3", "3rd", "21st").
    private static func day(_ token: String) -> Int? {
        var digits = Substring(token)
        for suffix in ["st", "nd", "rd", "th"] where digits.hasSuffix(suffix) {
            digits = digits.dropLast(2)
        }
        guard (1...2).contains(digits.count), let day = Int(digits), (1...31).contains(day) else {
            return nil
        }
        return day
    }

    /// Year, month and day (nil for a month) of an ISO date "2023-10-03" or month "2023-10".
    private static func isoDate(_ word: Substring) -> (Int, Int, Int?)? {
        let parts = word.split(separator: "-", omittingEmptySubsequences: false)
        guard (2...3).contains(parts.count), parts[0].count == 4,
            parts.dropFirst().allSatisfy({ $0.count == 2 }),
            let year = Int(parts[0]), let month = Int(parts[1]), (1900...2199).contains(year)
        else { return nil }
        guard parts.count == 3 else { return (year, month, nil) }
        guard let day = Int(parts[2]) else { return nil }
        return (year, month, day)
    }

    /// The day, month (day nil) or year (month nil) as an interval; nil for a date the calendar
    /// lacks (31 April).
    private static func period(year: Int, month: Int?, day: Int?) -> Period? {
        let components = DateComponents(year: year, month: month ?? 1, day: day ?? 1)
        guard (1...12).contains(components.month!), let start = calendar.date(from: components),
            calendar.component(.day, from: start) == components.day
        else { return nil }
        let unit: Calendar.Component = day != nil ? .day : month != nil ? .month : .year
        guard let end = calendar.date(byAdding: unit, value: 1, to: start) else { return nil }
        return Period(start: StoreTime.encode(start), end: StoreTime.encode(end))
    }
}

extension NamedPeriods {
    /// Reads the periods out of a query's tokens, resolving the relative ones against a reference.
    fileprivate struct Reader {
        /// The query's tokens lower-cased, and ``written`` as they are in it.
        let tokens: [String]
        let written: [String]
        let reference: Date
        /// The start of the reference's day.
        let today: Date
        /// Weekdays and counts as ingestion reads them ("last Monday", "two weeks ago").
        private let spoken: RelativeTime

        init(tokens: [String], reference: Date) {
            self.tokens = tokens.map { $0.lowercased() }
            written = tokens
            self.reference = reference
            today = NamedPeriods.calendar.startOfDay(for: reference)
            spoken = RelativeTime(reference: reference)
        }

        /// A period or periods, the index of the expression's first token (a day may come before
        /// its month, as in "3 October 2023") and how many tokens it takes.
        private typealias Match = (periods: [Period], first: Int, count: Int)

        func periods() -> [Period] {
            var periods: [Period] = []
            var index = 0
            while index < tokens.count {
                guard let match = match(at: index) else {
                    index += 1
                    continue
                }
                if !NamedPeriods.bounded(tokens, before: match.first) { periods += match.periods }
                index = match.first + match.count
            }
            return periods
        }

        private func token(_ index: Int) -> String? {
            tokens.indices.contains(index) ? tokens[index] : nil
        }

        private func match(at index: Int) -> Match? {
            let word = tokens[index]
            if let match = relative(at: index) { return match }
            if let (year, month, day) = NamedPeriods.isoDate(Substring(word)) {
                return NamedPeriods.period(year: year, month: month, day: day).map { ([$0], index, 1) }
            }
            if let month = RelativeTime.month(word) { return named(month, at: index) }
            if let year = NamedPeriods.year(word), let before = token(index - 1),
                NamedPeriods.yearPrepositions.contains(before)
            {
                return NamedPeriods.period(year: year, month: nil, day: nil).map { ([$0], index, 1) }
            }
            return nil
        }

        /// A month with its day and year around it ("3 October 2023", "October 3rd, 2023", "3rd of
        /// October 2023", "October 2023"), or named without a year ("on 3 October", "in October").
        private func named(_ month: Int, at index: Int) -> Match? {
            let dayBefore = token(index - 1).flatMap(NamedPeriods.day)
            let dayOfBefore = token(index - 1) == "of" ? token(index - 2).flatMap(NamedPeriods.day) : nil
            func dated(_ year: Int, _ day: Int?, first: Int, count: Int) -> Match? {
                NamedPeriods.period(year: year, month: month, day: day).map { ([$0], first, count) }
            }
            if let year = token(index + 1).flatMap(NamedPeriods.year) {
                if let dayBefore { return dated(year, dayBefore, first: index - 1, count: 3) }
                if let dayOfBefore { return dated(year, dayOfBefore, first: index - 2, count: 4) }
                return dated(year, nil, first: index, count: 2)
            }
            if let day = token(index + 1).flatMap(NamedPeriods.day) {
                if let year = token(index + 2).flatMap(NamedPeriods.year) {
                    return dated(year, day, first: index, count: 3)
                }
                return yearly(month, day, first: index, count: 2)
            }
            if let dayBefore { return yearly(month, dayBefore, first: index - 1, count: 2) }
            if let dayOfBefore { return yearly(month, dayOfBefore, first: index - 2, count: 3) }
            if let before = token(index - 1), NamedPeriods.yearPrepositions.contains(before),
                namesAlone(index)
            {
                return yearly(month, nil, first: index, count: 1)
            }
            return nil
        }

        /// Whether the month word at `index` names a month with no day or year beside it: "May"
        /// does, "may" does not.
        private func namesAlone(_ index: Int) -> Bool {
            !NamedPeriods.commonWordMonths.contains(tokens[index])
                || written[index].first?.isUppercase == true
        }

        /// A month or day without its year, in each of the last ``yearsBack`` years that it had
        /// begun by the reference.
        private func yearly(_ month: Int, _ day: Int?, first: Int, count: Int) -> Match? {
            let year = NamedPeriods.calendar.component(.year, from: reference)
            let reference = StoreTime.encode(self.reference)
            let periods = ((year - NamedPeriods.yearsBack + 1)...year).compactMap {
                NamedPeriods.period(year: $0, month: month, day: day)
            }.filter { $0.start <= reference }
            return periods.isEmpty ? nil : (periods, first, count)
        }

        /// A time said relative to the reference: "today", "yesterday", "last night", "last week",
        /// "this month", "last year", "the past 3 days", "the past few weeks", "last Monday",
        /// "on Friday", "last March", "3 days ago", "a couple of days ago".
        private func relative(at index: Int) -> Match? {
            let word = tokens[index]
            switch word {
            case "today", "tonight": return (span(today, .day), index, 1)
            case "yesterday":
                if token(index - 1) == "before", token(index - 2) == "day" {
                    return (span(shift(today, .day, -2), .day), index - 2, 3)
                }
                return (span(shift(today, .day, -1), .day), index, 1)
            case "past", "last":
                if word == "past", let unit = token(index + 1).flatMap(RelativeTime.unit) {
                    return (trailing(1, unit), index, 2)
                }
                if let (counts, length) = vague(at: index + 1),
                    let unit = token(index + 1 + length).flatMap(RelativeTime.unit)
                {
                    return (trailing(counts.upperBound, unit), index, length + 2)
                }
                guard let count = token(index + 1).flatMap(Self.count),
                    let unit = token(index + 2).flatMap(RelativeTime.unit)
                else { break }
                return (trailing(count, unit), index, 3)
            default: break
            }
            switch word {
            case "this", "last":
                guard let next = token(index + 1) else { return nil }
                let last = word == "last"
                switch next {
                case "morning", "afternoon", "evening": return last ? nil : (span(today, .day), index, 2)
                case "night": return (span(shift(today, .day, last ? -1 : 0), .day), index, 2)
                case "week":
                    let start = last ? shift(today, .day, -7) : spoken.startOfWeek(today)
                    return (span(start, .weekOfYear), index, 2)
                case "month", "year":
                    let unit: Calendar.Component = next == "month" ? .month : .year
                    return (span(shift(start(of: unit), unit, last ? -1 : 0), unit), index, 2)
                default: break
                }
                if last, let day = spoken.previous(weekday: next, before: today) {
                    return (span(day, .day), index, 2)
                }
                if let month = RelativeTime.month(next), namesAlone(index + 1) {
                    return lastOrThis(month, last: last).map { ($0, index, 2) }
                }
                return nil
            default: break
            }
            if token(index - 1) == "on", let day = spoken.previous(weekday: word, before: today) {
                return (span(day, .day), index, 1)
            }
            if let (counts, length) = vague(at: index),
                let unit = token(index + length).flatMap(RelativeTime.unit),
                token(index + length + 1) == "ago"
            {
                let period = Period(
                    start: ago(counts.upperBound, unit).start, end: ago(counts.lowerBound, unit).end)
                return ([period], index, length + 2)
            }
            guard let count = Self.count(word), let unit = token(index + 1).flatMap(RelativeTime.unit),
                token(index + 2) == "ago"
            else { return nil }
            return ([ago(count, unit)], index, 3)
        }

        /// "3 days ago" (that day), "two weeks ago" (the seven days from two weeks before today),
        /// "a month ago" (the calendar month before this one).
        private func ago(_ count: Int, _ unit: Calendar.Component) -> Period {
            let periods: [Period]
            switch unit {
            case .weekOfYear: periods = span(shift(today, .day, -7 * count), .weekOfYear)
            case .month, .year: periods = span(shift(start(of: unit), unit, -count), unit)
            default: periods = span(shift(today, .day, -count), .day)
            }
            return periods[0]
        }

        /// A count said loosely — "a few", "few", "a couple of", "several" — as the counts it may
        /// mean, and how many words say it.
        private func vague(at index: Int) -> (counts: ClosedRange<Int>, length: Int)? {
            let article = token(index) == "a" ? 1 : 0
            guard let word = token(index + article), let counts = Self.vagueCounts[word] else { return nil }
            let of = word == "couple" && token(index + article + 1) == "of" ? 1 : 0
            return (counts, article + 1 + of)
        }

        private static let vagueCounts: [String: ClosedRange<Int>] = [
            "few": 2...5, "couple": 2...3, "several": 3...7,
        ]

        /// "the past 3 days", "the last two weeks", "the past month": from that long before the
        /// start of today until the end of today.
        private func trailing(_ count: Int, _ unit: Calendar.Component) -> [Period] {
            let tomorrow = shift(today, .day, 1)
            return [
                Period(start: StoreTime.encode(shift(today, unit, -count)), end: StoreTime.encode(tomorrow))
            ]
        }

        /// A count of days, weeks, months or years: "3", "two", "a".
        private static func count(_ word: String) -> Int? {
            (Int(word) ?? RelativeTime.numberWords[word]).flatMap { (1...1000).contains($0) ? $0 : nil }
        }

        /// "last March": the latest March over before the reference's month began; "this March":
        /// the reference year's.
        private func lastOrThis(_ month: Int, last: Bool) -> [Period]? {
            let year = NamedPeriods.calendar.component(.year, from: reference)
            guard let named = NamedPeriods.period(year: year, month: month, day: nil) else { return nil }
            guard last, named.end > StoreTime.encode(start(of: .month)) else { return [named] }
            return NamedPeriods.period(year: year - 1, month: month, day: nil).map { [$0] }
        }

        /// The start of the reference's month or year.
        private func start(of unit: Calendar.Component) -> Date {
            NamedPeriods.calendar.dateInterval(of: unit, for: reference)?.start ?? today
        }

        private func shift(_ date: Date, _ unit: Calendar.Component, _ value: Int) -> Date {
            NamedPeriods.calendar.date(byAdding: unit, value: value, to: date) ?? date
        }

        /// The `unit` (a day, a week, a month, a year) that starts at `start`.
        private func span(_ start: Date, _ unit: Calendar.Component) -> [Period] {
            [Period(start: StoreTime.encode(start), end: StoreTime.encode(shift(start, unit, 1)))]
        }
    }
}
