/// Values by row id, kept in chunks of 4,096 consecutive ids, so that changing a copy that shares
/// storage with another copies the chunks changed rather than every entry, as a dictionary would
/// (see ``ChunkedArray``). Row ids are dense, so the chunks are mostly full.
///
/// An id below zero or from 2³² up (which a store only holds when its rows were written by hand)
/// is kept in a dictionary beside the chunks, so that no id makes the chunk list huge.
struct ChunkedTable<Value: Sendable>: Sendable {
    private static var chunkBits: Int { 12 }
    private static var chunkSize: Int { 1 << chunkBits }
    private static var chunkedIDs: Range<Int64> { 0..<(1 << 32) }

    /// Chunk `c` holds ids `c << 12` up to the next chunk's; an empty chunk holds none.
    private var chunks: [[Value?]] = []
    private var outliers: [Int64: Value] = [:]
    /// How many ids have a value.
    private(set) var count = 0

    subscript(id: Int64) -> Value? {
        get {
            guard Self.chunkedIDs.contains(id) else { return outliers[id] }
            let chunk = Int(id >> Self.chunkBits)
            guard chunk < chunks.count, !chunks[chunk].isEmpty else { return nil }
            return chunks[chunk][Int(id) & (Self.chunkSize - 1)]
        }
        set {
            guard Self.chunkedIDs.contains(id) else {
                count += (newValue == nil ? 0 : 1) - (outliers[id] == nil ? 0 : 1)
                outliers[id] = newValue
                return
            }
            let chunk = Int(id >> Self.chunkBits)
            if chunk >= chunks.count {
                guard newValue != nil else { return }
                chunks.append(contentsOf: repeatElement([], count: chunk - chunks.count + 1))
            }
            if chunks[chunk].isEmpty {
                guard newValue != nil else { return }
                chunks[chunk] = Array(repeating: nil, count: Self.chunkSize)
            }
            let index = Int(id) & (Self.chunkSize - 1)
            count += (newValue == nil ? 0 : 1) - (chunks[chunk][index] == nil ? 0 : 1)
            chunks[chunk][index] = newValue
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

    /// Every id with a value, and its value: ascending ids, then the outliers in no order.
    var entries: [(id: Int64, value: Value)] {
        var entries: [(id: Int64, value: Value)] = []
        entries.reserveCapacity(count)
        for (chunk, values) in chunks.enumerated() {
            for (index, value) in values.enumerated() {
                if let value { entries.append((Int64((chunk << Self.chunkBits) + index), value)) }
            }
        }
        entries += outliers.map { ($0.key, $0.value) }
        return entries
    }
}

extension ChunkedTable: Equatable where Value: Equatable {
    /// The same values for the same ids, however each is kept.
    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.count == rhs.count
            && lhs.entries.allSatisfy { entry in rhs[entry.id].map { $0 == entry.value } ?? false }
    }
}
