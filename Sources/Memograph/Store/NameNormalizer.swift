import Foundation

/// Folds names so that "  Ada   Lovelace", "ada lovelace" and "ＡＤＡ Lovelace" find the same entity.
public enum NameNormalizer {
    /// Compatibility-folded, lower-cased, trimmed, with inner white space collapsed to one space.
    public static func normalize(_ name: String) -> String {
        name.precomposedStringWithCompatibilityMapping
            .lowercased()
            .split(whereSeparator: { $0.isWhitespace })
            .joined(separator: " ")
    }
}
