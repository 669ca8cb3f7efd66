import ArgumentParser
import Foundation
import Memograph

/// The options every store command shares: which file and which namespace.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: "The store file (default: $MEMOGRAPH_DB or memory.sqlite in the user's data directory).")
    var db: String?

    @Option(name: .long, help: "The namespace (tenant) to read and write; namespaces never see each other.")
    var namespace: String = "default"

    @OptionGroup var ontology: OntologyOptions

    @Flag(help: "Store facts and types the ontology forbids, marked as violations, instead of refusing them.")
    var lenient = false

    func open() throws -> GraphStore {
        try GraphStore(
            path: db ?? DataDirectory.defaultStorePath(), namespace: namespace,
            ontology: ontology.loadForStore(),
            validation: lenient ? .lenient : .strict, access: .single)
    }

    /// Opens the store, runs `body`, and closes the store cleanly whatever happens, so a failed
    /// command leaves the file exactly as it found it.
    func use<T>(_ body: (GraphStore) throws -> T) throws -> T {
        let graph = try open()
        defer { try? graph.close() }
        return try body(graph)
    }
}

/// The two time axes every read accepts.
struct TimeOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: "Event time: what held in the world at this instant.")
    var asOf: String?

    @Option(name: .customLong("known-at"), help: "System time: what the store believed at this instant.")
    var knownAt: String?

    func slice() throws -> (asOf: Date?, knownAt: Date?) {
        (
            try asOf.map { try ISO8601.parse($0, field: "--as-of") },
            try knownAt.map { try ISO8601.parse($0, field: "--known-at") }
        )
    }
}
