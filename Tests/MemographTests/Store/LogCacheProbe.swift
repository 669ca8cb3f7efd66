import GRDB

@testable import Memograph

extension LogCache {
    /// What the cache holds for `store`'s namespace and a fresh load, both as one snapshot sees
    /// them: a cache kept current from its log must equal the load.
    func cachedAndFresh(_ store: GraphStore) throws -> (cached: Value?, fresh: Value) {
        try store.read { db in
            let cached = try value(namespace: store.namespace, db: db)
            let head = try Value.log.head(db)
            return (cached, try Value.load(namespace: store.namespace, through: head, db: db))
        }
    }
}
