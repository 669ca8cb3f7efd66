/// The rules every stored identifier-like text obeys: no NUL or other control characters
/// (they break exports and terminals) and a bounded length.
enum TextRules {
    static func check(_ text: String, field: String, maxLength: Int = 10_000, allowNewlines: Bool = false)
        throws
    {
        if text.unicodeScalars.count > maxLength {
            throw MemographError.invalidArgument(field: field, reason: "longer than \(maxLength) characters")
        }
        for scalar in text.unicodeScalars where scalar.properties.generalCategory == .control {
            if allowNewlines, scalar == "\n" || scalar == "\t" || scalar == "\r" { continue }
            let code = String(scalar.value, radix: 16, uppercase: true)
            throw MemographError.invalidArgument(
                field: field, reason: "contains the control character U+\(code)")
        }
    }

    /// `text` without white space at either end (pure Swift: Foundation's trimming costs more
    /// than the write it guards on the hot path).
    static func trim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        if first == scalars.startIndex, last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[first...last])
    }

    /// Trims `text` and throws when nothing is left.
    static func nonEmpty(_ text: String, field: String, maxLength: Int = 1_000) throws -> String {
        let trimmed = trim(text)
        guard !trimmed.isEmpty else {
            throw MemographError.invalidArgument(field: field, reason: "must not be empty")
        }
        try check(trimmed, field: field, maxLength: maxLength)
        return trimmed
    }
}
