import Foundation
import Memograph

/// An endpoint's settings given on a command line; each wins over its environment variable.
public struct EndpointOverrides: Sendable {
    public var baseURL: String?
    public var model: String?
    public var apiKey: String?
    public var timeout: Duration?

    /// Creates overrides; nil leaves a setting to the environment.
    public init(baseURL: String? = nil, model: String? = nil, apiKey: String? = nil, timeout: Duration? = nil)
    {
        self.baseURL = baseURL
        self.model = model
        self.apiKey = apiKey
        self.timeout = timeout
    }

    /// The configuration of the endpoint whose variables start with `variables`
    /// (`MEMOGRAPH_LLM`: `…_BASE_URL`, `…_MODEL`, `…_API_KEY`) and whose flags with `--flags`
    /// (`--llm`: `--llm-base-url`, …), each flag winning over its variable. An error names both
    /// places a missing or malformed setting can come from.
    func configuration<Configuration: EndpointConfiguration>(
        _ environment: [String: String], variables: String, flags: String, example: String
    ) throws -> Configuration {
        func setting(_ flag: String?, _ variable: String) -> String? {
            let value = flag ?? environment[variable]
            return value?.isEmpty == false ? value : nil
        }
        guard let base = setting(baseURL, "\(variables)_BASE_URL") else {
            throw MemographError.invalidArgument(
                field: "\(variables)_BASE_URL", reason: "not set (nor --\(flags)-base-url; e.g. \(example))")
        }
        guard let url = URL(string: base), url.scheme == "http" || url.scheme == "https", url.host != nil
        else {
            throw MemographError.invalidArgument(
                field: baseURL == nil ? "\(variables)_BASE_URL" : "--\(flags)-base-url",
                reason: "'\(base)' is not an http(s) URL")
        }
        guard let model = setting(model, "\(variables)_MODEL") else {
            throw MemographError.invalidArgument(
                field: "\(variables)_MODEL", reason: "not set (nor --\(flags)-model)")
        }
        if let timeout, timeout <= .zero {
            throw MemographError.invalidArgument(field: "--\(flags)-timeout", reason: "must be positive")
        }
        var configuration = Configuration.endpoint(
            baseURL: url, apiKey: setting(apiKey, "\(variables)_API_KEY"), model: model)
        if let timeout { configuration.timeout = timeout }
        return configuration
    }
}

/// A configuration ``EndpointOverrides`` can make: an endpoint, a model and a timeout.
protocol EndpointConfiguration {
    /// The configuration with its defaults, for this endpoint and model.
    static func endpoint(baseURL: URL, apiKey: String?, model: String) -> Self
    var timeout: Duration { get set }
}
