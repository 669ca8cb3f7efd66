import Foundation

/// Times are stored as whole microseconds since 1970 so that comparisons in SQL are exact.
enum StoreTime {
    static func encode(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
    }

    static func decode(_ micros: Int64) -> Date {
        Date(timeIntervalSince1970: Double(micros) / 1_000_000)
    }

    /// A duration in the stored unit.
    static func microseconds(_ interval: TimeInterval) -> Int64 { Int64((interval * 1_000_000).rounded()) }

    /// Rounds a date to the stored precision, so that values read back compare equal.
    static func truncate(_ date: Date) -> Date { decode(encode(date)) }
}
