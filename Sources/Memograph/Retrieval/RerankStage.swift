/// The last step of a search given a ``Reranker``: every hit of the pool goes to the reranker in
/// one call (facts, entities and episodes together, so their scores share one scale), each list
/// is reordered by the scores it gets (equal scores keep their order), and a hit's score becomes
/// the reranker's. A breakdown (with `explain`) keeps the parts of the score before and the
/// hit's position then.
struct RerankStage {
    let reranker: any Reranker
    let query: String

    /// The pool reordered by the reranker's scores.
    ///
    /// - Throws: what the reranker throws, and ``MemographError/invalidArgument(field:reason:)``
    ///   when it returns another number of scores than it was given passages, or one that is not
    ///   a finite number.
    func run(_ pool: SearchResults) async throws -> SearchResults {
        let passages =
            pool.facts.map { PromptText.of($0.item) } + pool.entities.map { PromptText.of($0.item) }
            + pool.episodes.map { PromptText.of($0.item) }
        guard !passages.isEmpty else { return pool }
        let scores = try await reranker.scores(query: query, passages: passages)
        guard scores.count == passages.count else {
            throw MemographError.invalidArgument(
                field: "reranker",
                reason: "\(reranker.name) returned \(scores.count) scores for \(passages.count) passages")
        }
        if let bad = scores.firstIndex(where: { !$0.isFinite }) {
            throw MemographError.invalidArgument(
                field: "reranker",
                reason: "\(reranker.name) returned \(scores[bad]) for passage \(bad + 1), not a finite number"
            )
        }
        let entitiesStart = pool.facts.count
        let episodesStart = entitiesStart + pool.entities.count
        return SearchResults(
            facts: Self.reorder(pool.facts, by: scores[..<entitiesStart]),
            entities: Self.reorder(pool.entities, by: scores[entitiesStart..<episodesStart]),
            episodes: Self.reorder(pool.episodes, by: scores[episodesStart...]))
    }

    /// `hits` sorted by `scores` (one per hit, in order), best first, equal scores in their order.
    private static func reorder<Item>(_ hits: [SearchHit<Item>], by scores: ArraySlice<Double>) -> [SearchHit<
        Item
    >] {
        let rescored = zip(hits.indices, scores).map { position, score in
            var hit = hits[position]
            hit.score = score
            hit.breakdown?.rankBeforeRerank = position + 1
            return (position: position, hit: hit)
        }
        return rescored.sorted { ($0.hit.score, $1.position) > ($1.hit.score, $0.position) }.map(\.hit)
    }
}
