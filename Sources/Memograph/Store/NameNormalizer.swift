import Foundation

/// Folds names so that "  Ada   Lovelace", "ada lovelace" and "ＡＤＡ Lovelace" find the same entity.
public enum NameNormalizer {
    /// Compatibility-folded, lower-cased, trimmed, with inner white space collapsed to one space.
    public static func normalize(_ name: String) -> String {
        // ASCII needs no compatibility folding, and most names are ASCII.
        if name.utf8.allSatisfy({ $0 < 0x80 }) {
            return name.lowercased().split(whereSeparator: { $0 == " " || ($0.asciiValue ?? 32) < 32 })
                .joined(separator: " ")
        }
        return name.precomposedStringWithCompatibilityMapping
            .lowercased()
            .split(whereSeparator: { $0.isWhitespace })
            .joined(separator: " ")
    }
}
