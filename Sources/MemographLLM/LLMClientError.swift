/// Why a request to an OpenAI-compatible endpoint failed, with what the server said.
public enum LLMClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The server answered with an error status; `message` is its error message (or body).
    case http(status: Int, message: String, url: String)
    /// The request never got an answer (connection refused, reset, timed out), after retries.
    case transport(message: String, url: String)
    /// The server answered 2xx but not with the JSON the API defines.
    case invalidResponse(reason: String, url: String)

    public var description: String {
        switch self {
        case .http(let status, let message, let url):
            return "\(url) answered HTTP \(status): \(message)"
        case .transport(let message, let url):
            return "request to \(url) failed: \(message)"
        case .invalidResponse(let reason, let url):
            return "unexpected response from \(url): \(reason)"
        }
    }
}
