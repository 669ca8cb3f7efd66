/// A number of prompt tokens that results must fit in, with the estimate search and the context
/// builder both count by: characters / 4, rounded up, the usual rule of thumb for English text
/// under GPT-style tokenizers (no tokenizer is loaded to count exactly).
struct TokenBudget {
    let tokens: Int

    /// The estimated tokens of `text`.
    static func estimate(_ text: String) -> Int { estimate(characters: text.count) }
    /// The estimated tokens of a text of `characters` characters.
    static func estimate(characters: Int) -> Int { (characters + 3) / 4 }

    /// The estimated tokens of the text a hit puts in a prompt (``PromptText``).
    static func estimate(_ fact: Fact) -> Int { estimate(PromptText.of(fact)) }
    static func estimate(_ entity: Entity) -> Int { estimate(PromptText.of(entity)) }
    static func estimate(_ episode: Episode) -> Int { estimate(PromptText.of(episode)) }

    /// The hits of all three lists that fit, taken best score first across the lists (on equal
    /// scores facts, then entities, then episodes, each in its list's order): a hit that does not
    /// fit in what is left is skipped, and a smaller one after it may still fit. Each list keeps
    /// its order.
    func cut(_ results: SearchResults) -> SearchResults {
        typealias Entry = (score: Double, kind: Int, position: Int, tokens: Int)
        var entries: [Entry] = []
        for (position, hit) in results.facts.enumerated() {
            entries.append((hit.score, 0, position, Self.estimate(hit.item)))
        }
        for (position, hit) in results.entities.enumerated() {
            entries.append((hit.score, 1, position, Self.estimate(hit.item)))
        }
        for (position, hit) in results.episodes.enumerated() {
            entries.append((hit.score, 2, position, Self.estimate(hit.item)))
        }
        entries.sort { ($1.score, $0.kind, $0.position) < ($0.score, $1.kind, $1.position) }
        var left = tokens
        var kept: [Set<Int>] = [[], [], []]
        for entry in entries where entry.tokens <= left {
            left -= entry.tokens
            kept[entry.kind].insert(entry.position)
        }
        func keep<Item>(_ hits: [SearchHit<Item>], kind: Int) -> [SearchHit<Item>] {
            hits.indices.filter(kept[kind].contains).map { hits[$0] }
        }
        return SearchResults(
            facts: keep(results.facts, kind: 0), entities: keep(results.entities, kind: 1),
            episodes: keep(results.episodes, kind: 2))
    }
}
