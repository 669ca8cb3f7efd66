import Foundation

/// The store's offline extractor, built once from its ontology (reading the phrasings and, for a
/// free-form store, the bundled ontology costs more than extracting an episode).
final class DefaultExtractorCache: @unchecked Sendable {
    private let lock = NSLock()
    private var cached: RuleExtractor?

    func extractor(for ontology: Ontology?) throws -> RuleExtractor {
        try lock.withLock {
            if let cached { return cached }
            let built = try RuleExtractor(ontology: ontology)
            cached = built
            return built
        }
    }
}
