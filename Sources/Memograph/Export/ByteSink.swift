import Foundation

/// Buffers text and writes it to a file handle in large blocks, for the line-oriented exports.
final class ByteSink {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private let capacity = 1 << 16

    init(_ handle: FileHandle) {
        self.handle = handle
        buffer.reserveCapacity(capacity)
    }

    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= capacity { try flush() }
    }

    func write(_ bytes: Data) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            throw MemographError.invalidArgument(
                field: "output", reason: "could not write: \(error.localizedDescription)")
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
