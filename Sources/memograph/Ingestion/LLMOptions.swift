import ArgumentParser
import MemographLLM

/// `--llm-base-url`, `--llm-model`, `--llm-api-key`, `--llm-timeout`: the chat-completions
/// endpoint of `--extractor llm`, each winning over its `MEMOGRAPH_LLM_…` variable.
struct LLMOptions: ParsableArguments {
    @Option(
        name: .customLong("llm-base-url"),
        help: "OpenAI-compatible API root, e.g. http://localhost:11434/v1 (or MEMOGRAPH_LLM_BASE_URL).")
    var llmBaseURL: String?
    @Option(
        name: .customLong("llm-model"),
        help: "Model name the server knows, e.g. qwen3:8b (or MEMOGRAPH_LLM_MODEL).")
    var llmModel: String?
    @Option(
        name: .customLong("llm-api-key"),
        help: "Bearer token (or MEMOGRAPH_LLM_API_KEY, which keeps it out of the process list).")
    var llmAPIKey: String?
    @Option(name: .customLong("llm-timeout"), help: "Seconds one request may take (default 120).")
    var llmTimeout: Double?

    func validate() throws { try EndpointOverrides.validateTimeout(llmTimeout, flag: "--llm-timeout") }

    var overrides: EndpointOverrides {
        EndpointOverrides(baseURL: llmBaseURL, model: llmModel, apiKey: llmAPIKey, timeoutSeconds: llmTimeout)
    }
}
