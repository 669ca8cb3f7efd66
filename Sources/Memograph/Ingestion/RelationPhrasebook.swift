/// The phrasings of each relation, read from the ontology — labels, skos:altLabels and
/// `mg:extractionPhrase` annotations — normalised so that the words between a subject and an
/// object ("is now on", "reports to", "prefer") find the relations they may express.
struct RelationPhrasebook: Sendable {
    /// Normalised phrase → names of the properties it may express.
    private let phrases: [String: [String]]
    /// Every word used by some phrase: such words never start a name.
    let words: Set<String>

    /// Leading auxiliaries that carry tense, not meaning: "is on" and "was on" read as "on".
    static let auxiliaries: Set<String> = [
        "is", "are", "am", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would",
        "do", "does", "did",
    ]
    /// Adverbs dropped from the words between subject and object.
    static let adverbs: Set<String> = [
        "now", "also", "still", "currently", "recently", "officially", "just", "already", "actually",
        "really", "finally", "mostly", "usually", "always", "again", "both", "all", "then", "since",
        "definitely", "totally", "permanently", "temporarily",
    ]
    /// Words that end a phrase and begin the object.
    static let determiners: Set<String> = [
        "the", "a", "an", "my", "our", "your", "his", "her", "their", "its", "this", "that", "these", "those",
    ]
    /// Words that negate a statement: the extractor stores nothing from a negated clause.
    static let negations: Set<String> = [
        "not", "never", "no", "nor", "cannot", "don't", "doesn't", "didn't", "isn't", "aren't", "wasn't",
        "weren't", "won't", "can't", "shouldn't", "wouldn't", "hasn't", "haven't", "longer",
    ]

    init(ontology: Ontology) {
        var phrases: [String: [String]] = [:]
        var words = Set<String>()
        for property in ontology.properties {
            let written = property.labels + property.altLabels + property.extractionPhrases
            for phrase in written {
                let key = Self.normalize(phrase.lowercased().split(separator: " ").map(String.init))
                guard !key.isEmpty else { continue }
                for variant in Self.variants(of: key)
                where !(phrases[variant]?.contains(property.name) ?? false) {
                    phrases[variant, default: []].append(property.name)
                    words.formUnion(variant.split(separator: " ").map(String.init))
                }
            }
        }
        self.phrases = phrases
        self.words = words
    }

    /// The properties the words between a subject and an object may express.
    func properties(for words: [String]) -> [String] {
        let key = Self.normalize(words)
        return key.isEmpty ? [] : phrases[key] ?? []
    }

    /// Lower-case words without leading auxiliaries, adverbs anywhere, or trailing determiners.
    static func normalize(_ words: [String]) -> String {
        var kept = words.filter { !adverbs.contains($0) }
        while let first = kept.first, auxiliaries.contains(first), kept.count > 1 { kept.removeFirst() }
        while let last = kept.last, determiners.contains(last) { kept.removeLast() }
        return kept.joined(separator: " ")
    }

    /// The phrase and its base verb form ("prefers" → "prefer", "relies on" → "rely on") so
    /// that "I prefer", "we use" and "they rely on" are read too.
    private static func variants(of key: String) -> [String] {
        var words = key.split(separator: " ").map(String.init)
        guard let first = words.first, first.count > 3, first.hasSuffix("s"), !first.hasSuffix("ss") else {
            return [key]
        }
        if first.hasSuffix("ies") {
            words[0] = String(first.dropLast(3)) + "y"
        } else if first.hasSuffix("shes") || first.hasSuffix("ches") {
            words[0] = String(first.dropLast(2))
        } else {
            words[0] = String(first.dropLast())
        }
        return [key, words.joined(separator: " ")]
    }
}
