/// Values by row id, kept in a dictionary per 4,096 consecutive ids, so that changing a copy
/// that shares storage with another copies the chunks changed rather than every entry, as one
/// dictionary would (see ``ChunkedArray``).
///
/// The chunks are dictionaries, not arrays: ids are shared by every namespace of a store, so
/// the rows of one namespace may be sparse among them, and memory follows the ids held. They are
/// found by position, so a lookup hashes once, as in one dictionary. An id below zero or from
/// 2²⁸ up (a store past a quarter of a billion rows, or rows written by hand) is kept in one
/// dictionary beside them, so that no id makes the list of chunks long.
struct ChunkedTable<Value: Sendable>: Sendable {
    private static var chunkBits: Int { 12 }
    private static var chunkedIDs: Range<Int64> { 0..<(1 << 28) }

    /// Chunk `c` holds the ids from `c << 12` up to the next chunk's.
    private var chunks: [[Int64: Value]] = []
    private var outliers: [Int64: Value] = [:]
    /// How many ids have a value.
    private(set) var count = 0

    subscript(id: Int64) -> Value? {
        get {
            guard Self.chunkedIDs.contains(id) else { return outliers[id] }
            let chunk = Int(id) >> Self.chunkBits
            return chunk < chunks.count ? chunks[chunk][id] : nil
        }
        set {
            guard Self.chunkedIDs.contains(id) else {
                count += (newValue == nil ? 0 : 1) - (outliers[id] == nil ? 0 : 1)
                outliers[id] = newValue
                return
            }
            let chunk = Int(id) >> Self.chunkBits
            if let newValue {
                if chunk >= chunks.count {
                    chunks.append(contentsOf: repeatElement([:], count: chunk - chunks.count + 1))
                }
                if chunks[chunk].updateValue(newValue, forKey: id) == nil { count += 1 }
            } else if chunk < chunks.count, chunks[chunk].removeValue(forKey: id) != nil {
                count -= 1
            }
        }
    }

    /// Changes the value of `id` in place (nil when there is none; a nil left removes it): taken
    /// out first, so that a value with storage of its own (an array) is not copied to be changed.
    mutating func update(_ id: Int64, _ body: (inout Value?) -> Void) {
        var value = self[id]
        self[id] = nil
        body(&value)
        self[id] = value
    }

    /// Every id with a value, and its value, by ascending id.
    var entries: [(id: Int64, value: Value)] {
        (chunks.flatMap { $0 } + outliers).sorted { $0.key < $1.key }.map { (id: $0.key, value: $0.value) }
    }
}

extension ChunkedTable: Equatable where Value: Equatable {
    /// The same values for the same ids, however each is kept.
    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.count == rhs.count
            && lhs.entries.allSatisfy { entry in rhs[entry.id].map { $0 == entry.value } ?? false }
    }
}
