import Foundation
import GRDB

extension GraphStore {
    /// Hybrid search: BM25 and (with an embedder) vector seeds over facts, entities and episodes,
    /// fused by reciprocal rank, expanded along the graph as of the query time, optionally
    /// reordered for diversity and recency, and cut to the limit (and to a token budget, if given).
    ///
    /// The query is embedded with `embedder`, which must be the model the store's vectors come
    /// from; vectors the store does not have yet are not searched (see ``embedMissing(with:batchSize:)``).
    /// While ``SearchOptions/namedSpeakerBoost`` favours the turns of the speakers a query names,
    /// episodes are searched with the query embedded without those names
    /// (``queryWithoutSpeakers(_:)``): in "what art does Caroline make?" the name would pull every
    /// turn that says "Caroline" toward the question, and the boost already finds hers.
    ///
    /// With a `reranker`, the best ``SearchOptions/rerankDepth`` hits of each list (at least
    /// ``SearchOptions/limit``) are reordered by it before the cut; see
    /// ``search(_:vector:options:reranker:)``.
    ///
    /// - Throws: ``MemographError/invalidArgument(field:reason:)`` for an empty query or options
    ///   out of range, ``MemographError/embeddingModelMismatch(recorded:given:)`` for another
    ///   model, ``MemographError/unknownEntity(_:)`` for an unknown `around` entity, and what the
    ///   reranker throws.
    public func search(
        _ query: String, options: SearchOptions = SearchOptions(), embedder: (any Embedder)? = nil,
        reranker: (any Reranker)? = nil
    )
        async throws -> SearchResults
    {
        try Self.validateQuery(query)
        var vector: QueryVector?
        if let embedder {
            vector = try await queryVectors(for: [query], options: options, embedder: embedder)[0]
        }
        return try await search(query, vector: vector, options: options, reranker: reranker)
    }

    /// ``search(_:vector:options:)`` with a last step that reads each hit with the query: the
    /// best ``SearchOptions/rerankDepth`` hits of each list (at least ``SearchOptions/limit``) go to
    /// `reranker` in one call, each list is reordered by its scores, and only then cut to the
    /// limit and the token budget. A hit's score becomes the reranker's, so the budget compares
    /// facts, entities and episodes on the reranker's one scale. A nil `reranker` is the search
    /// without that step.
    ///
    /// - Throws: what ``search(_:vector:options:)`` throws, what the reranker throws, and
    ///   ``MemographError/invalidArgument(field:reason:)`` when the reranker returns another number
    ///   of scores than it was given passages, or one that is not a finite number.
    public func search(
        _ query: String, vector: QueryVector?, options: SearchOptions = SearchOptions(),
        reranker: (any Reranker)?
    ) async throws -> SearchResults {
        guard let reranker else { return try search(query, vector: vector, options: options) }
        try options.validate()
        var unbudgeted = options
        unbudgeted.tokenBudget = nil
        let found = try search(
            query, vector: vector, options: unbudgeted, count: max(options.limit, options.rerankDepth))
        let reranked = try await RerankStage(reranker: reranker, query: query).run(found)
        let results = SearchResults(
            facts: Array(reranked.facts.prefix(options.limit)),
            entities: Array(reranked.entities.prefix(options.limit)),
            episodes: Array(reranked.episodes.prefix(options.limit)))
        return options.tokenBudget.map { TokenBudget(tokens: $0).cut(results) } ?? results
    }

    /// The vectors ``search(_:options:embedder:reranker:)`` embeds each of `queries` with, all in one batch:
    /// the query's own and, while `options` boosts named speakers, the one its episodes are
    /// searched with (``queryWithoutSpeakers(_:)``). For callers that embed many queries before
    /// searching with ``search(_:vector:options:)``, as the LoCoMo benchmark does.
    ///
    /// - Throws: ``MemographError/invalidArgument(field:reason:)`` for an empty query, or an
    ///   embedder that returns another number of vectors than it was given texts.
    public func queryVectors(
        for queries: [String], options: SearchOptions = SearchOptions(), embedder: any Embedder
    )
        async throws -> [QueryVector]
    {
        let speakerless = try queries.map { query in
            try Self.validateQuery(query)
            return options.namedSpeakerBoost > 0 ? try queryWithoutSpeakers(query) : nil
        }
        let texts = queries + speakerless.compactMap { $0 }
        let values = try await embedder.embed(texts)
        guard values.count == texts.count else {
            throw MemographError.invalidArgument(
                field: "embedder", reason: "returned \(values.count) vectors for \(texts.count) texts")
        }
        var episodeValues = values[queries.count...].makeIterator()
        return zip(values, speakerless).map { values, text in
            QueryVector(
                values: values, model: embedder.modelIdentity,
                episodeValues: text == nil ? nil : episodeValues.next())
        }
    }

    /// The query as search embeds it for episodes: without the words that name a speaker of the
    /// namespace's episodes (the role, or the name or an alias of the entity the role names, and
    /// a possessive "'s" after it), or nil when it names none or leaves only function words.
    /// "What kind of art does Caroline make?" becomes "What kind of art does make?".
    ///
    /// Speakers are those of all the namespace's episodes, whatever a search's slice or filter.
    /// A namespace with more than ``speakerListLimit`` of them keeps every name (nil): each is
    /// looked up with its entity's aliases, which would cost more than the names do.
    public func queryWithoutSpeakers(_ query: String) throws -> String? {
        try Self.validateQuery(query)
        let now = self.now
        return try read { db in
            var speakers = NamedSpeakers(
                query: query,
                resolver: EntityResolver(db: db, namespace: namespace, now: now, rules: ontologyRules))
            var roles: [String] = []
            // Each distinct role is one seek in the (namespace, role) index.
            try HotStatement.query(
                db.cachedStatement(
                    sql: """
                        WITH RECURSIVE speaker(role) AS (
                          SELECT min(role) FROM episodes WHERE namespace = ?1
                          UNION ALL
                          SELECT (SELECT min(role) FROM episodes WHERE namespace = ?1 AND role > speaker.role)
                          FROM speaker WHERE speaker.role IS NOT NULL)
                        SELECT role FROM speaker WHERE role IS NOT NULL LIMIT ?2
                        """), [.text(namespace), .int(Int64(Self.speakerListLimit + 1))]
            ) { roles.append($0.text(0)) }
            guard roles.count <= Self.speakerListLimit else { return nil }
            let named = try roles.flatMap { try speakers.positions(naming: $0) }
            guard !named.isEmpty else { return nil }
            let rest = speakers.query(without: named)
            return FullTextQuery.terms(in: rest).isEmpty ? nil : rest
        }
    }

    /// The most distinct speakers ``queryWithoutSpeakers(_:)`` looks up.
    public static let speakerListLimit = 256

    /// ``search(_:options:embedder:reranker:)`` with the query already embedded: the whole search without
    /// the model, for callers that embed elsewhere (and for timing the search alone).
    public func search(_ query: String, vector: QueryVector?, options: SearchOptions = SearchOptions()) throws
        -> SearchResults
    {
        try search(query, vector: vector, options: options, count: options.limit)
    }

    /// The search with each list cut to `count` hits instead of the limit, scored as with the
    /// limit: the pool a reranker reads.
    private func search(_ query: String, vector: QueryVector?, options: SearchOptions, count: Int) throws
        -> SearchResults
    {
        try Self.validateQuery(query)
        try options.validate()
        if let vector, let recorded = try embeddingModel(), recorded != vector.model {
            throw MemographError.embeddingModelMismatch(recorded: recorded, given: vector.model)
        }
        if let vector, let episodeValues = vector.episodeValues, episodeValues.count != vector.values.count {
            throw MemographError.invalidArgument(
                field: "episodeValues",
                reason: "has \(episodeValues.count) dimensions where values has \(vector.values.count)")
        }
        let now = self.now
        return try read { db in
            try SearchRun(
                store: self, db: db, now: now, query: query, vector: vector, options: options, count: count
            ).run()
        }
    }

    private static func validateQuery(_ query: String) throws {
        _ = try TextRules.nonEmpty(query, field: "query", maxLength: 10_000)
    }
}
