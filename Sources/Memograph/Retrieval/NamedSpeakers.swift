import Foundation

/// Which speakers a query names. A speaker (an episode's role) is named when the query holds, as
/// whole words, the role itself or the name or an alias of an entity the role names: "what did
/// Caro paint?" names the speaker "Caroline" once Caroline has the alias "Caro", and "Tim" is not
/// named by "time". The chat roles that are kinds of message rather than speakers ("system",
/// "tool", "function", "developer") are never named: "what tool did we pick?" asks about tools.
struct NamedSpeakers {
    static let messageKinds: Set<String> = ["system", "tool", "function", "developer"]

    /// The query's words as names are compared (normalised), each with the run of the query's own
    /// text it comes from; a run whose folding splits it ("½" → "1", "2") gives several words.
    private let words: [(word: String, run: Range<String.Index>)]
    private let query: String
    private let resolver: EntityResolver
    /// The word positions at which each role looked up so far is named.
    private var decided: [String: [Range<Int>]] = [:]

    init(query: String, resolver: EntityResolver) {
        self.query = query
        self.resolver = resolver
        var words: [(word: String, run: Range<String.Index>)] = []
        for run in query.split(whereSeparator: { !($0.isLetter || $0.isNumber) }) {
            for word in FullTextQuery.words(in: NameNormalizer.normalize(String(run))) {
                words.append((word, run.startIndex..<run.endIndex))
            }
        }
        self.words = words
    }

    /// Whether the query names `role`; each distinct role is looked up once.
    mutating func names(_ role: String) throws -> Bool {
        try !positions(naming: role).isEmpty
    }

    /// The word positions where the query names `role`, by the role itself or by the name or an
    /// alias of an entity the role names.
    mutating func positions(naming role: String) throws -> [Range<Int>] {
        if let known = decided[role] { return known }
        guard !Self.messageKinds.contains(NameNormalizer.normalize(role)) else {
            decided[role] = []
            return []
        }
        var names = [role]
        for entity in try resolver.find(.name(role, type: nil)) { names += [entity.name] + entity.aliases }
        let found = names.flatMap { name in
            occurrences(of: FullTextQuery.words(in: NameNormalizer.normalize(name)))
        }
        decided[role] = found
        return found
    }

    /// The query as written without the names at `positions`, each cut whole with what joins its
    /// words ("Mary-Jane") and a possessive "'s" after it, its spacing collapsed.
    func query(without positions: [Range<Int>]) -> String {
        var text = ""
        var cursor = query.startIndex
        for name in positions.sorted(by: { $0.lowerBound < $1.lowerBound }) where !name.isEmpty {
            let start = words[name.lowerBound].run.lowerBound
            let end = words[name.upperBound - 1].run.upperBound
            guard start >= cursor else {
                cursor = max(cursor, end)
                continue
            }
            text += query[cursor..<start]
            cursor = end
            for possessive in ["'s", "’s"] where query[cursor...].hasPrefix(possessive) {
                let end = query.index(cursor, offsetBy: possessive.count)
                if end == query.endIndex || !(query[end].isLetter || query[end].isNumber) { cursor = end }
            }
        }
        text += query[cursor...]
        return text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Where `name` (normalised words) occurs in the query as consecutive words.
    private func occurrences(of name: [String]) -> [Range<Int>] {
        guard !name.isEmpty, name.count <= words.count else { return [] }
        return (0...(words.count - name.count)).filter { start in
            words[start..<(start + name.count)].map(\.word).elementsEqual(name)
        }.map { $0..<($0 + name.count) }
    }
}
