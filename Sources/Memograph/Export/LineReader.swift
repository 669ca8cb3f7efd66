import Foundation

/// Reads a file line by line in 64 KiB blocks, so a backup of any size is read in constant memory.
final class LineReader {
    private let handle: FileHandle
    private var buffer = Data()
    private var atEnd = false
    /// The number of the line last returned (1-based).
    private(set) var lineNumber = 0

    init(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportError(file: path, line: 0, field: "file", reason: "cannot be opened for reading")
        }
        self.handle = handle
    }

    deinit { try? handle.close() }

    /// The next line without its terminator, or nil at the end of the file.
    func next() throws -> Data? {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                var line = buffer[buffer.startIndex..<newline]
                buffer.removeSubrange(buffer.startIndex...newline)
                if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
                lineNumber += 1
                return Data(line)
            }
            if atEnd {
                guard !buffer.isEmpty else { return nil }
                let line = buffer
                buffer = Data()
                lineNumber += 1
                return line
            }
            let chunk = try handle.read(upToCount: 1 << 16) ?? Data()
            if chunk.isEmpty { atEnd = true } else { buffer.append(chunk) }
        }
    }
}
