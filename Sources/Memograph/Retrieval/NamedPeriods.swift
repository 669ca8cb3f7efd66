import Foundation

/// The calendar days, months and years a query names — "on 3 October 2023", "October 3rd, 2023",
/// "in October 2023", "2023-10-03", "during 2023" — as UTC intervals, so that search can favour
/// what happened then. English month names and their abbreviations; a month needs a day or a
/// year beside it and a bare year a preposition before it ("in", "during", "throughout"), so "May
/// I ask" and "2023 users" name nothing. A date after "before", "after", "since", "until", "by" or
/// "as of" bounds a range rather than naming a time, and is left out.
struct NamedPeriods {
    /// A named period in store microseconds, `start` inclusive, `end` exclusive.
    struct Period: Equatable {
        var start: Int64
        var end: Int64
    }

    let periods: [Period]

    /// Whether the query names no period.
    var isEmpty: Bool { periods.isEmpty }

    init(query: String) {
        periods = Self.periods(in: Self.tokens(in: query))
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

    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    private static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9,
        "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]

    /// Words after which a date bounds a range instead of naming a time.
    private static let bounds: Set<String> = ["before", "after", "since", "until", "till", "by"]

    /// Words before a bare year that make it a time ("in 2023"), not a count ("2023 users").
    private static let yearPrepositions: Set<String> = ["in", "during", "throughout"]

    /// The query's lower-cased runs of letters and digits; an ISO date ("2023-10-03") or month
    /// ("2023-10") stays one token.
    private static func tokens(in query: String) -> [String] {
        query.lowercased().split { !($0.isLetter || $0.isNumber || $0 == "-") }.flatMap { word in
            isoDate(word) != nil ? [String(word)] : word.split(separator: "-").map(String.init)
        }
    }

    private static func periods(in tokens: [String]) -> [Period] {
        var periods: [Period] = []
        var index = 0
        while index < tokens.count {
            guard let (period, first, count) = match(tokens, at: index) else {
                index += 1
                continue
            }
            if !bounded(tokens, before: first) { periods.append(period) }
            index = first + count
        }
        return periods
    }

    /// The period named by the tokens starting at `index`, the index of its first token (a day
    /// may come before a month, as "3 October 2023" or "3rd of October 2023") and its length.
    private static func match(_ tokens: [String], at index: Int) -> (Period, first: Int, count: Int)? {
        func token(_ offset: Int) -> String? {
            tokens.indices.contains(index + offset) ? tokens[index + offset] : nil
        }
        if let (year, month, day) = isoDate(Substring(tokens[index])) {
            return period(year: year, month: month, day: day).map { ($0, index, 1) }
        }
        if let month = months[tokens[index]] {
            if let year = token(1).flatMap(year) {
                if let day = token(-1).flatMap(day) {
                    return period(year: year, month: month, day: day).map { ($0, index - 1, 3) }
                }
                if token(-1) == "of", let day = token(-2).flatMap(day) {
                    return period(year: year, month: month, day: day).map { ($0, index - 2, 4) }
                }
                return period(year: year, month: month, day: nil).map { ($0, index, 2) }
            }
            if let day = token(1).flatMap(day), let year = token(2).flatMap(year) {
                return period(year: year, month: month, day: day).map { ($0, index, 3) }
            }
            return nil
        }
        if let year = year(tokens[index]), let before = token(-1), yearPrepositions.contains(before) {
            return period(year: year, month: nil, day: nil).map { ($0, index, 1) }
        }
        return nil
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
