import ArgumentParser
import Foundation
import Memograph

/// `memograph bench embed`: throughput of the built-in model on 1,000 (`--sentences`) short sentences in
/// batches of 32, latency of one 10-word query, and the process's peak memory.
struct BenchEmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Sentences per second (1,000 short sentences, batch 32) and single-query latency.")

    @OptionGroup var model: ModelOptions

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    @Option(help: "Timed passes over the sentences; the median is reported.")
    var runs = 5

    @Option(help: "Timed single-query embeddings; the median is reported.")
    var queries = 200

    @Option(help: "How many sentences each pass embeds (the throughput goal is set on 1,000).")
    var sentences = 1000

    @Option(
        help: ArgumentHelp(
            "Also write the sentences, the query and the batch size here as JSON.",
            discussion: """
                scripts/embed-reference.py times sentence-transformers (PyTorch) on the same file, \
                so that both are measured on one machine, one after the other.
                """, valueName: "file"))
    var writeWorkload: String?

    /// The single query: ten words.
    static let query = "which service does the platform team deploy to production now"

    func validate() throws {
        guard runs > 0, queries > 0, sentences > 0 else {
            throw ValidationError("--runs, --queries and --sentences must be positive")
        }
    }

    func run() async throws {
        let embedder = try model.load()
        let sentences = Self.sentences(count: self.sentences)
        if let writeWorkload {
            let workload = EmbedWorkload(
                sentences: sentences, query: Self.query, batchSize: BertSentenceEmbedder.batchSize)
            try JSONEncoder().encode(workload).write(to: URL(fileURLWithPath: writeWorkload))
        }
        let tokens = sentences.reduce(0) { $0 + embedder.tokenIDs($1).count }
        _ = try await embedder.embed(Array(sentences.prefix(128)))
        var rates: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            _ = try await embedder.embed(sentences)
            rates.append(Double(sentences.count) / (ContinuousClock.now - start).seconds)
        }
        for _ in 0..<10 { _ = try await embedder.embed([Self.query]) }
        var latencies: [Double] = []
        for _ in 0..<queries {
            let start = ContinuousClock.now
            _ = try await embedder.embed([Self.query])
            latencies.append((ContinuousClock.now - start).seconds * 1000)
        }
        let rate = Measurements.quantile(rates, 0.5)
        let latency = Measurements.quantile(latencies, 0.5)
        let peak = Measurements.peakResidentMegabytes()
        let tokensPerSentence = Double(tokens) / Double(sentences.count)
        if json {
            var fields = [
                "\"sentences_per_second\": \(Self.rounded(rate, 1))",
                "\"query_p50_ms\": \(Self.rounded(latency, 3))",
                "\"sentences\": \(sentences.count)", "\"batch_size\": \(BertSentenceEmbedder.batchSize)",
                "\"tokens_per_sentence\": \(Self.rounded(tokensPerSentence, 2))",
                "\"cores\": \(ProcessInfo.processInfo.activeProcessorCount)",
            ]
            if let peak { fields.append("\"peak_rss_mb\": \(Self.rounded(peak, 1))") }
            print("{" + fields.joined(separator: ", ") + "}")
        } else {
            print("model:           \(embedder.modelIdentity)")
            print(
                "throughput:      \(String(format: "%.1f", rate)) sentences/s (\(sentences.count) sentences, "
                    + "\(String(format: "%.1f", tokensPerSentence)) tokens each, batch \(BertSentenceEmbedder.batchSize), "
                    + "median of \(runs))")
            print("query latency:   p50 \(String(format: "%.2f", latency)) ms (10 words, \(queries) queries)")
            if let peak { print("peak memory:     \(String(format: "%.1f", peak)) MB (VmHWM)") }
        }
    }

    /// `count` short, varied, deterministic sentences about people, services and tools.
    static func sentences(count: Int) -> [String] {
        let people = [
            "Ada", "Grace", "Linus", "Margaret", "Alan", "Barbara", "Ken", "Frances", "Dennis", "Radia",
            "The platform team", "Our intern", "Our lead", "Bob",
            "The release manager",
            "Support", "The data team", "Security", "The tech lead", "My manager",
        ]
        let verbs = [
            "deployed", "reviewed", "rewrote", "tested", "documented", "migrated", "monitors", "maintains",
            "debugged", "refactored", "owns", "restarted", "configured", "benchmarked", "archived", "cloned",
        ]
        let objects = [
            "the billing service", "the api gateway", "the search index", "the login page", "the nightly job",
            "the payment flow", "the mobile app", "the metrics dashboard", "the cache layer",
            "the auth module",
            "the import script", "the staging cluster", "the design docs", "the test suite",
            "the database schema",
        ]
        let endings = [
            "yesterday.", "last week.", "on Friday.", "at noon.", "this morning.", "again.",
            "today.", "in production.", "for the demo.", "after lunch.", "twice.",
        ]
        return (0..<count).map { index in
            "\(people[index % people.count]) \(verbs[(index / 3) % verbs.count]) "
                + "\(objects[(index * 7) % objects.count]) \(endings[(index * 5 + index / 11) % endings.count])"
        }
    }

    private static func rounded(_ value: Double, _ places: Int) -> String {
        String(format: "%.\(places)f", value)
    }
}

/// What `bench embed` times, as `--write-workload` writes it for a reference implementation.
struct EmbedWorkload: Encodable {
    var sentences: [String]
    var query: String
    var batchSize: Int

    enum CodingKeys: String, CodingKey {
        case sentences, query
        case batchSize = "batch_size"
    }
}

extension Duration {
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
