import ArgumentParser
import Foundation
import Memograph

/// `memograph add`: remember a text (or JSONL chat messages from stdin), extracting its facts.
struct AddCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Remember a text: store it as an episode and extract the facts it states.",
        discussion: """
            Without TEXT (or with -), reads chat messages from stdin, one JSON object per line: \
            {"role": "user", "name": "Ada", "content": "I moved the api to port 9090"}. \
            First-person statements are about --as (or the message's name).
            """)

    @OptionGroup var store: StoreOptions
    @Argument(help: "The text to remember; - or nothing reads JSONL messages from stdin.") var text: String?
    @Option(name: .customLong("as"), help: "Who is speaking: \"I\" refers to this person.") var speaker:
        String?
    @Option(help: "An entity the text is about (repeatable): \"this repo\" refers to it.") var about:
        [String] = []
    @Option(help: "When it happened (ISO 8601, default now); relative times resolve against it.") var at:
        String?
    @Option(help: "The caller's id for the episode, unique in the namespace.") var id: String?
    @Option(
        help:
            "How facts are extracted: rules (offline, the default) or llm (see --llm-base-url)."
    )
    var extractor: ExtractorChoice = .rules
    @OptionGroup(title: "LLM extractor") var llm: LLMOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let content: IncomingEpisode.Content
        if let text, text != "-" {
            content = .text(text)
        } else {
            content = .messages(try ChatTranscript.read(FileHandle.standardInput.readDataToEndOfFile()))
        }
        let episode = IncomingEpisode(
            content, speaker: speaker, occurredAt: try at.map { try ISO8601.parse($0, field: "--at") },
            scope: about.map(EntityReference.init(parsing:)), externalID: id)
        let graph = try store.open()
        defer { try? graph.close() }
        let options = IngestOptions(extractor: try extractor.make(ontology: graph.ontology, llm: llm))
        let report = try await graph.ingest(episode, options: options)
        let summary = IngestSummary(report)
        if json { return try Output.json(summary) }
        print("episode #\(report.episode.id.rawValue)")
        if let error = report.extractionError { print("  extraction failed: \(error)") }
        for fact in summary.facts { print("  \(fact.outcome) #\(fact.edge): \(fact.fact)") }
        for skipped in summary.skipped { print("  skipped: \(skipped.fact) (\(skipped.reason))") }
    }
}
