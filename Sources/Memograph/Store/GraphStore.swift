import Foundation
import GRDB

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
    /// Which relations are single-valued when the caller does not say.
    public let rules: RelationRules

    let pool: DatabasePool
    let clock: @Sendable () -> Date

    /// Opens (creating when missing) the store at `path`.
    ///
    /// - Throws: ``MemographError/notAMemographStore(path:reason:)`` for a file that is not a
    ///   Memograph store, ``MemographError/newerSchema(path:unknownMigrations:)`` for one written
    ///   by a newer version; the file is not modified in either case.
    public convenience init(
        path: String, namespace: String = "default", rules: RelationRules = .builtIn,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        try Self.validateNamespace(namespace)
        let pool = try StoreOpener.open(path: path)
        self.init(pool: pool, path: path, namespace: namespace, rules: rules, clock: clock)
    }

    init(
        pool: DatabasePool, path: String, namespace: String, rules: RelationRules,
        clock: @escaping @Sendable () -> Date
    ) {
        self.pool = pool
        self.path = path
        self.namespace = namespace
        self.rules = rules
        self.clock = clock
    }

    /// A view of another namespace in the same file.
    public func namespace(_ name: String) throws -> GraphStore {
        try Self.validateNamespace(name)
        return GraphStore(pool: pool, path: path, namespace: name, rules: rules, clock: clock)
    }

    /// The same namespace under other relation rules.
    public func with(rules: RelationRules) -> GraphStore {
        GraphStore(pool: pool, path: path, namespace: namespace, rules: rules, clock: clock)
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
