/// One word of an episode as the rule extractor sees it: the text as written, its lower-case
/// form, and what it looks like (a word, a number, a version, a host name, …).
struct TextToken: Hashable, Sendable {
    enum Kind: Hashable, Sendable {
        case word
        case number
        /// `1.4.2`, `v2.0`, `3.11-rc1`.
        case version
        /// `db1.acme.internal`.
        case host
        /// `@ada`.
        case handle
        /// `acme/api`.
        case slashName
        /// `,` or `;`: ends a clause.
        case separator
    }

    var text: String
    var lower: String
    var kind: Kind

    /// Whether the token starts with a capital letter (a proper-name candidate).
    var isCapitalized: Bool { text.first?.isUppercase == true }

    /// The sentences of `text`, each as its tokens, with the sentence as written.
    static func sentences(of text: String) -> [(sentence: String, tokens: [TextToken])] {
        var result: [(String, [TextToken])] = []
        var tokens: [TextToken] = []
        var words: [Substring] = []
        func flush() {
            if !tokens.isEmpty { result.append((words.joined(separator: " "), tokens)) }
            tokens = []
            words = []
        }
        for raw in text.split(whereSeparator: \.isWhitespace) {
            words.append(raw)
            var core = Substring(raw)
            var trailing: [Character] = []
            while let last = core.last, ",;:!?.)]}\"'”’".contains(last) {
                trailing.insert(last, at: 0)
                core = core.dropLast()
            }
            while let first = core.first, "([{\"'“‘".contains(first) { core = core.dropFirst() }
            if !core.isEmpty { tokens.append(contentsOf: split(String(core))) }
            if trailing.contains(where: { ",;:".contains($0) }) {
                tokens.append(TextToken(text: ",", lower: ",", kind: .separator))
            }
            if trailing.contains(where: { ".!?".contains($0) }) { flush() }
        }
        flush()
        return result
    }

    /// One whitespace-free piece, classified; `I'm` becomes `I am`, `Ada's` becomes `Ada 's`,
    /// `doesn't` stays one word.
    private static func split(_ core: String) -> [TextToken] {
        var lower = core.lowercased()
        if lower.contains("’") { lower = lower.replacingOccurrences(of: "’", with: "'") }
        if lower == "i'm" { return [TextToken(text: "I", lower: "i", kind: .word), word("am")] }
        if lower.hasSuffix("'s") || lower.hasSuffix("'ve") || lower.hasSuffix("'ll") || lower.hasSuffix("'d")
        {
            let apostrophe = core.lastIndex(where: { $0 == "'" || $0 == "’" })!
            let base = String(core[..<apostrophe])
            let suffix = "'" + String(core[core.index(after: apostrophe)...]).lowercased()
            return [TextToken(text: base, lower: base.lowercased(), kind: classify(base)), word(suffix)]
        }
        return [TextToken(text: core, lower: lower, kind: classify(core))]
    }

    private static func word(_ text: String) -> TextToken {
        TextToken(text: text, lower: text, kind: .word)
    }

    static func classify(_ text: String) -> Kind {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first else { return .word }
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
        func isLetter(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isAlphabetic }
        if first == "@", scalars.count > 1,
            scalars.dropFirst().allSatisfy({
                isLetter($0) || isDigit($0) || "._-".unicodeScalars.contains($0)
            })
        {
            return .handle
        }
        if scalars.allSatisfy(isDigit) { return .number }
        let body = (first == "v" || first == "V") ? Array(scalars.dropFirst()) : scalars
        if let head = body.first, isDigit(head), body.contains("."),
            isVersion(String(String.UnicodeScalarView(body)))
        {
            return .version
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isNameCharacter) }) {
            return .slashName
        }
        let labels = text.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        if labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && $0.allSatisfy(isHostCharacter) }),
            let top = labels.last, top.count >= 2, top.allSatisfy(\.isLetter)
        {
            return .host
        }
        return .word
    }

    private static func isVersion(_ text: String) -> Bool {
        let main = text.split(separator: "-", maxSplits: 1).first ?? ""
        let numbers = main.split(separator: ".", omittingEmptySubsequences: false)
        return numbers.count >= 2 && numbers.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || "._-".contains(character)
    }

    private static func isHostCharacter(_ character: Character) -> Bool {
        (character.isLetter && character.isASCII) || character.isNumber || character == "-"
    }
}
