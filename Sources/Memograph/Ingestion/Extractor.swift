/// Reads an episode and proposes entities and facts; the store then resolves them against what
/// it knows. ``RuleExtractor`` (offline, driven by the ontology) is the default; an LLM-backed
/// one lives in `MemographLLM`.
public protocol Extractor: Sendable {
    /// A short name recorded with what the extractor produced (`rules`, `llm:gpt-4o-mini`).
    var name: String { get }
    /// The candidate entities and facts of one episode.
    func extract(_ context: ExtractionContext) async throws -> Extraction
}
