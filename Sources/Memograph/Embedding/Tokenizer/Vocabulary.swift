import Foundation

/// A WordPiece vocabulary (`vocab.txt`): one token per line, its line number is its id.
public struct Vocabulary: Sendable {
    /// Token ids by token text.
    public let ids: [String: Int32]
    /// Token texts by id.
    public let tokens: [String]

    /// Builds a vocabulary from tokens in id order.
    public init(tokens: [String]) {
        var ids: [String: Int32] = [:]
        ids.reserveCapacity(tokens.count)
        for (index, token) in tokens.enumerated() where ids[token] == nil {
            ids[token] = Int32(index)
        }
        self.ids = ids
        self.tokens = tokens
    }

    /// Reads `vocab.txt` at `url`.
    public init(contentsOf url: URL) throws(ModelError) {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.hasSuffix("\r") ? $0.dropLast() : $0)
        }
        if lines.last == "" { lines.removeLast() }
        guard !lines.isEmpty else { throw .invalidFile(path: url.path, reason: "the vocabulary is empty") }
        self.init(tokens: lines)
    }

    /// The id of `token`, or nil when it is not in the vocabulary.
    public func id(of token: String) -> Int32? { ids[token] }
}
