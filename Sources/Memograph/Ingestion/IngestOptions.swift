/// How ``GraphStore/ingest(_:options:)`` reads an episode and resolves what it names.
public struct IngestOptions: Sendable {
    /// The extractor; nil means the offline ``RuleExtractor`` for the store's ontology.
    public var extractor: (any Extractor)?
    /// When given, a name that matches no entity by name or alias is compared with the stored
    /// entities of the same type by embedding, and new entities get a vector.
    public var embedder: (any Embedder)?
    /// The cosine similarity at or above which a name resolves to an existing entity.
    public var similarityThreshold: Float

    /// Options; by default the offline extractor and no embedder.
    public init(
        extractor: (any Extractor)? = nil, embedder: (any Embedder)? = nil, similarityThreshold: Float = 0.9
    ) {
        self.extractor = extractor
        self.embedder = embedder
        self.similarityThreshold = similarityThreshold
    }
}
