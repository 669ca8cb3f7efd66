/// Values by row id, kept in chunks of 4,096 consecutive ids, so that changing a copy that
/// shares storage with another copies the chunks changed rather than every entry, as one
/// dictionary would (see ``ChunkedArray``).
///
/// Ids are shared by every namespace of a store, so one namespace's rows may be sparse among
/// them: a chunk is a dictionary of the ids it holds until it holds half of its ids, and an array
/// of all 4,096 from then on (until it falls below a quarter), which a lookup indexes without
/// hashing; either way it takes within a small factor of what its ids' entries take. Chunks are
/// found by position. An id below zero or from 2²⁸ up (a store past a quarter of a billion rows,
/// or rows written by hand) is kept in one dictionary beside them, so that no id makes the list
/// of chunks long.
struct ChunkedTable<Value: Sendable>: Sendable {
    private static var chunkBits: Int { 12 }
    private static var chunkSize: Int { 1 << chunkBits }
    private static var chunkedIDs: Range<Int64> { 0..<(1 << 28) }
    /// A sparse chunk turns dense when it holds this many ids, and a dense one sparse below
    /// ``sparseBelow``: apart, so that a chunk near one mark does not turn back and forth.
    private static var denseFrom: Int { chunkSize / 2 }
    private static var sparseBelow: Int { chunkSize / 4 }

    /// Chunk `c` holds the ids from `c << 12` up to the next chunk's: in `dense[c]`, by offset,
    /// when that is not empty, else in `sparse[c]`.
    private var sparse: [[Int64: Value]] = []
    private var dense: [[Value?]] = []
    /// How many ids each dense chunk holds.
    private var denseCounts: [Int] = []
    private var outliers: [Int64: Value] = [:]
    /// How many ids have a value.
    private(set) var count = 0

    subscript(id: Int64) -> Value? {
        get {
            guard Self.chunkedIDs.contains(id) else { return outliers[id] }
            let chunk = Int(id) >> Self.chunkBits
            guard chunk < sparse.count else { return nil }
            return dense[chunk].isEmpty ? sparse[chunk][id] : dense[chunk][Int(id) & (Self.chunkSize - 1)]
        }
        set { update(id) { $0 = newValue } }
    }

    /// Counts the ids a change to chunk `chunk` added (or, negative, removed), and turns the
    /// chunk into the other form when it crossed a mark.
    private mutating func settle(_ chunk: Int, added: Int) {
        count += added
        if !dense[chunk].isEmpty { denseCounts[chunk] += added }
        if dense[chunk].isEmpty, sparse[chunk].count >= Self.denseFrom {
            makeDense(chunk)
        } else if !dense[chunk].isEmpty, denseCounts[chunk] < Self.sparseBelow {
            makeSparse(chunk)
        }
    }

    /// Whether the chunk that would hold `id` is an array of all its ids rather than a dictionary
    /// of those it holds: how the table keeps it, which tests check at the marks.
    func keepsArray(around id: Int64) -> Bool {
        guard Self.chunkedIDs.contains(id) else { return false }
        let chunk = Int(id) >> Self.chunkBits
        return chunk < dense.count && !dense[chunk].isEmpty
    }

    private mutating func makeDense(_ chunk: Int) {
        var values = [Value?](repeating: nil, count: Self.chunkSize)
        for (id, value) in sparse[chunk] { values[Int(id) & (Self.chunkSize - 1)] = value }
        denseCounts[chunk] = sparse[chunk].count
        dense[chunk] = values
        sparse[chunk] = [:]
    }

    private mutating func makeSparse(_ chunk: Int) {
        let first = Int64(chunk << Self.chunkBits)
        var values: [Int64: Value] = Dictionary(minimumCapacity: denseCounts[chunk])
        for (offset, value) in dense[chunk].enumerated() {
            if let value { values[first + Int64(offset)] = value }
        }
        sparse[chunk] = values
        dense[chunk] = []
        denseCounts[chunk] = 0
    }

    /// Changes the value of `id` in place (nil when there is none; a nil left removes it), so
    /// that a value with storage of its own (an array) is not copied to be changed.
    mutating func update(_ id: Int64, _ body: (inout Value?) -> Void) {
        var added = 0
        // Runs `body` where the value is kept (one lookup), counting what it added or removed.
        func counted(_ value: inout Value?) {
            let had = value != nil
            body(&value)
            added = (value == nil ? 0 : 1) - (had ? 1 : 0)
        }
        guard Self.chunkedIDs.contains(id) else {
            counted(&outliers[id])
            count += added
            return
        }
        let chunk = Int(id) >> Self.chunkBits
        if chunk >= sparse.count {
            var value: Value?
            body(&value)
            guard value != nil else { return }
            let more = chunk - sparse.count + 1
            sparse.append(contentsOf: repeatElement([:], count: more))
            dense.append(contentsOf: repeatElement([], count: more))
            denseCounts.append(contentsOf: repeatElement(0, count: more))
            sparse[chunk][id] = value
            return settle(chunk, added: 1)
        }
        if dense[chunk].isEmpty {
            counted(&sparse[chunk][id])
        } else {
            counted(&dense[chunk][Int(id) & (Self.chunkSize - 1)])
        }
        settle(chunk, added: added)
    }

    /// Every id with a value, and its value, by ascending id.
    var entries: [(id: Int64, value: Value)] {
        var entries = outliers.map { (id: $0.key, value: $0.value) }
        entries.reserveCapacity(count)
        for chunk in sparse.indices {
            entries += sparse[chunk].map { (id: $0.key, value: $0.value) }
            let first = Int64(chunk << Self.chunkBits)
            for (offset, value) in dense[chunk].enumerated() {
                if let value { entries.append((id: first + Int64(offset), value: value)) }
            }
        }
        return entries.sorted { $0.id < $1.id }
    }
}

extension ChunkedTable: Equatable where Value: Equatable {
    /// The same values for the same ids, however each is kept.
    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.count == rhs.count
            && lhs.entries.allSatisfy { entry in rhs[entry.id].map { $0 == entry.value } ?? false }
    }
}
