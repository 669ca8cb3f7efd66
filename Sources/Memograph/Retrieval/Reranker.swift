/// Scores passages against a query with a model that reads the two together (a cross-encoder or
/// an LLM), for the last step of ``GraphStore/search(_:options:embedder:reranker:)``.
///
/// BM25 and a bi-encoder such as MiniLM score each passage without seeing the question: they
/// find passages that share its words or topic, not the one that answers it. On LoCoMo's
/// multi-hop questions the second answering turn is often ranked 10th–30th for that reason.
/// A reranker is optional; MemographLLM's `RerankEndpointClient` is one.
public protocol Reranker: Sendable {
    /// A short name for reports, e.g. `rerank:bge-reranker-v2-m3`.
    var name: String { get }

    /// One relevance score per passage, in the order of `passages`; higher is more relevant.
    func scores(query: String, passages: [String]) async throws -> [Double]
}
