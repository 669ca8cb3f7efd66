import ArgumentParser
import Memograph
import MemographLLM

/// `--rerank` and the endpoint it asks: `--rerank-base-url`, `--rerank-model`,
/// `--rerank-api-key`, `--rerank-timeout`, each winning over its `MEMOGRAPH_RERANK_…` variable.
struct RerankOptions: ParsableArguments {
    @Flag(
        help: ArgumentHelp(
            "Reorder the best hits with a reranker model (a cross-encoder behind a /rerank endpoint).",
            discussion:
                "Any server of the Cohere/Jina rerank API: vLLM (vllm serve BAAI/bge-reranker-v2-m3), llama.cpp's server with --reranking, Infinity."
        ))
    var rerank = false
    @Option(help: "How many of each list's best hits the reranker reads (at least --limit).")
    var rerankDepth = 30
    @Option(
        name: .customLong("rerank-base-url"),
        help: "API root of the rerank endpoint, e.g. http://localhost:8000/v1 (or MEMOGRAPH_RERANK_BASE_URL)."
    )
    var rerankBaseURL: String?
    @Option(
        help: "Reranker model the server knows, e.g. BAAI/bge-reranker-v2-m3 (or MEMOGRAPH_RERANK_MODEL).")
    var rerankModel: String?
    @Option(
        name: .customLong("rerank-api-key"),
        help: "Bearer token (or MEMOGRAPH_RERANK_API_KEY, which keeps it out of the process list).")
    var rerankAPIKey: String?
    @Option(help: "Seconds one rerank request may take (default 60).") var rerankTimeout: Double?

    func validate() throws { try EndpointOverrides.validateTimeout(rerankTimeout, flag: "--rerank-timeout") }

    /// The reranker to search with; nil without `--rerank`.
    func make() throws -> (any Reranker)? {
        guard rerank else { return nil }
        let overrides = EndpointOverrides(
            baseURL: rerankBaseURL, model: rerankModel, apiKey: rerankAPIKey, timeoutSeconds: rerankTimeout)
        return RerankEndpointClient(configuration: try .fromEnvironment(overriding: overrides))
    }
}
