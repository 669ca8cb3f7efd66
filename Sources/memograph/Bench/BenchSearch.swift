import ArgumentParser
import Foundation
import Memograph

/// `memograph bench search`: hybrid-search latency on generated stores of growing size, the query
/// already embedded so that only the search itself is timed.
struct BenchSearch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search p50/p95 (query embedding excluded) on generated stores of 10k and 100k facts.",
        discussion: """
            For each size, generates that many facts (sentences of words drawn from a skewed \
            5,000-word vocabulary, between size/10 entities), embeds every fact, entity and episode \
            with the hashing embedder (384 dimensions: the vector work of MiniLM at a fraction of the \
            set-up time), then times --queries searches of 2–5 words with the default options \
            (BM25 + vectors, fusion, depth-2 expansion). Then --writes times writes one new fact, \
            embeds what it added and searches again, as an agent that remembers and recalls in turn \
            would, timing the write with its embedding and the search after it. Use a release build.
            """)

    @Option(help: "Store sizes in facts; repeat to add sizes.") var facts: [Int] = [10_000, 100_000]
    @Option(help: "Searches to time per size.") var queries = 1_000
    @Option(help: "Searches to time per size right after a write.") var writes = 100
    @Option(help: "Hops of graph expansion.") var depth = 2
    @Flag(help: "Search without vectors.") var noVectors = false
    @Flag(help: "Print one JSON object.") var json = false

    func validate() throws {
        guard queries > 0, writes > 0, depth >= 0, facts.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--facts, --queries and --writes must be positive, --depth not negative")
        }
    }

    func run() async throws {
        var reports: [BenchSearchReport] = []
        for size in facts {
            reports.append(try await measure(size: size))
            if !json {
                let report = reports[reports.count - 1]
                print(
                    String(
                        format:
                            "%7d facts  search p50 %.2f ms, p95 %.2f ms  (%.1f hits/query; build %.0f s); "
                            + "write and embed one fact p50 %.2f ms, p95 %.2f ms; "
                            + "search after it p50 %.2f ms, p95 %.2f ms",
                        report.facts, report.p50Ms, report.p95Ms, report.meanHits, report.buildSeconds,
                        report.writeP50Ms, report.writeP95Ms, report.afterWriteP50Ms, report.afterWriteP95Ms))
            }
        }
        if json { try Output.json(reports) }
    }

    private func measure(size: Int) async throws -> BenchSearchReport {
        let scratch = try ScratchStore(prefix: "memograph-bench")
        defer { scratch.remove() }
        let store = scratch.store
        var random = SeededGenerator(seed: UInt64(size))
        let vocabulary = Self.vocabulary(5_000)
        func word() -> String {
            // Squaring a uniform draw skews it towards the first words: a few common, many rare.
            let draw = Double.random(in: 0..<1, using: &random)
            return vocabulary[Int(draw * draw * Double(vocabulary.count))]
        }
        let relations = [
            "uses", "dependsOn", "knows", "memberOf", "maintains", "worksOn", "contributesTo", "owns",
        ]
        let types = ["Person", "Team", "Service", "Repository", "Tool", "Project"]
        let embedder = HashingEmbedder(dimension: 384)
        var ids: [EntityID] = []
        let build = try await Measurements.asyncSeconds {
            ids = try store.upsertEntities(
                (0..<max(1, size / 10)).map { (name: "\(word())-\($0)", type: types[$0 % types.count]) })
            for start in stride(from: 0, to: size, by: 10_000) {
                let assertions = (start..<min(start + 10_000, size)).map { _ in
                    Assertion(
                        .id(ids.randomElement(using: &random)!), relations.randomElement(using: &random)!,
                        .entity(.id(ids.randomElement(using: &random)!)),
                        fact: (0..<Int.random(in: 6...12, using: &random)).map { _ in word() }.joined(
                            separator: " "))
                }
                try store.relate(assertions)
            }
            try await store.embedMissing(with: embedder)
        }
        var hits = 0
        func timedSearch() throws -> Double {
            let query = (0..<Int.random(in: 2...5, using: &random)).map { _ in word() }.joined(separator: " ")
            let vector =
                noVectors ? nil : QueryVector(values: embedder.vector(query), model: embedder.modelIdentity)
            var results = SearchResults()
            let milliseconds =
                try Measurements.seconds {
                    results = try store.search(query, vector: vector, options: SearchOptions(depth: depth))
                } * 1000
            hits += results.facts.count + results.entities.count + results.episodes.count
            return milliseconds
        }
        let times = try (0..<queries).map { _ in try timedSearch() }
        var writeTimes: [Double] = []
        var afterWrite: [Double] = []
        for _ in 0..<writes {
            let assertion = Assertion(
                .id(ids.randomElement(using: &random)!), relations.randomElement(using: &random)!,
                .entity(.id(ids.randomElement(using: &random)!)),
                fact: (0..<8).map { _ in word() }.joined(separator: " "))
            writeTimes.append(
                try await Measurements.asyncSeconds {
                    try store.relate(assertion)
                    try await store.embedMissing(with: embedder)
                } * 1000)
            afterWrite.append(try timedSearch())
        }
        return BenchSearchReport(
            facts: size, p50Ms: Measurements.quantile(times, 0.5), p95Ms: Measurements.quantile(times, 0.95),
            meanHits: Double(hits) / Double(queries + writes), buildSeconds: build,
            writeP50Ms: Measurements.quantile(writeTimes, 0.5),
            writeP95Ms: Measurements.quantile(writeTimes, 0.95),
            afterWriteP50Ms: Measurements.quantile(afterWrite, 0.5),
            afterWriteP95Ms: Measurements.quantile(afterWrite, 0.95))
    }

    /// Pronounceable made-up words, the same on every run.
    static func vocabulary(_ count: Int) -> [String] {
        let onsets = ["b", "k", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "z"]
        let vowels = ["a", "e", "i", "o", "u"]
        var words: [String] = []
        var index = 0
        while words.count < count {
            var value = index
            var word = ""
            repeat {
                word += onsets[value % onsets.count] + vowels[(value / onsets.count) % vowels.count]
                value /= onsets.count * vowels.count
            } while value > 0
            words.append(word + "x")
            index += 1
        }
        return words
    }
}

/// The figures of one store size in `bench search --json`.
struct BenchSearchReport: Encodable {
    var facts: Int
    var p50Ms: Double
    var p95Ms: Double
    var meanHits: Double
    var buildSeconds: Double
    /// Writing one fact and embedding what it added (the hashing embedder's share is tiny).
    var writeP50Ms: Double
    var writeP95Ms: Double
    var afterWriteP50Ms: Double
    var afterWriteP95Ms: Double
}
