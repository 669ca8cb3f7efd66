import Foundation
import GRDB
import GRDBSQLite

/// A Memograph store: one SQLite file holding the temporal entity–relation graph of a namespace.
///
/// Reads run concurrently; writes are serialised by SQLite's single writer and each call is one
/// transaction, so a call that throws leaves the store as it was. Every query is confined to
/// ``namespace``: tenants never see each other's rows. `namespace(_:)` gives a view of another
/// namespace over the same file.
public final class GraphStore: Sendable {
    /// The store file.
    public let path: String
    /// The namespace every read and write of this view is confined to.
    public let namespace: String
    /// Which relations are single-valued when the caller does not say and there is no ontology.
    public let rules: RelationRules
    /// The vocabulary the store obeys — types, relations, their domains, ranges and
    /// characteristics — or nil for a free-form store.
    public let ontology: Ontology?
    /// What happens to a write the ontology forbids.
    public let validation: Validation

    let database: any DatabaseWriter
    /// Keeps a pool's write-ahead log short without making writers wait; nil for a single
    /// connection.
    let checkpointer: WALCheckpointer?
    let vectorIndexes = VectorIndexCache()
    let adjacencies = AdjacencyCache(declinesFirst: true)
    let entityTables = EntityTableCache(declinesFirst: false)
    let documentLengths = DocumentLengthCache()
    let defaultExtractor = DefaultExtractorCache()
    let clock: @Sendable () -> Date

    /// Opens (creating when missing) the store at `path`.
    ///
    /// - Throws: ``MemographError/notAMemographStore(path:reason:)`` for a file that is not a
    ///   Memograph store, ``MemographError/newerSchema(path:unknownMigrations:)`` for one written
    ///   by a newer version; the file is not modified in either case.
    ///
    /// - Parameters:
    ///   - ontology: the vocabulary to obey. The first ontology a store is opened with is recorded
    ///     in it; later openings must give the same one or a compatible extension (else
    ///     ``MemographError/incompatibleOntology(path:differences:)``), and nil means "the
    ///     recorded one" (a free-form store when none was ever given).
    ///   - validation: ``Validation/strict`` refuses writes the ontology forbids;
    ///     ``Validation/lenient`` stores them marked.
    ///   - access: ``StoreAccess/concurrent`` (the default) for long-lived processes that
    ///     read from several threads; ``StoreAccess/single`` for one-shot tools.
    public convenience init(
        path: String, namespace: String = "default", ontology: Ontology? = nil,
        validation: Validation = .strict,
        rules: RelationRules = .builtIn, access: StoreAccess = .concurrent,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        try Self.validateNamespace(namespace)
        let (database, checkpointer, foundLog) = try StoreOpener.open(path: path, access: access)
        let effective: Ontology?
        do {
            effective = try OntologyRecord.reconcile(database, given: ontology, path: path)
        } catch {
            checkpointer?.close()
            try? database.close()
            throw error
        }
        if foundLog { checkpointer?.requestCheckpoint() }
        self.init(
            database: database, checkpointer: checkpointer, path: path, namespace: namespace,
            ontology: effective, validation: validation,
            rules: rules, clock: clock)
    }

    init(
        database: any DatabaseWriter, checkpointer: WALCheckpointer?, path: String, namespace: String,
        ontology: Ontology?,
        validation: Validation, rules: RelationRules, clock: @escaping @Sendable () -> Date
    ) {
        self.database = database
        self.checkpointer = checkpointer
        self.path = path
        self.namespace = namespace
        self.ontology = ontology
        self.validation = validation
        self.rules = rules
        self.clock = clock
    }

    /// A view of another namespace in the same file.
    public func namespace(_ name: String) throws -> GraphStore {
        try Self.validateNamespace(name)
        return GraphStore(
            database: database, checkpointer: checkpointer, path: path, namespace: name, ontology: ontology,
            validation: validation,
            rules: rules, clock: clock)
    }

    /// The same namespace with another validation mode (e.g. lenient for one bulk import).
    public func with(validation: Validation) -> GraphStore {
        GraphStore(
            database: database, checkpointer: checkpointer, path: path, namespace: namespace,
            ontology: ontology, validation: validation,
            rules: rules, clock: clock)
    }

    /// How this view applies its ontology (or, without one, its relation rules).
    var ontologyRules: OntologyRules {
        OntologyRules(ontology: ontology, relationRules: rules, validation: validation)
    }

    /// Closes the file, folding the write-ahead log into it and emptying the log, so that the
    /// file alone holds the whole store. Calls made after closing fail.
    public func close() throws {
        // GRDB closes a pool's writer before its read-only readers, and a read-only connection
        // cannot checkpoint, so SQLite's own fold on the last close never runs for a pool. A
        // log left full is valid again at the next opening, which marks none of it folded: every
        // read then looked its pages up among those frames (a quarter of `neighbours` at a
        // million edges) until a write led to a checkpoint, and that copied them all once more.
        // The emptying does not wait: with another process writing or reading the log, it folds
        // in what it can at once, as a passive checkpoint would, rather than hold this close and
        // that process's writers for up to the busy timeout.
        checkpointer?.close()
        _ = try? database.writeWithoutTransaction { db in
            sqlite3_busy_timeout(db.sqliteConnection, 0)
            try db.checkpoint(.truncate)
        }
        try database.close()
    }

    /// Runs `body` in a read transaction: one consistent snapshot of the store.
    ///
    /// A pool reads on its read-only connections. A single connection reads in a deferred
    /// transaction rather than through GRDB's `read`, which brackets every read with
    /// `PRAGMA query_only`: SQLite expires every prepared statement of the connection on such a
    /// pragma, so each read prepared its cached statements again (a fifth of LoCoMo's run time).
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        guard let queue = database as? DatabaseQueue else { return try database.read(body) }
        return try queue.inDatabase { db in try Self.inSnapshot(db, body) }
    }

    /// The asynchronous form of ``read(_:)``.
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        guard let queue = database as? DatabaseQueue else { return try await database.read(body) }
        return try await queue.writeWithoutTransaction { db in try Self.inSnapshot(db, body) }
    }

    /// `body` in a deferred transaction, which reads one snapshot and writes nothing.
    private static func inSnapshot<T>(_ db: Database, _ body: (Database) throws -> T) throws -> T {
        var result: T?
        try db.inTransaction(.deferred) {
            result = try body(db)
            return .commit
        }
        guard let result else { preconditionFailure("a committed transaction ran its body") }
        return result
    }

    /// The current time on the store's clock, truncated to stored precision.
    var now: Date { StoreTime.truncate(clock()) }

    static func validateNamespace(_ name: String) throws {
        guard !name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw MemographError.invalidArgument(field: "namespace", reason: "must not be empty")
        }
        try TextRules.check(name, field: "namespace", maxLength: 200)
    }
}
