import Foundation
import GRDB

extension GraphStore {
    /// Hybrid search: BM25 and (with an embedder) vector seeds over facts, entities and episodes,
    /// fused by reciprocal rank, expanded along the graph as of the query time, optionally
    /// reranked for diversity and recency, and cut to the limit (and to a token budget, if given).
    ///
    /// The query is embedded with `embedder`, which must be the model the store's vectors come
    /// from; vectors the store does not have yet are not searched (see ``embedMissing(with:batchSize:)``).
    ///
    /// - Throws: ``MemographError/invalidArgument(field:reason:)`` for an empty query or options
    ///   out of range, ``MemographError/embeddingModelMismatch(recorded:given:)`` for another
    ///   model, ``MemographError/unknownEntity(_:)`` for an unknown `around` entity.
    public func search(
        _ query: String, options: SearchOptions = SearchOptions(), embedder: (any Embedder)? = nil
    )
        async throws -> SearchResults
    {
        try Self.validateQuery(query)
        var vector: QueryVector?
        if let embedder {
            vector = QueryVector(values: try await embedder.embed(query), model: embedder.modelIdentity)
        }
        return try search(query, vector: vector, options: options)
    }

    /// ``search(_:options:embedder:)`` with the query already embedded: the whole search without
    /// the model, for callers that embed elsewhere (and for timing the search alone).
    public func search(_ query: String, vector: QueryVector?, options: SearchOptions = SearchOptions()) throws
        -> SearchResults
    {
        try Self.validateQuery(query)
        try options.validate()
        if let vector, let recorded = try embeddingModel(), recorded != vector.model {
            throw MemographError.embeddingModelMismatch(recorded: recorded, given: vector.model)
        }
        let now = self.now
        return try read { db in
            try SearchRun(store: self, db: db, now: now, query: query, vector: vector, options: options).run()
        }
    }

    private static func validateQuery(_ query: String) throws {
        _ = try TextRules.nonEmpty(query, field: "query", maxLength: 10_000)
    }
}
