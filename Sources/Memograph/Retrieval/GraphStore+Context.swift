import Foundation

extension GraphStore {
    /// A compact, dated text block for a prompt: the facts a search finds, grouped by entity
    /// (most relevant entity first, newest fact first), then the episodes, within `budget` tokens
    /// (estimated as characters / 4). Lines that do not fit are left out whole.
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
            let lines = group.facts.sorted { $0.edge.validFrom > $1.edge.validFrom }.map { fact in
                let until = fact.edge.validTo.map { " until \(ISO8601.format($0))" } ?? ""
                return "- \(ISO8601.format(fact.edge.validFrom))\(until): \(fact.text)"
            }
            block.add(heading: "\(group.entity.name) (\(group.entity.type))", lines: lines)
        }
        let episodes = results.episodes.map(\.item).sorted { $0.occurredAt > $1.occurredAt }.map { episode in
            "- \(ISO8601.format(episode.occurredAt))\(episode.role.map { " \($0)" } ?? ""): "
                + episode.content.replacingOccurrences(of: "\n", with: " ")
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

    /// Adds each line that still fits; the heading goes in just before the first one that does.
    mutating func add(heading: String, lines: [String]) {
        var headed = false
        for line in lines {
            let addition = (headed ? "" : (text.isEmpty ? "" : "\n") + heading + "\n") + line + "\n"
            guard TokenBudget.estimate(text + addition) <= budget else { continue }
            text += addition
            headed = true
        }
    }
}
