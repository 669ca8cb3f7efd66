/// The text a hit puts in a prompt: what a reranker reads and what a token budget counts.
enum PromptText {
    /// The fact's sentence.
    static func of(_ fact: Fact) -> String { fact.text }
    /// The entity's `Type:name`, and its summary after a colon.
    static func of(_ entity: Entity) -> String { entity.reference + (entity.summary.map { ": " + $0 } ?? "") }
    /// The episode's content.
    static func of(_ episode: Episode) -> String { episode.content }
}
