import Foundation
import Memograph

/// Precision and recall of the offline extractor on a hand-labelled scenario: each episode is
/// ingested into a fresh store and the facts written are compared with its `gold` facts
/// (`subject relation object`, as stored).
struct ScenarioScore: Encodable {
    var episodes: Int
    var extracted: Int
    var gold: Int
    var correct: Int
    var precision: Double
    var recall: Double
    var wrong: [String]
    var missed: [String]

    private struct Scenario: Decodable {
        struct Episode: Decodable {
            var day: Int
            var text: String
            var speaker: String?
            var scope: [String]
            var gold: [String]
        }
        var episodes: [Episode]
    }

    var summary: String {
        String(
            format: "extractor on %d scenario episodes: precision %.3f (%d/%d), recall %.3f (%d/%d)",
            episodes,
            precision, correct, extracted, recall, correct, gold)
            + (missed.isEmpty ? "" : "; missed: " + missed.joined(separator: ", "))
            + (wrong.isEmpty ? "" : "; wrong: " + wrong.joined(separator: ", "))
    }

    static func measure(path: String, ontology: Ontology) async throws -> ScenarioScore {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MemographError.invalidArgument(field: "--scenario", reason: "cannot read \(path)")
        }
        let scenario = try JSONDecoder().decode(Scenario.self, from: data)
        let scratch = try ScratchStore(prefix: "memograph-scenario", ontology: ontology, access: .single)
        defer { scratch.remove() }
        let store = scratch.store
        let march = try ISO8601.parse("2026-03-01T09:00:00Z", field: "scenario")
        var score = ScenarioScore(
            episodes: scenario.episodes.count, extracted: 0, gold: 0, correct: 0, precision: 0, recall: 0,
            wrong: [],
            missed: [])
        for episode in scenario.episodes {
            let report = try await store.ingest(
                IncomingEpisode(
                    text: episode.text, speaker: episode.speaker,
                    occurredAt: march.addingTimeInterval(Double(episode.day - 1) * 86_400),
                    scope: episode.scope.map(EntityReference.init(parsing:))))
            let found = try report.facts.map { written in
                let fact = try store.fact(written.outcome.edgeID)
                return "\(fact.subject.name) \(fact.edge.relation) \(fact.objectText)"
            }
            let gold = Set(episode.gold)
            score.extracted += found.count
            score.gold += gold.count
            for fact in found {
                if gold.contains(fact) { score.correct += 1 } else { score.wrong.append(fact) }
            }
            score.missed += gold.subtracting(found).sorted()
        }
        score.precision = score.extracted == 0 ? 0 : Double(score.correct) / Double(score.extracted)
        score.recall = score.gold == 0 ? 0 : Double(score.correct) / Double(score.gold)
        return score
    }
}
