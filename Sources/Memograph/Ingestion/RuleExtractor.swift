import Foundation

/// The offline extractor: reads `subject — phrase → object` clauses whose phrase is one of the
/// ontology's phrasings of a relation (labels, altLabels, `mg:extractionPhrase`), checks them
/// against the relation's domain and range, and resolves relative times against the episode.
///
/// Deterministic, and it prefers storing nothing to storing a wrong fact: a negated clause, an
/// ambiguous phrase or name, or an unknown speaker yields no fact.
public struct RuleExtractor: SynchronousExtractor {
    /// `rules`.
    public var name: String { "rules" }

    private let ontology: Ontology
    private let phrasebook: RelationPhrasebook
    private let vocabulary: ExtractionVocabulary

    /// An extractor for the relations of `ontology` (the bundled default when nil).
    public init(ontology: Ontology? = nil) throws {
        let ontology = try ontology ?? OntologyLoader.loadDefault()
        self.ontology = ontology
        self.phrasebook = RelationPhrasebook(ontology: ontology)
        self.vocabulary = ExtractionVocabulary(ontology: ontology, phrasebook: phrasebook)
    }

    /// Words that may open a clause before its subject.
    private static let openers: Set<String> = [
        "so", "also", "btw", "ok", "okay", "oh", "well", "now", "then", "actually", "fyi", "just", "and",
        "but",
        "update", "note", "hey", "hi", "yes", "yeah", "heads", "up", "reminder", "fun", "fact", "anyway",
        "ignore", "please",
    ]
    /// Subjects a verb-first clause may have ("we moved the api to port 9090").
    private static let pronounSubjects: Set<String> = ["we", "i", "they", "you", "someone", "he", "she"]
    /// Words after a free-text object that are not part of it.
    private static let trailingFillers: Set<String> = [
        "now", "instead", "please", "too", "again", "anymore", "on", "from", "thanks", "then", "though",
    ]

    /// The candidate entities and facts of one episode (``extractNow(_:)``).
    public func extract(_ context: ExtractionContext) async throws -> Extraction {
        extractNow(context)
    }

    /// The same as ``extract(_:)``, without suspending.
    public func extractNow(_ context: ExtractionContext) -> Extraction {
        var entities: [CandidateEntity] = []
        var facts: [CandidateFact] = []
        let time = RelativeTime(reference: context.occurredAt)
        for segment in context.segments {
            let finder = MentionFinder(
                context: context, segment: segment, ontology: ontology, vocabulary: vocabulary)
            for (sentence, tokens) in TextToken.sentences(of: segment.text) {
                let lower = tokens.map(\.lower)
                let times = time.matches(in: lower)
                let covered = Set(times.flatMap { Array($0.range) })
                let kept = tokens.enumerated().filter { !covered.contains($0.offset) }.map(\.element)
                let validFrom = times.first?.date
                let replacesLatest = Self.mentionsPreviousValue(lower)
                // "Grace and Tom work on acme/web": a clause that is one name lends it the fact
                // of the clause "and" joins to it.
                var lone: Mention?
                for (clause, afterAnd) in Self.clauses(of: kept) {
                    let mentions = finder.mentions(in: clause)
                    for mention in mentions {
                        if case .entity(let name, let type, let aliases) = mention.referent,
                            mention.origin != .properName
                        {
                            entities.append(CandidateEntity(name: name, type: type, aliases: aliases))
                        }
                    }
                    let previous = afterAnd ? lone : nil
                    lone = mentions.count == 1 && mentions[0].range == 0..<clause.count ? mentions[0] : nil
                    guard var fact = fact(in: clause, mentions: mentions, sentence: sentence) else {
                        continue
                    }
                    fact.validFrom = validFrom
                    if let property = ontology.resolveProperty(fact.relation), !property.isFunctional,
                        fact.replaces != nil || replacesLatest
                    {
                        fact.replaces = replacesLatest ? .latest : fact.replaces
                    } else {
                        fact.replaces = nil
                    }
                    var stated = [fact]
                    if let previous, mentions.first?.range.lowerBound == 0,
                        let shared = sharing(fact, with: previous)
                    {
                        stated.insert(shared, at: 0)
                    }
                    for fact in stated {
                        facts.append(fact)
                        for (name, type) in [(fact.subjectName, fact.subjectType)] + objectEntity(fact) {
                            entities.append(CandidateEntity(name: name, type: type))
                        }
                    }
                }
            }
        }
        return Extraction(entities: Self.unique(entities), facts: facts)
    }

    private func objectEntity(_ fact: CandidateFact) -> [(String, String)] {
        if case .entity(let name, let type) = fact.object { return [(name, type)] }
        return []
    }

    /// Splits a sentence at commas, semicolons and "and"/"but"; a clause that starts with "not"
    /// ("port 9090, not 8080") is a rejected alternative and is dropped.
    /// Each clause says whether "and" introduced it.
    private static func clauses(of tokens: [TextToken]) -> [(tokens: [TextToken], afterAnd: Bool)] {
        var clauses: [(tokens: [TextToken], afterAnd: Bool)] = []
        var current: [TextToken] = []
        var afterAnd = false
        for token in tokens {
            if token.kind == .separator || token.lower == "and" || token.lower == "but" {
                if !current.isEmpty { clauses.append((current, afterAnd)) }
                current = []
                afterAnd = token.lower == "and"
            } else {
                current.append(token)
            }
        }
        if !current.isEmpty { clauses.append((current, afterAnd)) }
        return clauses.filter { $0.tokens.first?.lower != "not" }
    }

    /// The fact with `subject` as its subject, when the relation admits it.
    private func sharing(_ fact: CandidateFact, with subject: Mention) -> CandidateFact? {
        guard case .entity(let name, var type, _) = subject.referent,
            NameNormalizer.normalize(name) != NameNormalizer.normalize(fact.subjectName)
        else { return nil }
        if type == OntologyRules.topType { type = fact.subjectType }
        guard type == OntologyRules.topType || ontology.allowsSubject(ofType: type, for: fact.relation) else {
            return nil
        }
        var shared = fact
        shared.subjectName = name
        shared.subjectType = type
        return shared
    }

    /// Whether the sentence says its fact replaces the last one stated ("ignore my previous
    /// preference", "forget the earlier one").
    private static func mentionsPreviousValue(_ words: [String]) -> Bool {
        zip(words, words.dropFirst()).contains { word, next in
            ["previous", "earlier", "old"].contains(word)
                && ["preference", "one", "choice", "request", "setting"].contains(next)
        }
    }

    /// The fact a clause states, if it states exactly one that the ontology admits.
    private func fact(in clause: [TextToken], mentions: [Mention], sentence: String) -> CandidateFact? {
        guard let first = mentions.first else { return nil }
        let words = clause.map(\.lower)
        if words.contains(where: RelationPhrasebook.negations.contains) { return nil }
        let lead = words[..<first.range.lowerBound]
        if lead.allSatisfy(Self.openers.contains) {
            if let fact = subjectFirst(clause, mentions: mentions, sentence: sentence) { return fact }
        }
        // Verb first: "(we) moved the api to port 9090", "bumped acme/api to 2.4.0".
        var rest = mentions[...]
        var start = 0
        while start < words.count, Self.openers.contains(words[start]) { start += 1 }
        if start < words.count, Self.pronounSubjects.contains(words[start]) {
            if let head = rest.first, head.range.lowerBound == start { rest = rest.dropFirst() }
            start += 1
        }
        guard rest.count >= 2, let subject = rest.first, subject.range.lowerBound - start == 1 else {
            return nil
        }
        let object = rest[rest.startIndex + 1]
        let phrase = [words[start]] + words[subject.range.upperBound..<object.range.lowerBound]
        return build(subject: subject, phrase: phrase, object: .mention(object), sentence: sentence)
    }

    /// `subject phrase object`: the first mention, the words after it, then the next mention or
    /// (for relations that take free text) the rest of the clause.
    private func subjectFirst(_ clause: [TextToken], mentions: [Mention], sentence: String) -> CandidateFact?
    {
        let subject = mentions[0]
        let words = clause.map(\.lower)
        if mentions.count >= 2 {
            let middle = Array(words[subject.range.upperBound..<mentions[1].range.lowerBound])
            if let fact = build(
                subject: subject, phrase: middle, object: .mention(mentions[1]), sentence: sentence)
            {
                return fact
            }
        }
        let end = mentions.count >= 2 ? mentions[1].range.lowerBound : clause.count
        // Free words are an object only for a subject that is surely a name ("Sounds like fun"
        // starts with a capital, not with someone).
        guard mentions.count == 1, subject.origin != .properName else { return nil }
        var split = subject.range.upperBound + 1
        while split < end {
            var rest = Array(clause[split..<end])
            while let last = rest.last, Self.trailingFillers.contains(last.lower) { rest.removeLast() }
            // "I love the ocean" is about the ocean; "I love your commitment" about someone else's.
            while let head = rest.first, ["the", "a", "an", "my", "our"].contains(head.lower) {
                rest.removeFirst()
            }
            let phrase = Array(words[subject.range.upperBound..<split])
            // "I love this quote", "I love your commitment": someone else's thing, not a taste.
            if let last = phrase.last, RelationPhrasebook.determiners.contains(last),
                !["the", "a", "an", "my", "our"].contains(last)
            {
                split += 1
                continue
            }
            if isFreeTextObject(rest), !phrasebook.properties(for: phrase).isEmpty {
                return build(
                    subject: subject, phrase: phrase,
                    object: .freeText(rest.map(\.text).joined(separator: " ")),
                    sentence: sentence)
            }
            split += 1
        }
        return nil
    }

    private static let prepositions: Set<String> = [
        "about", "in", "on", "at", "of", "for", "with", "to", "from",
    ]

    /// Words that are not a thing one prefers: pronouns ("I love it"), infinitives ("I want to
    /// help"), clauses ("I love how it shows"), quantifiers.
    private static let notAnObject: Set<String> = [
        "to", "how", "why", "when", "where", "what", "whether", "all", "that", "if", "being", "so", "too",
    ]

    /// A short noun phrase of content words: at most four, none a pronoun, auxiliary or negation,
    /// and not opening with a function word.
    private func isFreeTextObject(_ words: [TextToken]) -> Bool {
        guard let first = words.first, words.count <= 4,
            !vocabulary.functionWords.contains(first.lower), !Self.notAnObject.contains(first.lower)
        else { return false }
        return words.allSatisfy { word in
            word.kind == .word && !ExtractionVocabulary.pronouns.contains(word.lower)
                && !RelationPhrasebook.auxiliaries.contains(word.lower)
                && !RelationPhrasebook.negations.contains(word.lower)
                && !Self.notAnObject.contains(word.lower)
        }
    }

    private enum ObjectWords {
        case mention(Mention)
        case freeText(String)
    }

    private func build(subject: Mention, phrase: [String], object: ObjectWords, sentence: String)
        -> CandidateFact?
    {
        guard case .entity(let subjectName, var subjectType, _) = subject.referent else { return nil }
        // A bare preposition ("about", "in") is a relation only after a verb: "Ada is in Berlin",
        // not "Enough about me".
        if Self.prepositions.contains(RelationPhrasebook.normalize(phrase)),
            !phrase.contains(where: RelationPhrasebook.auxiliaries.contains)
        {
            return nil
        }
        // A capitalised word of unknown type is a weak name: not when it reads as a gerund
        // ("Learning about …") or is followed by "like", a preposition there ("Sounds like fun").
        if subject.origin == .properName,
            subjectName.lowercased().hasSuffix("ing") || ["like", "likes"].contains(phrase.first ?? "")
        {
            return nil
        }
        let candidates = phrasebook.properties(for: phrase).compactMap { ontology.resolveProperty($0) }
        let admitted = candidates.filter { property in
            guard
                subjectType == OntologyRules.topType
                    || ontology.allowsSubject(ofType: subjectType, for: property.name)
            else { return false }
            switch object {
            case .mention(let mention):
                switch mention.referent {
                case .entity(_, let type, _):
                    return property.kind == .object
                        && (type == OntologyRules.topType
                            || ontology.allowsObject(ofType: type, for: property.name))
                case .literal(let value):
                    return property.range.datatype?.accepts(value) ?? false
                case .unresolved:
                    return false
                }
            case .freeText:
                return takesFreeText(property)
            }
        }
        guard admitted.count == 1 else { return nil }
        let property = admitted[0]
        if subjectType == OntologyRules.topType { subjectType = inferred(property.domain) }
        let objectValue: CandidateFact.Object
        switch object {
        case .mention(let mention):
            switch mention.referent {
            case .entity(let name, var type, _):
                // "I know I'll be ok": a relation of something to itself is a misreading.
                guard NameNormalizer.normalize(name) != NameNormalizer.normalize(subjectName) else {
                    return nil
                }
                if type == OntologyRules.topType { type = inferred(property.range.classes) }
                objectValue = .entity(name: name, type: type)
            case .literal(let value):
                objectValue = .literal(value)
            case .unresolved:
                return nil
            }
        case .freeText(let text):
            objectValue = property.kind == .object ? .entity(name: text, type: "Preference") : .literal(text)
        }
        let moves = phrase.contains("now") || ["moved", "transferred"].contains(phrase.first ?? "")
        return CandidateFact(
            subjectName: subjectName, subjectType: subjectType, relation: property.name, object: objectValue,
            sentence: sentence, replaces: moves ? .sameKind : nil)
    }

    /// Relations whose object may be free words: string-valued attributes ("works as staff
    /// engineer"), and relations from actors to anything, whose free-text object is a Preference.
    private func takesFreeText(_ property: OntologyProperty) -> Bool {
        if property.kind == .datatype { return property.range.datatype == .string }
        guard property.range.classes.isEmpty, !property.domain.isEmpty,
            ontology.resolveClass("Preference") != nil
        else { return false }
        return property.domain.allSatisfy {
            ontology.isSubclass($0, of: "Actor") || ontology.isSubclass($0, of: "Group")
        }
    }

    /// The type a name of unknown type gets from a relation's domain or range: its single class,
    /// with a person standing for an actor.
    private func inferred(_ classes: [String]) -> String {
        guard classes.count == 1, let found = ontology.ontologyClass(iri: classes[0]) else {
            return OntologyRules.topType
        }
        if found.name == "Actor", ontology.resolveClass("Person") != nil { return "Person" }
        return found.name
    }

    private static func unique(_ entities: [CandidateEntity]) -> [CandidateEntity] {
        var seen = Set<String>()
        var result: [CandidateEntity] = []
        for entity in entities {
            let key = entity.type + "\u{1F}" + NameNormalizer.normalize(entity.name)
            if let index = result.firstIndex(where: {
                $0.type + "\u{1F}" + NameNormalizer.normalize($0.name) == key
            }) {
                result[index].aliases = Array(Set(result[index].aliases + entity.aliases)).sorted()
            } else if seen.insert(key).inserted {
                result.append(entity)
            }
        }
        return result
    }
}
