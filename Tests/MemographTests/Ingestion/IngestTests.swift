import Foundation
import GRDB
import Memograph
import Testing

@Suite struct IngestTests {
    static let ontology = try! OntologyLoader.loadDefault()

    func fixture() throws -> StoreFixture {
        try StoreFixture(rules: RelationRules(singleValued: []), ontology: Self.ontology)
    }

    /// The current facts of the store as `subject relation object` lines, sorted.
    static func current(_ store: GraphStore, asOf: Date? = nil) throws -> [String] {
        try GraphDump.facts(store, asOf: asOf)
    }

    @Test func storesTheEpisodeAndItsFactsWithProvenance() async throws {
        let fixture = try fixture()
        let store = fixture.store
        let first = try await store.ingest(
            text: "Ada is on the platform team. The api service listens on port 8080.", occurredAt: day(2))
        #expect(
            try store.episode(first.episode.id).content
                == "Ada is on the platform team. The api service listens on port 8080.")
        #expect(first.facts.count == 2)
        #expect(try Self.current(store) == ["Ada memberOf platform", "api listensOnPort 8080"])
        #expect(try store.facts(about: "Person:Ada").first?.edge.validFrom == day(2))
        #expect(try store.facts(about: "Person:Ada").first?.edge.fact == "Ada is on the platform team.")

        let second = try await store.ingest(text: "Ada is on the platform team.", occurredAt: day(3))
        #expect(second.facts.map(\.outcome) == [.duplicate(first.facts[0].outcome.edgeID)])
        #expect(try store.facts(about: "Person:Ada").first?.sources == [first.episode.id, second.episode.id])

        let moved = try await store.ingest(
            text: "we moved the api to port 9090, not 8080", occurredAt: day(5))
        #expect(moved.facts.count == 1)
        #expect(try Self.current(store) == ["Ada memberOf platform", "api listensOnPort 9090"])
        #expect(
            try store.history(of: "Service:api", relation: "listensOnPort").map(\.objectText) == [
                "8080", "9090",
            ])

        try store.deleteEpisode(moved.episode.id)
        #expect(try Self.current(store) == ["Ada memberOf platform", "api listensOnPort 8080"])
    }

    @Test func resolvesNamesByAliasAndKeepsDisjointTypesApart() async throws {
        let fixture = try fixture()
        let store = fixture.store
        try store.upsertEntity(name: "Ada", type: "Person", aliases: ["Ada Lovelace"])
        try store.upsertEntity(name: "billing", type: "Repository")
        let report = try await store.ingest(
            text: "Ada Lovelace maintains the billing service.", occurredAt: day(2))
        #expect(report.resolutions.map(\.method) == [.alias, .created])
        // The billing repository and the billing service are disjoint: two entities.
        #expect(
            try store.findEntities(named: "billing").map(\.reference).sorted() == [
                "Repository:billing", "Service:billing",
            ])
        #expect(try Self.current(store) == ["Ada maintains billing"])
        let mentions = try await DatabaseQueue(path: fixture.path).read { db in
            try String.fetchAll(db, sql: "SELECT method FROM mentions ORDER BY method")
        }
        #expect(mentions == ["alias", "created"])
    }

    @Test func namesWithQuotesAndBackslashesAreLookedUpVerbatim() async throws {
        let fixture = try fixture()
        let store = fixture.store
        let existing = try store.upsertEntity(name: #"x\y"z"#, type: "Service")
        let report = try await store.ingest(
            text: #"The x\y"z service listens on port 81."#, occurredAt: day(2))
        #expect(report.resolutions.map(\.entity) == [existing.id])
        #expect(report.resolutions.map(\.method) == [.name])
        #expect(try Self.current(store) == [#"x\y"z listensOnPort 81"#])
    }

    @Test func resolvesByEmbeddingSimilarityWithinTheSameType() async throws {
        let fixture = try fixture()
        let store = fixture.store
        let options = IngestOptions(embedder: HashingEmbedder(), similarityThreshold: 0.6)
        try await store.ingest(
            text: "Ada maintains the payments-gateway service.", occurredAt: day(2), options: options)
        let report = try await store.ingest(
            text: "Lin maintains the payments-gateways service.", occurredAt: day(3), options: options)
        let gateway = try #require(report.resolutions.first { $0.surface == "payments-gateways" })
        #expect(gateway.method == .similarity)
        #expect((gateway.score ?? 0) >= 0.6)
        #expect(
            try Self.current(store) == ["Ada maintains payments-gateway", "Lin maintains payments-gateway"])
        #expect(try store.resolve("Service:payments-gateways").name == "payments-gateway")
        let other = try await store.ingest(
            text: "Lin maintains the ledger service.", occurredAt: day(4), options: options)
        #expect(other.resolutions.map(\.method) == [.name, .created])
    }

    @Test func firstPersonBindsToTheSpeakerAndPreferencesChange() async throws {
        let fixture = try fixture()
        let store = fixture.store
        try await store.ingest(
            text: "I prefer dark mode. I like detailed answers.", speaker: "Lin", occurredAt: day(2))
        try await store.ingest(
            text: "ignore my previous preference, I now want shorter answers", speaker: "Lin",
            occurredAt: day(4))
        #expect(try Self.current(store) == ["Lin prefers dark mode", "Lin prefers shorter answers"])
        #expect(
            try Self.current(store, asOf: day(3)) == [
                "Lin prefers dark mode", "Lin prefers detailed answers",
            ])
        try await store.ingest(text: "I now prefer light mode.", speaker: "Lin", occurredAt: day(6))
        #expect(try Self.current(store) == ["Lin prefers light mode", "Lin prefers shorter answers"])
    }

    @Test func chatMessagesBindEachSpeaker() async throws {
        let fixture = try fixture()
        let store = fixture.store
        let episode = IncomingEpisode(
            .messages([
                ChatMessage(role: "user", name: "Ada", content: "I use Neovim."),
                ChatMessage(role: "assistant", content: "I prefer short answers."),
                ChatMessage(role: "user", content: "I maintain acme/api."),
            ]), speaker: "Lin", occurredAt: day(2))
        let report = try await store.ingest(episode)
        #expect(
            report.episode.content
                == "Ada: I use Neovim.\nassistant: I prefer short answers.\nuser: I maintain acme/api.")
        #expect(try Self.current(store) == ["Ada uses Neovim", "Lin maintains acme/api"])
    }

    @Test func aBatchIsOneTransactionAndEachEpisodeSeesTheEarlierOnes() async throws {
        let fixture = try fixture()
        let store = fixture.store
        let options = IngestOptions(embedder: HashingEmbedder(), similarityThreshold: 0.6)
        let reports = try await store.ingest(
            [
                IncomingEpisode(text: "The api service listens on port 8080.", occurredAt: day(2)),
                IncomingEpisode(text: "we moved the api to port 9090, not 8080", occurredAt: day(3)),
                IncomingEpisode(text: "Ada maintains the payments-gateway service.", occurredAt: day(3)),
                IncomingEpisode(text: "Lin maintains the payments-gateways service.", occurredAt: day(4)),
            ], options: options)
        #expect(reports.map(\.facts.count) == [1, 1, 1, 1])
        #expect(reports[3].resolutions.first { $0.surface == "payments-gateways" }?.method == .similarity)
        #expect(
            try Self.current(store) == [
                "Ada maintains payments-gateway", "Lin maintains payments-gateway", "api listensOnPort 9090",
            ])
        let before = try fixture.snapshot()
        await #expect(throws: MemographError.invalidArgument(field: "content", reason: "must not be empty")) {
            try await store.ingest([
                IncomingEpisode(text: "Bob is on the data team."), IncomingEpisode(text: " "),
            ])
        }
        await #expect(throws: MemographError.unknownEntity("Repository:nope")) {
            try await store.ingest([
                IncomingEpisode(text: "Bob is on the data team."),
                IncomingEpisode(text: "this repo uses Poetry", scope: ["Repository:nope"]),
            ])
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test func badInputLeavesTheStoreUnchanged() async throws {
        let fixture = try fixture()
        let store = fixture.store
        try await store.ingest(IncomingEpisode(text: "Ada is on the platform team.", externalID: "m1"))
        let before = try fixture.snapshot()
        await #expect(throws: MemographError.invalidArgument(field: "content", reason: "must not be empty")) {
            try await store.ingest(text: "  \n")
        }
        await #expect(throws: MemographError.unknownEntity("Repository:nope")) {
            try await store.ingest(text: "this repo uses Poetry", scope: ["Repository:nope"])
        }
        await #expect(
            throws: MemographError.invalidArgument(
                field: "externalID", reason: "an episode 'm1' already exists")
        ) {
            try await store.ingest(IncomingEpisode(text: "Lin is on the data team.", externalID: "m1"))
        }
        #expect(try fixture.snapshot() == before)
    }

    /// An extractor that proposes what it was given.
    struct FixedExtractor: Extractor {
        var facts: [CandidateFact]
        var name: String { "fixed" }
        func extract(_ context: ExtractionContext) async throws -> Extraction { Extraction(facts: facts) }
    }

    @Test func aRefusedFactIsReportedAndTheEpisodeKept() async throws {
        let fixture = try fixture()
        let store = fixture.store
        let good = CandidateFact(
            subjectName: "api", subjectType: "Service", relation: "listensOnPort", object: .literal("8080"),
            sentence: "api on 8080")
        let bad = CandidateFact(
            subjectName: "Ada", subjectType: "Person", relation: "listensOnPort", object: .literal("eighty"),
            sentence: "Ada on eighty")
        let report = try await store.ingest(
            IncomingEpisode(text: "api on 8080, Ada on eighty", occurredAt: day(2)),
            options: IngestOptions(extractor: FixedExtractor(facts: [good, bad])))
        #expect(report.extractor == "fixed")
        #expect(report.facts.map(\.candidate) == [good])
        #expect(report.skipped.map(\.candidate) == [bad])
        #expect(try Self.current(store) == ["api listensOnPort 8080"])
        #expect(try store.episodes().map(\.content) == ["api on 8080, Ada on eighty"])

        // A name that matches two entities resolves to neither: nothing is written about it.
        try store.upsertEntity(name: "Lin", type: "Person")
        try store.upsertEntity(name: "Lin", type: "Team")
        let ambiguous = try await store.ingest(text: "Lin uses Vim.", occurredAt: day(3))
        #expect(ambiguous.facts.isEmpty)
        #expect(try Self.current(store) == ["api listensOnPort 8080"])
    }
}
