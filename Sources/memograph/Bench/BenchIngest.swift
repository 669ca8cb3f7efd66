import ArgumentParser
import Foundation
import Memograph

/// `memograph bench ingest`: episodes per second when LoCoMo's turns are remembered with the
/// offline extractor (entity resolution by embedding included), then embedded; and, with
/// `--scenario`, the extractor's precision and recall on a hand-labelled scenario.
struct BenchIngest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract:
            "Ingest throughput (episodes/s) on LoCoMo's turns with the offline extractor and an embedder.")

    @Option(help: "The LoCoMo file (locomo10.json).") var data: String
    @Option(help: "A hand-labelled scenario (JSON {episodes: [{day, text, speaker, scope, gold}]}) to score.")
    var scenario: String?
    @Flag(help: "Do not embed: extraction and writes only.") var noVectors = false
    @Option(help: "Episodes per ingest call (one transaction each).") var batch = 1
    @OptionGroup var embedder: EmbedderOptions
    @Flag(help: "Print JSON.") var json = false

    struct Figures: Encodable {
        var episodes: Int
        var batch: Int
        var facts: Int
        var entities: Int
        var ingestSeconds: Double
        var embedSeconds: Double
        var ingestEpisodesPerSecond: Double
        var endToEndEpisodesPerSecond: Double
        var model: String?
        var scenario: ScenarioScore?
    }

    func run() async throws {
        let dataset = try LocomoDataset(contentsOf: data)
        let embedder: (any Embedder)? = noVectors ? nil : try self.embedder.load()
        let ontology = try OntologyLoader.loadDefault()
        let extractor = try RuleExtractor(ontology: ontology)
        var figures = Figures(
            episodes: 0, batch: batch, facts: 0, entities: 0, ingestSeconds: 0, embedSeconds: 0,
            ingestEpisodesPerSecond: 0,
            endToEndEpisodesPerSecond: 0, model: embedder?.modelIdentity)
        if let embedder { _ = try await embedder.embed(["warm up"]) }
        for conversation in dataset.conversations {
            let scratch = try ScratchStore(prefix: "memograph-ingest", ontology: ontology, access: .single)
            defer { scratch.remove() }
            let store = scratch.store
            let options = IngestOptions(extractor: extractor, embedder: embedder)
            let turns = conversation.turns
            let start = DispatchTime.now().uptimeNanoseconds
            let episodes = turns.map { turn in
                IncomingEpisode(
                    text: Self.utterance(turn), speaker: turn.speaker, occurredAt: turn.date,
                    externalID: turn.id)
            }
            for first in stride(from: 0, to: episodes.count, by: max(1, batch)) {
                let reports = try await store.ingest(
                    Array(episodes[first..<min(first + max(1, batch), episodes.count)]), options: options)
                figures.facts += reports.reduce(0) { $0 + $1.facts.count }
            }
            let middle = DispatchTime.now().uptimeNanoseconds
            if let embedder { try await store.embedMissing(with: embedder) }
            let end = DispatchTime.now().uptimeNanoseconds
            figures.ingestSeconds += Double(middle - start) / 1e9
            figures.embedSeconds += Double(end - middle) / 1e9
            figures.episodes += turns.count
            figures.entities += try store.statistics().entities
        }
        figures.ingestEpisodesPerSecond = Double(figures.episodes) / figures.ingestSeconds
        figures.endToEndEpisodesPerSecond =
            Double(figures.episodes) / (figures.ingestSeconds + figures.embedSeconds)
        if let scenario {
            figures.scenario = try await ScenarioScore.measure(path: scenario, ontology: ontology)
        }
        if json { return try Output.json(figures) }
        print(
            String(
                format:
                    "ingest %d LoCoMo turns, %d per call: %.1f s, %.0f episodes/s (extraction, resolution, writes); "
                    + "%d facts, %d entities", figures.episodes, batch, figures.ingestSeconds,
                figures.ingestEpisodesPerSecond, figures.facts, figures.entities))
        if let model = figures.model {
            print(
                String(
                    format: "embedding the stores with %@: %.1f s; end to end %.0f episodes/s", model,
                    figures.embedSeconds, figures.endToEndEpisodesPerSecond))
        }
        if let score = figures.scenario { print(score.summary) }
    }

    /// The turn's words without the `[date] speaker: ` prefix the retrieval task adds.
    static func utterance(_ turn: LocomoDataset.Turn) -> String {
        let prefix = "] \(turn.speaker): "
        guard let range = turn.text.range(of: prefix) else { return turn.text }
        return String(turn.text[range.upperBound...])
    }
}
