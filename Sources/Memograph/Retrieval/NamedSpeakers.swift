import Foundation

/// Which speakers a query names. A speaker (an episode's role) is named when the query holds, as
/// whole words, the role itself or the name or an alias of an entity the role names: "what did
/// Caro paint?" names the speaker "Caroline" once Caroline has the alias "Caro", and "Tim" is not
/// named by "time".
struct NamedSpeakers {
    private let queryWords: [String]
    private let resolver: EntityResolver
    private var decided: [String: Bool] = [:]

    init(query: String, resolver: EntityResolver) {
        queryWords = FullTextQuery.words(in: NameNormalizer.normalize(query))
        self.resolver = resolver
    }

    /// Whether the query names `role`; each distinct role is looked up once.
    mutating func names(_ role: String) throws -> Bool {
        if let known = decided[role] { return known }
        var names = [role]
        for entity in try resolver.find(.name(role, type: nil)) { names += [entity.name] + entity.aliases }
        let named = names.contains { name in
            contains(FullTextQuery.words(in: NameNormalizer.normalize(name)))
        }
        decided[role] = named
        return named
    }

    /// Whether `words` occur in the query consecutively.
    private func contains(_ words: [String]) -> Bool {
        guard !words.isEmpty, words.count <= queryWords.count else { return false }
        return (0...(queryWords.count - words.count)).contains { start in
            queryWords[start..<(start + words.count)].elementsEqual(words)
        }
    }
}
