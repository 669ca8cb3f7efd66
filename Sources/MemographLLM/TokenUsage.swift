import Foundation

/// Tokens an LLM client has spent, as the server reported them (`usage` of each response).
public struct TokenUsage: Hashable, Sendable, Codable {
    /// Completed requests.
    public var requests: Int
    /// Tokens sent.
    public var promptTokens: Int
    /// Tokens received.
    public var completionTokens: Int

    /// Creates a tally.
    public init(requests: Int = 0, promptTokens: Int = 0, completionTokens: Int = 0) {
        self.requests = requests
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }

    /// Tokens sent and received.
    public var totalTokens: Int { promptTokens + completionTokens }
}

/// Adds up ``TokenUsage`` across concurrent calls.
final class TokenMeter: @unchecked Sendable {
    private let lock = NSLock()
    private var total = TokenUsage()

    func add(prompt: Int, completion: Int) {
        lock.withLock {
            total.requests += 1
            total.promptTokens += prompt
            total.completionTokens += completion
        }
    }

    var usage: TokenUsage { lock.withLock { total } }
}
