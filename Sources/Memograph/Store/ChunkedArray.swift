/// An array kept in chunks of 4,096 elements, so that changing a copy that shares storage with
/// another copies the chunks changed, not every element.
///
/// A held ``Adjacency`` is shared with the readers walking it; the catch-up after a write
/// changes a few of its million links, and with one array it copied all of them (30 ms at a
/// million edges) whenever a reader was still walking.
struct ChunkedArray<Element: Sendable>: Sendable {
    static var chunkBits: Int { 12 }
    static var chunkSize: Int { 1 << chunkBits }

    private var chunks: [[Element]] = []
    /// How many elements it holds.
    private(set) var count = 0

    subscript(index: Int) -> Element {
        get { chunks[index >> Self.chunkBits][index & (Self.chunkSize - 1)] }
        set { chunks[index >> Self.chunkBits][index & (Self.chunkSize - 1)] = newValue }
    }

    mutating func append(_ element: Element) {
        if count & (Self.chunkSize - 1) == 0 {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
        }
        chunks[chunks.count - 1].append(element)
        count += 1
    }
}
