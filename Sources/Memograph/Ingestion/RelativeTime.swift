import Foundation

/// Reads time expressions in a sentence ("yesterday", "last week", "3 days ago", "since March",
/// "on 2026-03-05", "last Monday") and resolves them against the episode's time, in UTC, to the
/// start of the day they name.
struct RelativeTime {
    /// The instant the expression names and the token positions it covers.
    struct Match {
        var range: Range<Int>
        var date: Date
    }

    let reference: Date
    /// The start of the reference's day.
    private let today: Date

    /// The Gregorian calendar in UTC that ingestion's dates and a query's named periods are read in.
    static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    init(reference: Date) {
        self.reference = reference
        today = Self.calendar.startOfDay(for: reference)
    }

    static let months = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december",
    ]
    /// Each month's number by its name, its first three letters, and "sept".
    private static let monthNumbers: [String: Int] = {
        var numbers = ["sept": 9]
        for (index, name) in months.enumerated() {
            numbers[name] = index + 1
            numbers[String(name.prefix(3))] = index + 1
        }
        return numbers
    }()
    static let weekdays = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"]
    static let numberWords = [
        "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
        "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    ]
    /// Words that introduce a time and belong to the expression.
    private static let prepositions: Set<String> = ["since", "in", "on", "from", "as", "of", "starting"]

    /// Every time expression in `words` (lower-cased tokens), left to right.
    func matches(in words: [String]) -> [Match] {
        var found: [Match] = []
        var index = 0
        while index < words.count {
            if let match = match(at: index, in: words) {
                found.append(match)
                index = match.range.upperBound
            } else {
                index += 1
            }
        }
        return found
    }

    private func match(at start: Int, in words: [String]) -> Match? {
        var index = start
        while index < words.count, Self.prepositions.contains(words[index]) { index += 1 }
        guard index < words.count else { return nil }
        func done(_ end: Int, _ date: Date?) -> Match? {
            date.map { Match(range: start..<end, date: $0) }
        }
        func word(_ offset: Int) -> String? {
            index + offset < words.count ? words[index + offset] : nil
        }
        switch words[index] {
        case "today", "tonight": return done(index + 1, today)
        case "yesterday": return done(index + 1, Self.calendar.date(byAdding: .day, value: -1, to: today))
        case "this" where ["morning", "afternoon", "evening", "week"].contains(word(1) ?? ""):
            return done(index + 2, word(1) == "week" ? startOfWeek(today) : today)
        case "last":
            switch word(1) {
            case "week": return done(index + 2, Self.calendar.date(byAdding: .day, value: -7, to: today))
            case "month": return done(index + 2, Self.calendar.date(byAdding: .month, value: -1, to: today))
            case "year": return done(index + 2, Self.calendar.date(byAdding: .year, value: -1, to: today))
            case let day? where Self.weekdays.contains(day):
                return done(index + 2, previous(weekday: day, before: today))
            default: return nil
            }
        default: break
        }
        if let count = Int(words[index]) ?? Self.numberWords[words[index]], let unit = word(1),
            word(2) == "ago"
        {
            guard let component = Self.unit(unit) else { return nil }
            return done(index + 3, Self.calendar.date(byAdding: component, value: -count, to: today))
        }
        if Self.weekdays.contains(words[index]), index > start {
            return done(index + 1, previous(weekday: words[index], before: today))
        }
        if words[index].count >= 10, words[index].first?.isNumber == true, words[index].contains("-"),
            let date = try? ISO8601.parse(words[index], field: "date")
        {
            return done(index + 1, date)
        }
        return monthExpression(at: index, start: start, in: words)
    }

    /// `March`, `March 5`, `5 March`, `March 2026`, `March 5, 2026`: the latest such day not after
    /// the reference when the year is not written. A month without a day or year needs a
    /// preposition before it ("since March"): "may" alone is a verb.
    private func monthExpression(at index: Int, start: Int, in words: [String]) -> Match? {
        var position = index
        var day: Int?
        if let number = Int(words[position].filter(\.isNumber)), (1...31).contains(number),
            words[position].first?.isNumber == true, position + 1 < words.count,
            Self.month(words[position + 1]) != nil
        {
            day = number
            position += 1
        }
        guard let month = Self.month(words[position]) else { return nil }
        let followedByNumber = position + 1 < words.count && Int(words[position + 1]) != nil
        guard index > start || day != nil || followedByNumber else { return nil }
        position += 1
        if day == nil, position < words.count,
            let number = Int(words[position].filter(\.isNumber)), (1...31).contains(number)
        {
            day = number
            position += 1
        }
        var year: Int?
        if position < words.count, let number = Int(words[position]), (1900...2200).contains(number) {
            year = number
            position += 1
        }
        let referenceYear = Self.calendar.component(.year, from: reference)
        func date(_ year: Int) -> Date? {
            Self.calendar.date(from: DateComponents(year: year, month: month, day: day ?? 1))
        }
        let resolved: Date?
        if let year {
            resolved = date(year)
        } else if let candidate = date(referenceYear), candidate <= reference {
            resolved = candidate
        } else {
            resolved = date(referenceYear - 1)
        }
        return resolved.map { Match(range: start..<position, date: $0) }
    }

    /// The number (1–12) of the month a lower-cased word names — "october", "oct", "sept" — shared
    /// by ingestion's dates and a query's named periods.
    static func month(_ word: String) -> Int? { monthNumbers[word] }

    /// The calendar unit a word counts in: "day" or "days", "week(s)", "month(s)", "year(s)".
    static func unit(_ word: String) -> Calendar.Component? {
        switch word {
        case "day", "days": .day
        case "week", "weeks": .weekOfYear
        case "month", "months": .month
        case "year", "years": .year
        default: nil
        }
    }

    /// The latest `name`d weekday ("monday") before `day`; nil for a word that is no weekday.
    func previous(weekday name: String, before day: Date) -> Date? {
        guard let target = Self.weekdays.firstIndex(of: name) else { return nil }
        let current = Self.calendar.component(.weekday, from: day) - 1
        var back = (current - target + 7) % 7
        if back == 0 { back = 7 }
        return Self.calendar.date(byAdding: .day, value: -back, to: day)
    }

    /// The Monday that starts `day`'s week.
    func startOfWeek(_ day: Date) -> Date {
        let weekday = (Self.calendar.component(.weekday, from: day) + 5) % 7
        return Self.calendar.date(byAdding: .day, value: -weekday, to: day) ?? day
    }
}
