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
        var words: [String] = []
        var current: [Character] = []
        let characters = Array(name)
        for (index, character) in characters.enumerated() {
            guard character.isLetter || character.isNumber else {
                if !current.isEmpty { words.append(String(current)) }
                current = []
                continue
            }
            if let previous = current.last, character.isUppercase {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                let startsWord =
                    previous.isLowercase || previous.isNumber
                    || (previous.isUppercase && next?.isLowercase == true)
                if startsWord {
                    words.append(String(current))
                    current = []
                }
            }
            current.append(character)
        }
        if !current.isEmpty { words.append(String(current)) }
        return words.map { $0.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil) }
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
