import Foundation

/// Replaces the names of a forgotten entity in texts that are kept: whole-word, case-insensitive
/// occurrences of each name and alias (and `@name`) become ``marker``.
struct Redaction {
    /// What a forgotten name is replaced with.
    static let marker = "[forgotten]"

    private let patterns: [NSRegularExpression]
    /// Lower-cased names, for a cheap first test.
    let needles: [String]

    init(names: [String]) {
        let names = Set(names.map(TextRules.trim).filter { !$0.isEmpty }).sorted { $0.count > $1.count }
        needles = names.map { $0.lowercased() }
        patterns = names.compactMap { name in
            let escaped = NSRegularExpression.escapedPattern(for: name)
            return try? NSRegularExpression(
                pattern: "@?(?<![\\p{L}\\p{N}])\(escaped)(?![\\p{L}\\p{N}])", options: [.caseInsensitive])
        }
    }

    /// Whether `text` may contain a name (a substring test, before the exact one).
    func mayMatch(_ text: String) -> Bool {
        let lower = text.lowercased()
        return needles.contains { lower.contains($0) }
    }

    /// `text` with every name replaced, or nil when it names none of them.
    func apply(_ text: String) -> String? {
        guard mayMatch(text) else { return nil }
        var result = text
        for pattern in patterns {
            result = pattern.stringByReplacingMatches(
                in: result, range: NSRange(result.startIndex..., in: result), withTemplate: Self.marker)
        }
        return result == text ? nil : result
    }
}
