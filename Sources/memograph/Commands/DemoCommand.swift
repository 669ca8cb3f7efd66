import ArgumentParser
import Foundation
import Memograph

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Tell a small story to a fresh store and show what Memograph remembers.")

    @Option(help: "Store file (default: a new file in a temporary directory).") var db: String?
    @OptionGroup var model: ModelOptions

    func run() async throws {
        let path =
            db
            ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("memograph-demo-\(UUID()).sqlite").path
        let store = try GraphStore(path: path, namespace: "demo", ontology: OntologyLoader.loadDefault())
        defer { try? store.close() }
        print("Memograph demo — store: \(path)\n")

        let march = try ISO8601.parse("2026-03-01", field: "demo")
        let may = try ISO8601.parse("2026-05-10", field: "demo")
        let chat = try store.addEpisode(
            "Ada: I'm on the platform team and I maintain the api service. It listens on 8080.",
            role: "Ada", occurredAt: march)
        try store.relate("Person:Ada", "memberOf", "Team:platform", validFrom: march, source: chat.id)
        try store.relate("Person:Ada", "maintains", "Service:api", validFrom: march, source: chat.id)
        try store.relate("Service:api", "listensOnPort", value: "8080", validFrom: march, source: chat.id)
        try store.relate("Service:api", "dependsOn", "Tool:postgres", validFrom: march)
        try store.relate("Team:platform", "partOf", "Organisation:acme", validFrom: march)
        let later = try store.addEpisode(
            "Ada: we moved the api to port 9090, not 8080.", role: "Ada", occurredAt: may)
        let moved = try store.relate(
            "Service:api", "listensOnPort", value: "9090", validFrom: may, source: later.id)

        print("$ memograph relate Service:api listensOnPort 9090 --valid-from 2026-05-10")
        print(RelateReport(outcome: moved, fact: try store.fact(moved.edgeID)).summary + "\n")
        print("$ memograph facts Service:api")
        try store.facts(about: "Service:api").forEach { print(Output.line($0)) }
        print("\n$ memograph facts Service:api --as-of 2026-04-01")
        try store.facts(about: "Service:api", asOf: try ISO8601.parse("2026-04-01", field: "demo"))
            .forEach { print(Output.line($0)) }
        print("\n$ memograph history Service:api listensOnPort")
        try store.history(of: "Service:api", relation: "listensOnPort").forEach { print(Output.line($0)) }
        print("\n$ memograph neighbours Person:Ada --depth 2")
        for neighbour in try store.neighbours(of: "Person:Ada", depth: 2) {
            print("\(neighbour.hops)  \(neighbour.entity.reference)  via \(neighbour.via.relation)")
        }
        try store.relate("Person:Lin", "manages", "Person:Ada", validFrom: march)
        try store.relate("Person:Mo", "is the boss of", "Person:Ada", validFrom: may)
        print("\n$ memograph relate Person:Mo \"is the boss of\" Person:Ada --valid-from 2026-05-10")
        print(
            "$ memograph history Person:Ada reportsTo      # manages is the inverse of the functional reportsTo"
        )
        try store.history(of: "Person:Ada", relation: "reportsTo").forEach { print(Output.line($0)) }
        print("\n$ memograph relate Service:api memberOf Team:platform")
        do {
            try store.relate("Service:api", "memberOf", "Team:platform")
        } catch {
            print("Error: \(error.localizedDescription)")
        }
        print("\n$ memograph path Organisation:acme Tool:postgres")
        if let steps = try store.path(from: "Organisation:acme", to: "Tool:postgres") {
            print(
                steps.map { "\($0.edge.relation)\($0.reversed ? " (reversed)" : "")" }.joined(
                    separator: " → "))
        }
        try await showSemanticLookup(store)
    }

    /// Embeds the store with the built-in model and finds the fact closest in meaning to a
    /// question that shares no keyword with it.
    private func showSemanticLookup(_ store: GraphStore) async throws {
        let question = "which port does the api use?"
        print("\n$ memograph index                         # embeds entities, facts and episodes offline")
        let embedder: BertSentenceEmbedder
        do {
            embedder = try model.load()
        } catch {
            print("(skipped: \(error.localizedDescription))")
            return
        }
        let report = try await store.embedMissing(with: embedder)
        print("embedded \(report.entities) entities, \(report.edges) facts, \(report.episodes) episodes")
        let query = try await embedder.embed(question)
        var best: (score: Float, fact: Fact)?
        for fact in try store.facts(about: "Service:api") {
            guard let vector = try store.vector(for: .edge(fact.edge.id)) else { continue }
            let score = zip(query, vector).reduce(0) { $0 + $1.0 * $1.1 }
            if best == nil || score > best!.score { best = (score, fact) }
        }
        if let best {
            print(
                "closest current fact to \"\(question)\": \(best.fact.text) (cosine \(String(format: "%.3f", best.score)))"
            )
        }
    }
}
