import ArgumentParser
import MemographLLM

/// What the `--llm-…` and `--rerank-…` flag groups share: a timeout given in seconds.
extension EndpointOverrides {
    /// Overrides from flags, `timeoutSeconds` (a `--…-timeout`) made a duration.
    init(baseURL: String?, model: String?, apiKey: String?, timeoutSeconds: Double?) {
        self.init(
            baseURL: baseURL, model: model, apiKey: apiKey,
            timeout: timeoutSeconds.map { .milliseconds(Int64(($0 * 1000).rounded())) })
    }

    /// Refuses a `flag` timeout in seconds outside (0, 86400].
    static func validateTimeout(_ seconds: Double?, flag: String) throws {
        if let seconds, !(seconds > 0 && seconds <= 86_400) {
            throw ValidationError("\(flag) must be between 0 and 86400 seconds, not \(seconds)")
        }
    }
}
