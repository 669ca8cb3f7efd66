/// Turns texts into fixed-size vectors for semantic search.
///
/// `modelIdentity` names the model and its exact weights; a store records it next to every
/// vector so that vectors from different models are never compared (changing the model means
/// re-embedding).
public protocol Embedder: Sendable {
    /// Length of every vector this embedder returns.
    var dimension: Int { get }
    /// A stable name for model + weights + settings that affect the vectors.
    var modelIdentity: String { get }
    /// One vector per text, in input order.
    func embed(_ texts: [String]) async throws -> [[Float]]
}

extension Embedder {
    /// The vector of a single text.
    public func embed(_ text: String) async throws -> [Float] {
        try await embed([text])[0]
    }
}
