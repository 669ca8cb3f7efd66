import Foundation

extension GraphStore {
    /// A compact, dated text block for a prompt: the facts a search finds, grouped by entity
    /// (most relevant entity first, newest fact first), then the episodes (newest first), within
    /// `budget` tokens (estimated as characters / 4). What goes in is chosen most relevant first
    /// (in the search's order, the reranker's with one); lines that do not fit are left out whole.
    ///
    /// - Throws: what ``search(_:options:embedder:reranker:)`` throws, and
    ///   ``MemographError/invalidArgument(field:reason:)`` for a budget below 1.
    public func context(
        for query: String, budget: Int = 1_000, options: SearchOptions = SearchOptions(limit: 30),
        embedder: (any Embedder)? = nil, reranker: (any Reranker)? = nil
    ) async throws -> String {
        guard budget >= 1 else {
            throw MemographError.invalidArgument(field: "budget", reason: "must be at least 1 token")
        }
        let results = try await search(query, options: options, embedder: embedder, reranker: reranker)
        var block = ContextBlock(budget: budget)
        var groups: [(entity: Entity, facts: [Fact])] = []
        for hit in results.facts {
            if let index = groups.firstIndex(where: { $0.entity.id == hit.item.subject.id }) {
                groups[index].facts.append(hit.item)
            } else {
                groups.append((hit.item.subject, [hit.item]))
            }
        }
        for group in groups {
            let lines = group.facts.map { fact in
                let until = fact.edge.validTo.map { " until \(ISO8601.format($0))" } ?? ""
                return (fact.edge.validFrom, "- \(ISO8601.format(fact.edge.validFrom))\(until): \(fact.text)")
            }
            block.add(heading: "\(group.entity.name) (\(group.entity.type))", lines: lines)
        }
        let episodes = results.episodes.map(\.item).map { episode in
            (
                episode.occurredAt,
                "- \(ISO8601.format(episode.occurredAt))\(episode.role.map { " \($0)" } ?? ""): "
                    + episode.content.replacingOccurrences(of: "\n", with: " ")
            )
        }
        block.add(heading: "Episodes", lines: episodes)
        return block.text
    }
}

/// Lines collected under headings while their estimated token count stays within a budget.
struct ContextBlock {
    let budget: Int
    private(set) var text = ""

    init(budget: Int) { self.budget = budget }

    /// Adds the lines that still fit, chosen in the order given (most relevant first) and written
    /// newest first; the heading goes in before them when any fits.
    mutating func add(heading: String, lines: [(time: Date, text: String)]) {
        let head = (text.isEmpty ? "" : "\n") + heading + "\n"
        var length = text.count
        var chosen: [(time: Date, text: String, rank: Int)] = []
        for (rank, line) in lines.enumerated() {
            let addition = (chosen.isEmpty ? head.count : 0) + line.text.count + 1
            guard TokenBudget.estimate(characters: length + addition) <= budget else { continue }
            length += addition
            chosen.append((line.time, line.text, rank))
        }
        guard !chosen.isEmpty else { return }
        chosen.sort { ($0.time, $1.rank) > ($1.time, $0.rank) }
        text += head + chosen.map { $0.text + "\n" }.joined()
    }
}
