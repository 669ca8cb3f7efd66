import Foundation

/// Reads and writes the ISO 8601 forms every front end accepts: `2026-03-01`,
/// `2026-03-01T09:30:00Z`, with an offset (`+02:00`) or fractional seconds.
public enum ISO8601 {
    /// Parses `text`, throwing ``MemographError/invalidDate(field:value:)`` naming `field`.
    public static func parse(_ text: String, field: String) throws -> Date {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for options in optionSets {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = options
            if let date = formatter.date(from: trimmed) { return date }
        }
        throw MemographError.invalidDate(field: field, value: text)
    }

    /// `2026-03-01T09:30:00Z`, or with milliseconds when the date has them.
    public static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        let whole = date.timeIntervalSince1970.rounded(.down) == date.timeIntervalSince1970
        formatter.formatOptions =
            whole ? [.withInternetDateTime] : [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }

    private static let optionSets: [ISO8601DateFormatter.Options] = [
        [.withInternetDateTime],
        [.withInternetDateTime, .withFractionalSeconds],
        [.withFullDate],
        [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate],
    ]
}
