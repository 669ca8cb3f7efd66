import Foundation
import GRDB
import Testing

@testable import Memograph

/// The in-memory vector indexes must hold the vectors the store holds: after every kind of write,
/// an index kept current from the embedding log equals one loaded afresh, and search finds the
/// same things with warm indexes as a store opened anew.
@Suite struct VectorIndexCacheTests {
    static let embedder = HashingEmbedder(dimension: 32)

    /// Facts, entities and episodes, all embedded, and one fact in another namespace.
    private func populated() async throws -> (StoreFixture, [EdgeID], [Episode]) {
        let fixture = try StoreFixture()
        let store = fixture.store
        let episodes = try [
            store.addEpisode("Ada moved the billing service to the new cluster"),
            store.addEpisode("Grace reviews every change to the search index"),
        ]
        let edges = try [
            store.relate("Person:Ada", "maintains", "Service:billing", fact: "Ada maintains billing"),
            store.relate("Person:Grace", "reviews", "Service:search", fact: "Grace reviews search changes"),
            store.relate(
                "Service:billing", "dependsOn", "Tool:postgres", fact: "billing stores invoices in postgres",
                source: episodes[0].id),
        ].map(\.edgeID)
        try store.namespace("other").relate("Person:Eve", "maintains", "Service:billing")
        try await store.namespace("other").embedMissing(with: Self.embedder)
        try await store.embedMissing(with: Self.embedder)
        return (fixture, edges, episodes)
    }

    /// For each kind, the cache's index and one loaded afresh, both as one snapshot sees them.
    private func cachedAndFresh(
        _ store: GraphStore, model: String = embedder.modelIdentity, dimension: Int = 32
    )
        throws -> [(kind: String, cached: ExactVectorIndex, fresh: ExactVectorIndex)]
    {
        try store.read { db in
            try ["entity", "edge", "episode"].map { kind in
                let cached = try store.vectorIndexes.index(
                    kind: kind, model: model, namespace: store.namespace, dimension: dimension, db: db)
                let entries = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT owner_id, vector FROM embeddings
                        WHERE namespace = ? AND owner_kind = ? AND model = ? ORDER BY owner_id
                        """, arguments: [store.namespace, kind, model]
                ).map { (id: $0[0] as Int64, vector: VectorCoding.decode($0[1])) }
                return (kind, cached, try ExactVectorIndex(dimension: dimension, entries: entries))
            }
        }
    }

    private func expectSame(_ store: GraphStore, _ moment: String, model: String = embedder.modelIdentity)
        async throws
    {
        let query = try await Self.embedder.embed("who maintains the billing service")
        for (kind, cached, fresh) in try cachedAndFresh(store, model: model) {
            #expect(cached.count == fresh.count, "\(kind) after \(moment)")
            #expect(
                cached.nearest(to: query, k: 10) == fresh.nearest(to: query, k: 10), "\(kind) after \(moment)"
            )
            for id in Int64(0)...40 {
                #expect(cached.vector(of: id) == fresh.vector(of: id), "\(kind) \(id) after \(moment)")
            }
        }
    }

    @Test func everyKindOfWriteReachesTheHeldIndexesThroughTheLog() async throws {
        let (fixture, edges, episodes) = try await populated()
        let store = fixture.store
        try await expectSame(store, "the first load")
        let writes: [(String, () async throws -> Void)] = [
            (
                "a new fact, embedded",
                {
                    try store.relate("Person:Ada", "uses", "Tool:vim", fact: "Ada edits in vim")
                    try await store.embedMissing(with: Self.embedder)
                }
            ),
            ("a purge", { try store.purge(edges[1]) }),
            ("an episode deleted", { _ = try store.deleteEpisode(episodes[0].id) }),
            (
                "a vector rewritten in place",
                {
                    try await store.database.write { db in
                        try db.execute(
                            sql:
                                "UPDATE embeddings SET vector = ? WHERE owner_kind = 'edge' AND owner_id = ?",
                            arguments: [
                                VectorCoding.encode(Array(repeating: 0.25, count: 32)), edges[0].rawValue,
                            ])
                    }
                }
            ),
            (
                "a vector moved to another namespace",
                {
                    try await store.database.write { db in
                        try db.execute(
                            sql:
                                "UPDATE embeddings SET namespace = 'other' WHERE owner_kind = 'entity' AND owner_id = 1"
                        )
                    }
                }
            ),
            (
                "writes in another namespace",
                {
                    try store.namespace("other").relate("Person:Eve", "uses", "Tool:emacs")
                    try await store.namespace("other").embedMissing(with: Self.embedder)
                }
            ),
        ]
        for (name, write) in writes {
            try await write()
            try await expectSame(store, name)
        }
        let other = HashingEmbedder(dimension: 48)
        try await store.reembed(with: other)
        for (kind, cached, _) in try cachedAndFresh(store) {
            #expect(cached.count == 0, "\(kind) vectors of the replaced model")
        }
        for (kind, cached, fresh) in try cachedAndFresh(store, model: other.modelIdentity, dimension: 48) {
            #expect(cached.count == fresh.count && cached.count > 0, "\(kind) after reembedding")
        }
    }

    @Test func anIndexFarBehindTheLogIsLoadedAfresh() async throws {
        let (fixture, _, _) = try await populated()
        let store = fixture.store
        try await expectSame(store, "the first load")
        // A real write, then more log entries than writers keep, as a long run of writes would
        // leave (naming an owner that does not exist): the write's own entry is pruned.
        try store.relate("Person:Ada", "knows", "Person:Linus", fact: "Ada knows Linus")
        try await store.embedMissing(with: Self.embedder)
        try await store.database.write { db in
            try db.execute(
                sql: """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                    INSERT INTO embedding_log (owner_kind, owner_id) SELECT 'edge', -1 FROM n
                    """, arguments: [VectorIndexCache.retainedEntries + 8_192])
        }
        let (kept, real) = try await store.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT count(*) FROM embedding_log") ?? 0,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM embedding_log WHERE owner_id > 0") ?? 0
            )
        }
        #expect(kept <= VectorIndexCache.retainedEntries + 4_096)
        #expect(real == 0)
        try await expectSame(store, "pruning")
    }

    @Test func searchWithWarmIndexesFindsWhatAStoreOpenedAnewFinds() async throws {
        let (fixture, _, _) = try await populated()
        let warm = fixture.store
        let queries = ["billing postgres", "who reviews search", "vim", "cluster move"]
        func compare(_ moment: String) async throws {
            let cold = try GraphStore(path: fixture.path)
            for query in queries {
                let vector = QueryVector(
                    values: try await Self.embedder.embed(query), model: Self.embedder.modelIdentity)
                let options = SearchOptions(explain: true)
                let fromWarm = try warm.search(query, vector: vector, options: options)
                let fromCold = try cold.search(query, vector: vector, options: options)
                #expect(fromWarm == fromCold, "\(query) after \(moment)")
            }
        }
        try await compare("the first search")
        try warm.relate("Person:Ada", "uses", "Tool:vim", fact: "Ada edits in vim every day")
        try await warm.embedMissing(with: Self.embedder)
        try await compare("a new fact")
        let vim = try #require(try warm.facts(about: "Person:Ada", relation: "uses").first)
        try warm.purge(vim.edge.id)
        try await compare("its purge")
    }
}
