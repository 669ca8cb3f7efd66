import Foundation

/// Everything a caller can get wrong, or a store file can be wrong about, as one typed error.
///
/// Every case says what was wrong and where; no operation that throws one has changed the store.
public enum MemographError: Error, Equatable, Sendable, LocalizedError {
    /// The file exists but is not a Memograph store (another SQLite database, or not SQLite at all).
    case notAMemographStore(path: String, reason: String)
    /// The store was written by a newer Memograph whose schema this version does not know.
    case newerSchema(path: String, unknownMigrations: [String])
    /// No entity matches the reference in this namespace.
    case unknownEntity(String)
    /// A bare name matches several entities; the candidates are given as `Type:name`.
    case ambiguousEntity(String, candidates: [String])
    /// No edge with this id in this namespace.
    case unknownEdge(EdgeID)
    /// No episode with this id in this namespace.
    case unknownEpisode(EpisodeID)
    /// A date that is not ISO 8601.
    case invalidDate(field: String, value: String)
    /// An argument that breaks a rule; `field` names it.
    case invalidArgument(field: String, reason: String)
    /// Raw input bytes that are not UTF-8, with where they were found.
    case invalidUTF8(field: String)
    /// A type the store's ontology does not define; `suggestions` are defined names close to it.
    case unknownType(String, suggestions: [String])
    /// A relation the store's ontology does not define; `suggestions` are defined names close to it.
    case unknownRelation(String, suggestions: [String])
    /// A fact the ontology forbids (domain, range, datatype or disjointness), in words.
    case ontologyViolation(String)
    /// The store's vectors come from another embedding model; mixing them would make similarity
    /// meaningless, so the store must be re-embedded (`memograph reembed`) first.
    case embeddingModelMismatch(recorded: String, given: String)
    /// The ontology given is not a compatible extension of the one the store was created with.
    case incompatibleOntology(path: String, differences: [String])
    /// A search filter with an unknown field or operator, a value of the wrong type or too deep a
    /// nesting; `path` says where (`$.AND[1].valid_from.gte`).
    case invalidFilter(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .notAMemographStore(let path, let reason):
            "\(path) is not a Memograph store: \(reason)"
        case .newerSchema(let path, let unknown):
            "\(path) was written by a newer Memograph (unknown schema migrations: "
                + "\(unknown.joined(separator: ", "))); upgrade memograph to open it"
        case .unknownEntity(let reference):
            "no entity named '\(reference)' in this namespace"
        case .ambiguousEntity(let reference, let candidates):
            "'\(reference)' is ambiguous: it names \(candidates.joined(separator: ", ")); "
                + "write it as Type:name"
        case .unknownEdge(let id):
            "no \(id) in this namespace"
        case .unknownEpisode(let id):
            "no \(id) in this namespace"
        case .invalidDate(let field, let value):
            "\(field): '\(value)' is not an ISO 8601 date (e.g. 2026-03-01 or 2026-03-01T09:30:00Z)"
        case .invalidArgument(let field, let reason):
            "\(field): \(reason)"
        case .invalidUTF8(let field):
            "\(field): not valid UTF-8"
        case .unknownType(let type, let suggestions):
            "unknown type '\(type)' in the store's ontology" + Self.didYouMean(suggestions)
        case .unknownRelation(let relation, let suggestions):
            "unknown relation '\(relation)' in the store's ontology" + Self.didYouMean(suggestions)
        case .ontologyViolation(let message):
            "ontology violation: \(message) (lenient validation, --lenient, stores it marked instead)"
        case .embeddingModelMismatch(let recorded, let given):
            "the store's vectors come from \(recorded), not \(given); re-embed the store with the new model "
                + "(memograph reembed) before using it"
        case .incompatibleOntology(let path, let differences):
            "the ontology does not extend the one \(path) was created with: "
                + differences.joined(separator: "; ")
        case .invalidFilter(let path, let reason):
            "invalid filter at \(path): \(reason)"
        }
    }

    private static func didYouMean(_ suggestions: [String]) -> String {
        suggestions.isEmpty ? "" : " (did you mean \(suggestions.joined(separator: ", "))?)"
    }
}
