/// The words the rule extractor reads names by, computed once per ontology: class words
/// ("team", "repo", "service" and their plurals → class), function words that are never names,
/// and those plus the relation phrasings' words, which never start a bare name.
struct ExtractionVocabulary: Sendable {
    let classWords: [String: String]
    let functionWords: Set<String>
    let reserved: Set<String>

    static let pronouns: Set<String> = [
        "i", "me", "my", "mine", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "they",
        "them", "their", "it", "its", "this", "that", "these", "those", "there", "here", "who", "what",
        "which", "someone", "everyone", "nobody", "anyone", "myself", "yourself", "himself", "herself",
        "itself", "ourselves", "themselves",
    ]
    static let commonWords: Set<String> = [
        "and", "or", "but", "so", "if", "then", "than", "to", "of", "in", "on", "at", "by", "for", "with",
        "from", "as", "into", "about", "after", "before", "over", "under", "new", "old", "same", "other",
        "whole", "previous", "current", "entire", "next", "last", "first", "main", "good", "great", "ok",
        "okay", "yes", "no", "not", "hey", "hi", "hello", "thanks", "please", "oh", "well", "also", "just",
        "today", "yesterday", "tomorrow", "tonight", "update", "note", "fyi", "btw", "'s", "'ll", "'ve", "'d",
        "wow", "haha", "lol", "really", "very", "some", "any", "every", "each", "one", "two", "three", "four",
        "five", "six", "seven", "eight", "nine", "ten", "both", "many", "few", "several", "more", "most",
        "how", "why", "when", "where", "whether", "enough",
    ]

    init(ontology: Ontology, phrasebook: RelationPhrasebook) {
        var classWords: [String: String] = [:]
        for ontologyClass in ontology.classes {
            for label in [ontologyClass.name] + ontologyClass.labels + ontologyClass.altLabels
            where !label.contains(" ") {
                classWords[label.lowercased()] = ontologyClass.name
                classWords[label.lowercased() + "s"] = ontologyClass.name
            }
        }
        self.classWords = classWords
        functionWords = Self.pronouns.union(Self.commonWords)
            .union(RelationPhrasebook.auxiliaries).union(RelationPhrasebook.determiners)
            .union(RelationPhrasebook.negations).union(RelativeTime.months).union(RelativeTime.weekdays)
        reserved = functionWords.union(phrasebook.words)
    }
}
