/// Finds the mentions of a clause, left to right and longest first: the speaker ("I", "me"),
/// the episode's scope ("this repo"), entities the store knows (names and aliases), typed
/// mentions (`repo acme/api`, `the api service`, `@ada`, host names, `acme/api`), versions and
/// numbers, and capitalised proper names.
struct MentionFinder {
    /// Known entities by normalised name or alias, and the longest such name in words.
    let known: [String: [KnownEntity]]
    let longestKnown: Int
    let scope: [KnownEntity]
    let speaker: KnownEntity?
    let ontology: Ontology?
    let vocabulary: ExtractionVocabulary
    var classWords: [String: String] { vocabulary.classWords }
    var functionWords: Set<String> { vocabulary.functionWords }
    var reserved: Set<String> { vocabulary.reserved }

    init(
        context: ExtractionContext, segment: ExtractionSegment, ontology: Ontology?,
        vocabulary: ExtractionVocabulary
    ) {
        var known: [String: [KnownEntity]] = [:]
        var longest = 1
        for entity in context.known + context.scope {
            for name in [entity.name] + entity.aliases {
                let key = NameNormalizer.normalize(name)
                guard !key.isEmpty, !(known[key]?.contains(where: { $0.id == entity.id }) ?? false) else {
                    continue
                }
                known[key, default: []].append(entity)
                longest = max(longest, key.split(separator: " ").count)
            }
        }
        self.known = known
        self.longestKnown = min(longest, 6)
        self.scope = context.scope
        if let name = segment.speaker {
            let key = NameNormalizer.normalize(name)
            let person = known[key]?.first { entity in
                ontology.map { $0.isSubclass(entity.type, of: "Actor") } ?? true
            }
            self.speaker = person ?? KnownEntity(id: EntityID(0), type: "Person", name: name)
        } else {
            self.speaker = nil
        }
        self.ontology = ontology
        self.vocabulary = vocabulary
    }

    func mentions(in tokens: [TextToken]) -> [Mention] {
        var found: [Mention] = []
        var index = 0
        while index < tokens.count {
            if let mention = mention(at: index, in: tokens) {
                found.append(mention)
                index = mention.range.upperBound
            } else {
                index += 1
            }
        }
        return found
    }

    private func mention(at index: Int, in tokens: [TextToken]) -> Mention? {
        let token = tokens[index]
        guard token.kind != .separator else { return nil }
        if token.lower == "i" || token.lower == "me" {
            return Mention(range: index..<index + 1, referent: speakerReferent, origin: .known)
        }
        if ["this", "that", "our", "the"].contains(token.lower), index + 1 < tokens.count,
            let type = classWords[tokens[index + 1].lower],
            let mention = scopeMention(type: type, range: index..<index + 2, determiner: token.lower)
        {
            return mention
        }
        let start =
            RelationPhrasebook.determiners.contains(token.lower) && token.lower != "my" ? index + 1 : index
        guard start < tokens.count else { return nil }
        if let mention = knownMention(at: start, from: index, in: tokens) { return mention }
        return typedMention(at: start, from: index, in: tokens)
    }

    private var speakerReferent: Mention.Referent {
        guard let speaker else { return .unresolved }
        return .entity(name: speaker.name, type: speaker.type, aliases: [])
    }

    private func scopeMention(type: String, range: Range<Int>, determiner: String) -> Mention? {
        let matching = scope.filter { ontology?.isSubclass($0.type, of: type) ?? ($0.type == type) }
        if matching.count == 1 {
            return Mention(
                range: range, referent: .entity(name: matching[0].name, type: matching[0].type, aliases: []),
                origin: .known)
        }
        return determiner == "the" ? nil : Mention(range: range, referent: .unresolved, origin: .known)
    }

    /// The longest run of words naming a known entity, with a following class word of its type.
    private func knownMention(at start: Int, from index: Int, in tokens: [TextToken]) -> Mention? {
        for length in stride(from: min(longestKnown, tokens.count - start), through: 1, by: -1) {
            let words = tokens[start..<start + length]
            guard !words.contains(where: { $0.kind == .separator }) else { continue }
            var key = NameNormalizer.normalize(words.map(\.text).joined(separator: " "))
            if length == 1, words.first?.kind == .handle { key = String(key.dropFirst()) }
            guard let candidates = known[key] else { continue }
            if length == 1, reserved.contains(key), !(words.first?.isCapitalized ?? false) { continue }
            var end = start + length
            var entities = candidates
            if end < tokens.count, let type = classWords[tokens[end].lower] {
                // "the billing service" names no known billing repository: not this entity.
                entities = candidates.filter { ontology?.isSubclass($0.type, of: type) ?? ($0.type == type) }
                guard !entities.isEmpty else { return nil }
                end += 1
            }
            guard entities.count == 1 else {
                return Mention(range: index..<end, referent: .unresolved, origin: .known)
            }
            let written = words.map { $0.kind == .handle ? String($0.text.dropFirst()) : $0.text }
            return Mention(
                range: index..<end,
                referent: .entity(name: written.joined(separator: " "), type: entities[0].type, aliases: []),
                origin: .known)
        }
        return nil
    }

    private func typedMention(at start: Int, from index: Int, in tokens: [TextToken]) -> Mention? {
        let token = tokens[start]
        let next = start + 1 < tokens.count ? tokens[start + 1] : nil
        switch token.kind {
        case .handle:
            let name = String(token.text.dropFirst())
            return Mention(
                range: index..<start + 1,
                referent: .entity(name: name, type: "Person", aliases: [token.text]),
                origin: .typed)
        case .version:
            let value =
                token.text.first == "v" || token.text.first == "V"
                ? String(token.text.dropFirst()) : token.text
            return Mention(range: index..<start + 1, referent: .literal(value), origin: .value)
        case .number:
            return Mention(range: index..<start + 1, referent: .literal(token.text), origin: .value)
        case .slashName, .host:
            var type = token.kind == .slashName ? "Repository" : "Device"
            var end = start + 1
            if let next, let written = classWords[next.lower] {
                type = written
                end += 1
            }
            return Mention(
                range: index..<end, referent: .entity(name: token.text, type: type, aliases: []),
                origin: .typed)
        case .word, .separator:
            break
        }
        // `repo billing`, `host Db1`: a class word, then a name.
        if let type = classWords[token.lower], let next, isName(next), classWords[next.lower] == nil,
            next.kind != .number, next.isCapitalized || next.kind != .word
        {
            return Mention(
                range: index..<start + 2, referent: .entity(name: next.text, type: type, aliases: []),
                origin: .typed)
        }
        // `the platform team`, `the web app`, `Billing service`: a name, then a class word (after
        // "a" or "this" the word is an adjective as often as a name: "a nearby church").
        if let next, let type = classWords[next.lower],
            index < start
                ? tokens[index].lower == "the" && isName(token, allowingPhraseWords: true)
                : token.isCapitalized && isName(token)
        {
            return Mention(
                range: index..<start + 2, referent: .entity(name: token.text, type: type, aliases: []),
                origin: .typed)
        }
        // A capitalised name: `Ada`, `Ada Lovelace`, `Postgres`.
        guard token.isCapitalized, isName(token), classWords[token.lower] == nil else { return nil }
        var end = start + 1
        while end < tokens.count, tokens[end].isCapitalized, isName(tokens[end]),
            classWords[tokens[end].lower] == nil
        {
            end += 1
        }
        let name = tokens[start..<end].map(\.text).joined(separator: " ")
        if end < tokens.count, let type = classWords[tokens[end].lower] {
            return Mention(
                range: index..<end + 1, referent: .entity(name: name, type: type, aliases: []), origin: .typed
            )
        }
        return Mention(
            range: index..<end, referent: .entity(name: name, type: "Thing", aliases: []), origin: .properName
        )
    }

    /// Whether a token can be (part of) a name: not a reserved word (a function word, when the
    /// name follows a determiner and precedes a class word), and made of name characters.
    private func isName(_ token: TextToken, allowingPhraseWords: Bool = false) -> Bool {
        guard token.kind != .separator,
            !(allowingPhraseWords ? functionWords : reserved).contains(token.lower)
        else { return false }
        return token.text.allSatisfy { $0.isLetter || $0.isNumber || "-_./".contains($0) }
    }
}
