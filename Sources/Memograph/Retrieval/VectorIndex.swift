/// One hit of a vector search: the owner's row id and its similarity to the query.
public struct VectorMatch: Hashable, Sendable {
    public var id: Int64
    /// Dot product with the query; the cosine, since stored vectors are L2-normalised.
    public var score: Float

    public init(id: Int64, score: Float) {
        self.id = id
        self.score = score
    }
}

/// Nearest-neighbour search over the vectors of one kind of owner (entities, facts or episodes).
///
/// Search goes through this protocol so that an approximate index (HNSW, IVF) can replace the
/// exact one when a store grows past what a linear scan serves fast enough.
public protocol VectorIndex: Sendable {
    /// Length of every vector in the index.
    var dimension: Int { get }
    /// How many vectors the index holds.
    var count: Int { get }
    /// The `k` vectors most similar to `query`, best first.
    func nearest(to query: [Float], k: Int) -> [VectorMatch]
    /// The stored vector of `id`, or nil when the index does not hold it.
    func vector(of id: Int64) -> [Float]?
}
