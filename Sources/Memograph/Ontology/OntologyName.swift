import Foundation

/// How names written by people and models ("is member of", "member_of", "memberOf",
/// "People") are matched against an ontology's local names, labels and synonyms.
public enum OntologyName {
    /// Words that may lead a relation or class name without changing what it names
    /// ("is member of" → memberOf, "the person" → Person).
    static let leadingFillers: Set<String> = [
        "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "a", "an", "the",
    ]

    /// The local name of an IRI: what follows its `#`, else its last `/`, else its last `:`.
    public static func localName(of iri: String) -> String {
        for separator in ["#", "/", ":"] as [Character] {
            if let index = iri.lastIndex(of: separator), iri.index(after: index) < iri.endIndex {
                return String(iri[iri.index(after: index)...])
            }
        }
        return iri
    }

    /// The lookup key of a name: its words, case- and diacritic-folded, joined without
    /// separators, so "Member of", "member_of", "memberOf" and "member-of" share `memberof`.
    public static func key(_ name: String) -> String {
        words(of: name).joined()
    }

    /// The keys to try, best first, when resolving a name: the name itself, then without
    /// leading filler words, then each of those with a plural last word made singular.
    static func candidateKeys(_ name: String) -> [String] {
        var words = words(of: name)
        var keys = [words.joined()]
        while words.count > 1, let first = words.first, leadingFillers.contains(first) {
            words.removeFirst()
            keys.append(words.joined())
        }
        for key in keys {
            if let singular = singular(of: key) { keys.append(singular) }
        }
        var seen = Set<String>()
        return keys.filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// Splits on anything that is not a letter or digit and at camel-case boundaries
    /// ("HTTPServer" → http, server), then folds case and diacritics.
    static func words(of name: String) -> [String] {
        if name.utf8.allSatisfy({ $0 < 0x80 }) { return asciiWords(of: Array(name.utf8)) }
        var words: [String] = []
        var current: [Character] = []
        let characters = Array(name)
        for (index, character) in characters.enumerated() {
            guard character.isLetter || character.isNumber else {
                if !current.isEmpty { words.append(String(current)) }
                current = []
                continue
            }
            if let previous = current.last, character.isUppercase,
                startsWord(
                    previousIsLower: previous.isLowercase, previousIsDigit: previous.isNumber,
                    previousIsUpper: previous.isUppercase,
                    nextIsLower: index + 1 < characters.count && characters[index + 1].isLowercase)
            {
                words.append(String(current))
                current = []
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(String(current)) }
        return words.map { $0.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
    }

    /// The same split for ASCII names (nearly all of them), without Unicode property lookups.
    private static func asciiWords(of bytes: [UInt8]) -> [String] {
        func isUpper(_ byte: UInt8) -> Bool { byte >= 65 && byte <= 90 }
        func isLower(_ byte: UInt8) -> Bool { byte >= 97 && byte <= 122 }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        var words: [String] = []
        var current: [UInt8] = []
        for (index, byte) in bytes.enumerated() {
            guard isUpper(byte) || isLower(byte) || isDigit(byte) else {
                if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
                current = []
                continue
            }
            if let previous = current.last, isUpper(byte),
                startsWord(
                    previousIsLower: isLower(previous), previousIsDigit: isDigit(previous),
                    previousIsUpper: isUpper(previous),
                    nextIsLower: index + 1 < bytes.count && isLower(bytes[index + 1]))
            {
                words.append(String(decoding: current, as: UTF8.self))
                current = []
            }
            current.append(isUpper(byte) ? byte + 32 : byte)
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }

    /// Whether an uppercase letter starts a new word: after a lowercase letter or digit
    /// ("memberOf"), or as the last capital of an acronym ("HTTPServer").
    private static func startsWord(
        previousIsLower: Bool, previousIsDigit: Bool, previousIsUpper: Bool, nextIsLower: Bool
    ) -> Bool {
        previousIsLower || previousIsDigit || (previousIsUpper && nextIsLower)
    }

    private static func singular(of key: String) -> String? {
        if key.hasSuffix("ies"), key.count > 4 { return String(key.dropLast(3)) + "y" }
        if key.hasSuffix("sses") || key.hasSuffix("xes") || key.hasSuffix("ches") || key.hasSuffix("shes") {
            return String(key.dropLast(2))
        }
        if key.hasSuffix("s"), !key.hasSuffix("ss"), key.count > 3 { return String(key.dropLast()) }
        return nil
    }
}
