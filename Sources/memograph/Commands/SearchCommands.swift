import ArgumentParser
import Foundation
import Memograph

/// The search options the `search` and `context` commands share.
struct SearchCommandOptions: ParsableArguments {
    @OptionGroup var time: TimeOptions
    @Option(help: "Centre graph expansion on this entity (Type:name or a name).") var around: String?
    @Option(help: "Hops of graph expansion (0 turns it off).") var depth = 2
    @Option(name: .customLong("k"), help: "The k of reciprocal-rank fusion.") var fusionK = 10.0
    @Option(help: "Weight of the vector list in fusion (BM25 counts 1).") var vectorWeight = 0.75
    @Option(help: "MMR lambda (0…1) for a diversity rerank; off unless given.") var mmr: Double?
    @Option(
        help: ArgumentHelp(
            "Only return what this JSON filter lets through.",
            discussion: #"""
                {"AND": [...]}, {"OR": [...]}, {"NOT": ...} and field conditions such as \#
                {"relation": {"in": ["uses", "dependsOn"]}} or {"valid_from": {"gte": "2026-01-01"}}. \#
                Operators: eq, ne, in, nin, gt, gte, lt, lte, contains, icontains. Fields: entity_type, \#
                subject_type, object_type, subject, object, name, relation, namespace, fact, summary, role, \#
                content, external_id, valid_from, valid_to, recorded_at, expired_at, created_at, updated_at, \#
                occurred_at, confidence, metadata.KEY.
                """#))
    var filter: String?
    @Flag(help: "Return superseded and withdrawn facts too.") var includeHistory = false
    @Flag(help: "Search without vectors (BM25 and graph only).") var noVectors = false
    @OptionGroup var embedder: EmbedderOptions
    @OptionGroup(title: "Reranker") var reranker: RerankOptions

    func options(limit: Int, explain: Bool, tokenBudget: Int? = nil) throws -> SearchOptions {
        let slice = try time.slice()
        return SearchOptions(
            limit: limit, asOf: slice.asOf, knownAt: slice.knownAt, includeHistory: includeHistory,
            around: around.map(EntityReference.init(parsing:)), depth: depth, fusionK: fusionK,
            vectorWeight: vectorWeight,
            mmrLambda: mmr, explain: explain, filter: try filter.map(SearchFilter.init(json:)),
            tokenBudget: tokenBudget, rerankDepth: reranker.rerankDepth)
    }

    /// The embedder, after embedding what the store has not embedded yet; nil with --no-vectors.
    func prepare(_ graph: GraphStore) async throws -> (any Embedder)? {
        if noVectors { return nil }
        let embedder = try self.embedder.load()
        try await graph.embedMissing(with: embedder)
        return embedder
    }
}

struct SearchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find facts, entities and episodes: BM25 + vectors, fused, expanded along the graph.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var search: SearchCommandOptions
    @Argument(help: "What to look for, in words.") var query: String
    @Option(help: "How many facts, entities and episodes (each).") var limit = 10
    @Option(
        help: ArgumentHelp(
            "Then cut to what fits in this many tokens (characters / 4).",
            discussion:
                "Hits are taken best score first across the three lists; one too large for what is left is skipped."
        ))
    var budget: Int?
    @Flag(help: "Show where each score came from.") var explain = false
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let reranker = try search.reranker.make()
        let graph = try store.open()
        defer { try? graph.close() }
        let embedder = try await search.prepare(graph)
        let results = try await graph.search(
            query, options: try search.options(limit: limit, explain: explain, tokenBudget: budget),
            embedder: embedder, reranker: reranker)
        if json { return try Output.json(results) }
        print("facts:")
        for hit in results.facts { print(Self.score(hit) + Output.line(hit.item)) }
        print("entities:")
        for hit in results.entities { print(Self.score(hit) + hit.item.reference) }
        print("episodes:")
        for hit in results.episodes {
            let episode = hit.item
            let label = episode.externalID ?? "\(episode.id.rawValue)"
            print(
                Self.score(hit) + "\(label)  \(ISO8601.format(episode.occurredAt))  "
                    + episode.content.replacingOccurrences(of: "\n", with: " ").prefix(100))
        }
    }

    static func score<Item>(_ hit: SearchHit<Item>) -> String {
        var text = String(format: "%.4f  ", hit.score)
        if let breakdown = hit.breakdown {
            var parts: [String] = []
            if let rank = breakdown.bm25Rank { parts.append("bm25 #\(rank)") }
            if let rank = breakdown.vectorRank { parts.append("vector #\(rank)") }
            if let hops = breakdown.hops { parts.append("\(hops) hops") }
            if let via = breakdown.via { parts.append("via #\(via.rawValue)") }
            if let from = breakdown.contextFrom { parts.append("next to episode #\(from.rawValue)") }
            if breakdown.speaker != 1 {
                parts.append(String(format: "named speaker ×%.2f", breakdown.speaker))
            }
            if breakdown.period != 1 { parts.append(String(format: "named period ×%.2f", breakdown.period)) }
            if breakdown.conversation != 1 {
                parts.append(String(format: "conversation ×%.2f", breakdown.conversation))
            }
            if breakdown.recency != 1 { parts.append(String(format: "recency ×%.2f", breakdown.recency)) }
            if let rank = breakdown.rankBeforeRerank { parts.append("reranked from #\(rank)") }
            text += "(" + parts.joined(separator: ", ") + ")  "
        }
        return text
    }
}

struct ContextCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "context",
        abstract:
            "Print a compact, dated memory block for a prompt, grouped by entity, within a token budget.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var search: SearchCommandOptions
    @Argument(help: "What the prompt is about, in words.") var query: String
    @Option(help: "Token budget (estimated as characters / 4).") var budget = 1_000

    func run() async throws {
        let reranker = try search.reranker.make()
        let graph = try store.open()
        defer { try? graph.close() }
        let embedder = try await search.prepare(graph)
        print(
            try await graph.context(
                for: query, budget: budget, options: try search.options(limit: 30, explain: false),
                embedder: embedder, reranker: reranker), terminator: "")
    }
}
