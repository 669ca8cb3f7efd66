import Foundation
import GRDB

/// The in-memory vector indexes of one store view, loaded from the `embeddings` table on first
/// use and reloaded when the table has changed since (``SearchSchema`` counts its changes).
final class VectorIndexCache: @unchecked Sendable {
    private struct Key: Hashable {
        var kind: String
        var model: String
    }

    private let lock = NSLock()
    private var indexes: [Key: (version: Int64, index: ExactVectorIndex)] = [:]

    /// The index of `kind` ('entity', 'edge' or 'episode') vectors of `model` in `namespace`.
    func index(kind: String, model: String, namespace: String, dimension: Int, db: Database) throws
        -> ExactVectorIndex
    {
        let version = try SearchSchema.counter(SearchSchema.versionKey, db: db)
        let key = Key(kind: kind, model: model)
        if let cached = lock.withLock({ indexes[key] }), cached.version == version {
            return cached.index
        }
        var entries: [(id: Int64, vector: [Float])] = []
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT owner_id, vector FROM embeddings
                WHERE namespace = ? AND owner_kind = ? AND model = ? ORDER BY owner_id
                """, arguments: [namespace, kind, model])
        while let row = try rows.next() {
            let vector = VectorCoding.decode(row[1])
            if vector.count == dimension { entries.append((row[0], vector)) }
        }
        let index = try ExactVectorIndex(dimension: dimension, entries: entries)
        lock.withLock { indexes[key] = (version, index) }
        return index
    }
}
