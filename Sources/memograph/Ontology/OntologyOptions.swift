import ArgumentParser
import Foundation
import Memograph

/// The `--ontology PATH` option shared by every command that needs an ontology; without it
/// the bundled `Ontologies/memograph.owl` is used.
struct OntologyOptions: ParsableArguments {
    @Option(
        name: .customLong("ontology"),
        help: """
            OWL 2 RDF/XML ontology file (default: the bundled memograph.owl, or $MEMOGRAPH_ONTOLOGY). \
            For store commands, 'none' uses the ontology the store recorded (free-form if it has none).
            """)
    var path: String?

    /// Loads the chosen ontology, printing any error as `file:line: error: …` and failing.
    func load() throws -> Ontology {
        do {
            if let path { return try OntologyLoader().load(path: path) }
            return try OntologyLoader.loadDefault()
        } catch {
            StandardError.write(error.description)
            throw ExitCode.failure
        }
    }

    /// The ontology a store command passes to the store: nil for `--ontology none`.
    func loadForStore() throws -> Ontology? {
        path == "none" ? nil : try load()
    }

    /// The path that `load()` reads, for messages.
    var resolvedPath: String? {
        path ?? OntologyLoader.defaultOntologyPath()
    }
}
