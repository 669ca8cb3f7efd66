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
            (BM25 + vectors, fusion, depth-2 expansion). Use a release build.
            """)

    @Option(help: "Store sizes in facts; repeat to add sizes.") var facts: [Int] = [10_000, 100_000]
    @Option(help: "Searches to time per size.") var queries = 1_000
    @Option(help: "Hops of graph expansion.") var depth = 2
    @Flag(help: "Search without vectors.") var noVectors = false
    @Flag(help: "Print one JSON object.") var json = false

    func run() async throws {
        var reports: [BenchSearchReport] = []
        for size in facts {
            reports.append(try await measure(size: size))
            if !json {
                let report = reports[reports.count - 1]
                print(
                    String(
                        format: "%7d facts  search p50 %.2f ms, p95 %.2f ms  (%.1f hits/query; build %.0f s)",
                        report.facts, report.p50Ms, report.p95Ms, report.meanHits, report.buildSeconds))
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
        let build = try await Measurements.asyncSeconds {
            let ids = try store.upsertEntities(
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
            try await store.embedMissing(with: HashingEmbedder(dimension: 384))
        }
        let embedder = HashingEmbedder(dimension: 384)
        var times: [Double] = []
        var hits = 0
        for _ in 0..<queries {
            let query = (0..<Int.random(in: 2...5, using: &random)).map { _ in word() }.joined(separator: " ")
            let vector =
                noVectors ? nil : QueryVector(values: embedder.vector(query), model: embedder.modelIdentity)
            var results = SearchResults()
            times.append(
                try Measurements.seconds {
                    results = try store.search(query, vector: vector, options: SearchOptions(depth: depth))
                } * 1000)
            hits += results.facts.count + results.entities.count + results.episodes.count
        }
        return BenchSearchReport(
            facts: size, p50Ms: Measurements.quantile(times, 0.5), p95Ms: Measurements.quantile(times, 0.95),
            meanHits: Double(hits) / Double(queries), buildSeconds: build)
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
}
