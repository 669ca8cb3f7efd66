import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// POSTs JSON to an OpenAI-compatible API and returns the body of a 2xx answer, retrying 408,
/// 429, 5xx and transport failures per a ``RetryPolicy`` (honouring `Retry-After`). Shared by
/// the embeddings and chat-completions clients.
struct OpenAITransport: Sendable {
    let baseURL: URL
    let apiKey: String?
    let retryPolicy: RetryPolicy
    private let session: URLSession

    private struct ErrorBody: Decodable {
        struct Detail: Decodable { let message: String? }
        let error: Detail?
        let message: String?
    }

    init(baseURL: URL, apiKey: String?, timeout: Duration, retryPolicy: RetryPolicy) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.retryPolicy = retryPolicy
        let sessionConfiguration = URLSessionConfiguration.ephemeral
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        sessionConfiguration.timeoutIntervalForRequest = seconds
        sessionConfiguration.timeoutIntervalForResource = seconds
        session = URLSession(configuration: sessionConfiguration)
    }

    func endpoint(_ path: String) -> URL { baseURL.appending(path: path) }

    /// Sends `body` to `path` (relative to the base URL), retrying per the policy.
    func post(_ path: String, body: Data) async throws(LLMClientError) -> Data {
        let url = endpoint(path)
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.setValue("application/json", forHTTPHeaderField: "Accept")
        if let apiKey { request.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization") }
        request.httpBody = body
        let address = url.absoluteString
        var attempt = 1
        while true {
            let failure: LLMClientError
            var retryAfter: Duration?
            do {
                let (data, response) = try await session.data(for: request)
                guard let http = response as? HTTPURLResponse else {
                    throw LLMClientError.invalidResponse(reason: "not an HTTP response", url: address)
                }
                if (200...299).contains(http.statusCode) { return data }
                let status = LLMClientError.http(
                    status: http.statusCode, message: Self.errorMessage(in: data), url: address)
                guard RetryPolicy.isRetryable(status: http.statusCode) else { throw status }
                if let header = http.value(forHTTPHeaderField: "Retry-After"), let seconds = Double(header) {
                    retryAfter = .milliseconds(Int(seconds * 1000))
                }
                failure = status
            } catch let error as LLMClientError {
                throw error
            } catch {
                failure = .transport(message: error.localizedDescription, url: address)
            }
            guard attempt < retryPolicy.maxAttempts else { throw failure }
            try? await Task.sleep(for: retryPolicy.delay(afterAttempt: attempt, retryAfter: retryAfter))
            attempt += 1
        }
    }

    /// The server's error message: OpenAI's `{"error": {"message": …}}`, a top-level
    /// `message`, or else the body text itself.
    private static func errorMessage(in data: Data) -> String {
        if let body = try? JSONDecoder().decode(ErrorBody.self, from: data),
            let message = body.error?.message ?? body.message
        {
            return message
        }
        let text = String(decoding: data.prefix(500), as: UTF8.self).trimmingCharacters(
            in: .whitespacesAndNewlines)
        return text.isEmpty ? "(empty body)" : text
    }
}
