/// An extractor that never suspends (no network, no model): the store runs it inside the write
/// transaction of the episode, so that ingesting takes one round trip to SQLite.
public protocol SynchronousExtractor: Extractor {
    /// The candidate entities and facts of one episode.
    func extractNow(_ context: ExtractionContext) -> Extraction
}
