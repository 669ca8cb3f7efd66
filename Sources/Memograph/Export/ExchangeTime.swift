import Foundation

/// Writes and reads the stored microsecond timestamps as ISO 8601 UTC text
/// (`2026-03-01T09:30:00.123456Z`, the fraction omitted when zero), exactly and without a
/// formatter per call, so exports keep every stored instant and a million rows stay cheap.
enum ExchangeTime {
    static func format(micros: Int64) -> String {
        var bytes: [UInt8] = []
        append(micros: micros, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the text of ``format(micros:)`` to `bytes` without building a string.
    static func append(micros: Int64, to bytes: inout [UInt8]) {
        let seconds = micros.floorDivided(by: 1_000_000)
        let fraction = micros - seconds * 1_000_000
        let days = seconds.floorDivided(by: 86_400)
        let secondOfDay = seconds - days * 86_400
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        func put(_ value: Int64, _ width: Int) {
            guard value >= 0, value < 10_000 || width > 4 else {
                bytes.append(contentsOf: String(value).utf8)
                return
            }
            var divisor: Int64 = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        put(year, 4)
        bytes.append(UInt8(ascii: "-"))
        put(month, 2)
        bytes.append(UInt8(ascii: "-"))
        put(day, 2)
        bytes.append(UInt8(ascii: "T"))
        put(secondOfDay / 3600, 2)
        bytes.append(UInt8(ascii: ":"))
        put(secondOfDay / 60 % 60, 2)
        bytes.append(UInt8(ascii: ":"))
        put(secondOfDay % 60, 2)
        if fraction != 0 {
            bytes.append(UInt8(ascii: "."))
            put(fraction, 6)
        }
        bytes.append(UInt8(ascii: "Z"))
    }

    /// Parses the form ``format(micros:)`` writes exactly; other ISO 8601 forms (dates, offsets)
    /// go through ``ISO8601/parse(_:field:)``.
    static func parse(_ text: String, field: String) throws -> Int64 {
        if let micros = parseCanonical(Array(text.utf8)) { return micros }
        return StoreTime.encode(try ISO8601.parse(text, field: field))
    }

    private static func parseCanonical(_ bytes: [UInt8]) -> Int64? {
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"), bytes[4] == UInt8(ascii: "-"),
            bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
            bytes[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int64? {
            var value: Int64 = 0
            for index in range {
                let digit = bytes[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int64(digit)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        var fraction: Int64 = 0
        if bytes.count > 20 {
            let digits = bytes.count - 21
            guard bytes[19] == UInt8(ascii: "."), (1...6).contains(digits),
                let value = number(20..<(20 + digits))
            else { return nil }
            fraction = value
            for _ in digits..<6 { fraction *= 10 }
        } else if bytes.count != 20 {
            return nil
        }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        return ((days * 86_400 + hour * 3600 + minute * 60 + second) * 1_000_000) + fraction
    }

    /// Howard Hinnant's `civil_from_days`: the proleptic Gregorian date of a day count.
    private static func civilDate(daysSinceEpoch days: Int64) -> (Int64, Int64, Int64) {
        let shifted = days + 719_468
        let era = shifted.floorDivided(by: 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Howard Hinnant's `days_from_civil`.
    private static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = y.floorDivided(by: 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension Int64 {
    fileprivate func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
