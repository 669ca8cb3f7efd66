/// When and how long to wait before repeating a failed request: exponential backoff on
/// HTTP 429, 5xx and transport errors, honouring a server's `Retry-After` up to `maxDelay`.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first one included (1 = never retry).
    public var maxAttempts: Int
    public var initialDelay: Duration
    public var multiplier: Double
    public var maxDelay: Duration

    public init(
        maxAttempts: Int = 4, initialDelay: Duration = .milliseconds(500), multiplier: Double = 2,
        maxDelay: Duration = .seconds(8)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.initialDelay = initialDelay
        self.multiplier = multiplier
        self.maxDelay = maxDelay
    }

    /// Never retries.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// True for statuses worth repeating: 408, 429 and every 5xx.
    public static func isRetryable(status: Int) -> Bool {
        status == 408 || status == 429 || (500...599).contains(status)
    }

    /// The wait after failed attempt number `attempt` (1-based); `retryAfter` is the server's hint.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration? = nil) -> Duration {
        if let retryAfter { return min(retryAfter, maxDelay) }
        let factor = Double.pow(multiplier, Double(attempt - 1))
        return min(initialDelay * factor, maxDelay)
    }
}

extension Double {
    fileprivate static func pow(_ base: Double, _ exponent: Double) -> Double {
        var result = 1.0
        for _ in 0..<Int(exponent) { result *= base }
        return result
    }
}
