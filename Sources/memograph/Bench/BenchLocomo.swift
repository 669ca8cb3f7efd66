import ArgumentParser
import Foundation
import Memograph

/// `memograph bench locomo`: the LoCoMo retrieval task (../shared/bench/README.md). Each
/// conversation goes into a fresh store — a turn is an episode dated by its session, the
/// speaker a Person — and every question of categories 1–4 is searched; turn ids are ranked
/// from the episodes found and the source episodes of the facts found.
struct BenchLocomo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "locomo",
        abstract: "Recall@5/@10 and nDCG@10 of search on the LoCoMo retrieval task, per category and overall."
    )

    @Option(help: "The LoCoMo file (locomo10.json).") var data: String
    @Option(help: "Write JSONL {\"qa_index\", \"retrieved\"} lines here (the first configuration).")
    var writeResults: String?
    @Option(name: .customLong("k"), help: "Fusion k; repeat to compare several on the same stores.")
    var fusionK: [Double] = [10]
    @Option(help: "Hops of graph expansion.") var depth = 2
    @Option(help: "Score kept per hop of graph expansion.") var hopDecay = 0.25
    @Option(help: "Share of an episode's score passed to the next turn of its conversation.")
    var followingShare = 0.3
    @Option(help: "Share of an episode's score passed to the turn before it.") var precedingShare = 0.2
    @Option(help: "Share of an episode's score passed to the turns two before and two after it.")
    var secondNeighbourShare = 0.25
    @Option(help: "How much more a turn scores when the question names its speaker.") var speakerBoost = 1.5
    @Option(help: "How much a turn gains from the evidence of its conversation.") var conversationEvidence =
        0.5
    @Option(help: "How much more a turn scores when the question names a day, month or year it falls in.")
    var periodBoost = 1.0
    @Option(help: "Days after a named period that still count as in it.") var periodGrace = 30.0
    @Option(help: "Weight of the vector list in fusion (BM25 counts 1).") var vectorWeight = 0.75
    @Option(help: "MMR lambda for a diversity rerank; off unless given.") var mmr: Double?
    @Option(help: "How many hits each ranked list contributes before fusion.") var candidates = 50
    @Flag(help: "Also run BM25 alone (no vectors, no expansion) for the ablation.") var ablation = false
    @Flag(help: "Search without vectors.") var noVectors = false
    @Flag(
        help:
            "Remember turns through ingestion (offline extractor, bundled ontology) instead of as bare episodes."
    )
    var ingest = false
    @Option(
        help: ArgumentHelp(
            "Keep each conversation's store in this directory and reuse it on later runs.",
            discussion:
                "A kept store is not filled or embedded again, so a run that only changes search options takes seconds. Stores made with and without --ingest are kept apart."
        ))
    var keepStores: String?
    @OptionGroup var embedder: EmbedderOptions
    @OptionGroup(title: "Reranker") var rerank: RerankOptions

    struct Configuration {
        var name: String
        var options: SearchOptions
        var vectors: Bool
        var reranker: (any Reranker)? = nil
    }

    func run() async throws {
        let dataset = try LocomoDataset(contentsOf: data)
        let embedder: (any Embedder)? = noVectors ? nil : try self.embedder.load()
        let reranker = try rerank.make()
        var configurations = fusionK.map { k in
            Configuration(
                name: (noVectors ? "bm25+graph" : "hybrid k=\(Int(k))")
                    + (reranker.map { " + \($0.name)" } ?? ""),
                options: SearchOptions(
                    limit: 10, depth: depth, fusionK: k, vectorWeight: vectorWeight, candidates: candidates,
                    hopDecay: hopDecay, followingShare: followingShare, precedingShare: precedingShare,
                    secondNeighbourShare: secondNeighbourShare,
                    namedSpeakerBoost: speakerBoost, conversationEvidence: conversationEvidence,
                    namedPeriodBoost: periodBoost, namedPeriodGrace: periodGrace * 86_400, mmrLambda: mmr,
                    rerankDepth: rerank.rerankDepth),
                vectors: !noVectors, reranker: reranker)
        }
        if ablation {
            configurations.insert(
                Configuration(
                    name: "bm25 only",
                    options: SearchOptions(
                        limit: 10, depth: 0, candidates: candidates, followingShare: 0, precedingShare: 0,
                        secondNeighbourShare: 0,
                        namedSpeakerBoost: 0, conversationEvidence: 0, namedPeriodBoost: 0),
                    vectors: false),
                at: 0)
        }
        var metrics = [[Int: RetrievalMetrics]](repeating: [:], count: configurations.count)
        var latencies = [[Double]](repeating: [], count: configurations.count)
        var lines: [String] = []
        var embedSeconds = 0.0
        for conversation in dataset.conversations {
            let (store, release) = try await openStore(for: conversation)
            defer { release() }
            let scored = conversation.questions.filter { (1...4).contains($0.category) && !$0.gold.isEmpty }
            var queryVectors: [QueryVector] = []
            if let embedder {
                embedSeconds += try await Measurements.asyncSeconds {
                    try await store.embedMissing(with: embedder)
                    // As search embeds a query: the speakers it names left out for episodes.
                    queryVectors = try await store.queryVectors(
                        for: scored.map(\.text), options: configurations.last!.options,
                        embedder: embedder)
                }
            }
            let turnIDs = Dictionary(
                uniqueKeysWithValues: try store.episodes(limit: 100_000).compactMap { episode in
                    episode.externalID.map { (episode.id, $0) }
                })
            for (slot, configuration) in configurations.enumerated() {
                for (position, question) in scored.enumerated() {
                    let vector = configuration.vectors && embedder != nil ? queryVectors[position] : nil
                    var results = SearchResults()
                    let seconds = try await Measurements.asyncSeconds {
                        results = try await store.search(
                            question.text, vector: vector, options: configuration.options,
                            reranker: configuration.reranker)
                    }
                    latencies[slot].append(seconds)
                    let retrieved = Self.rankedTurns(results, turnIDs: turnIDs)
                    metrics[slot][question.category, default: RetrievalMetrics()].add(
                        retrieved: retrieved, gold: question.gold)
                    metrics[slot][0, default: RetrievalMetrics()].add(
                        retrieved: retrieved, gold: question.gold)
                    if slot == configurations.count - 1, writeResults != nil {
                        lines.append(try Self.resultLine(index: question.index, retrieved: retrieved))
                    }
                }
            }
        }
        if let writeResults {
            try (lines.joined(separator: "\n") + "\n").write(
                toFile: writeResults, atomically: true, encoding: .utf8)
        }
        let names = [0: "overall", 1: "multi-hop", 2: "temporal", 3: "open-domain", 4: "single-hop"]
        for (slot, configuration) in configurations.enumerated() {
            print("\(configuration.name):")
            for category in [0, 1, 2, 3, 4] {
                let label = (names[category] ?? "").padding(toLength: 12, withPad: " ", startingAt: 0)
                print("  \(label) \(metrics[slot][category]?.summary ?? "no queries")")
            }
            print(
                String(
                    format:
                        "  search\(configuration.reranker == nil ? "" : " and rerank") p50 %.2f ms, p95 %.2f ms"
                        + " (query embedding excluded)",
                    Measurements.quantile(latencies[slot], 0.5) * 1000,
                    Measurements.quantile(latencies[slot], 0.95) * 1000))
        }
        if embedder != nil { print(String(format: "embedding turns and questions: %.1f s", embedSeconds)) }
    }

    /// The conversation's store, filled with its turns: a scratch store, or with
    /// `--keep-stores` the kept one, made on first use under a temporary name and renamed only
    /// once filled, so that an interrupted run leaves no half-filled store to reuse. `release`
    /// closes it (and removes a scratch store).
    func openStore(for conversation: LocomoDataset.Conversation) async throws -> (
        store: GraphStore, release: () -> Void
    ) {
        let ontology = ingest ? try Ontology.bundledDefault() : nil
        guard let keepStores else {
            let scratch = try ScratchStore(prefix: "memograph-locomo", ontology: ontology, access: .single)
            try await fill(scratch.store, with: conversation)
            return (scratch.store, scratch.remove)
        }
        try FileManager.default.createDirectory(atPath: keepStores, withIntermediateDirectories: true)
        let path = URL(fileURLWithPath: keepStores).appendingPathComponent(
            "\(conversation.id)\(ingest ? "-ingested" : "").sqlite"
        ).path
        if !FileManager.default.fileExists(atPath: path) {
            let partial = path + ".partial"
            for suffix in ["", "-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: partial + suffix)
            }
            let building = try GraphStore(path: partial, ontology: ontology, access: .single)
            try await fill(building, with: conversation)
            try building.close()
            try FileManager.default.moveItem(atPath: partial, toPath: path)
        }
        let store = try GraphStore(path: path, ontology: ontology, access: .single)
        return (store, { try? store.close() })
    }

    /// Writes the conversation's speakers and turns: as bare episodes, or through ingestion.
    func fill(_ store: GraphStore, with conversation: LocomoDataset.Conversation) async throws {
        for speaker in conversation.speakers { try store.upsertEntity(name: speaker, type: "Person") }
        let turns = conversation.turns
        if ingest {
            let episodes = turns.map {
                IncomingEpisode(text: $0.text, speaker: $0.speaker, occurredAt: $0.date, externalID: $0.id)
            }
            for first in stride(from: 0, to: episodes.count, by: 64) {
                try await store.ingest(Array(episodes[first..<min(first + 64, episodes.count)]))
            }
        } else {
            for turn in turns {
                try store.addEpisode(
                    turn.text, role: turn.speaker, externalID: turn.id, occurredAt: turn.date)
            }
        }
    }

    /// Turn ids best first: the episodes found, then the source episodes of the facts found.
    static func rankedTurns(_ results: SearchResults, turnIDs: [EpisodeID: String]) -> [String] {
        var ranked: [String] = []
        let episodes = results.episodes.map(\.item.id) + results.facts.flatMap(\.item.sources)
        for id in episodes {
            if let turn = turnIDs[id], !ranked.contains(turn) { ranked.append(turn) }
        }
        return ranked
    }

    static func resultLine(index: Int, retrieved: [String]) throws -> String {
        struct Line: Encodable {
            var qa_index: Int
            var retrieved: [String]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return String(
            decoding: try encoder.encode(Line(qa_index: index, retrieved: retrieved)), as: UTF8.self)
    }
}
