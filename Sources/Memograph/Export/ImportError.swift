import Foundation

/// Why an import failed, and where: the file, the line (1-based; 0 when the file could not be
/// read at all), the field or element, and what was wrong. A failed import changes nothing.
public struct ImportError: Error, Equatable, Hashable, Sendable, LocalizedError {
    public var file: String
    public var line: Int
    public var field: String
    public var reason: String

    public init(file: String, line: Int, field: String, reason: String) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
    }

    public var errorDescription: String? { "\(file):\(line): \(field): \(reason)" }
}
