import Foundation
import GRDB
import Memograph
import Testing

@Suite struct SearchTests {
    @Test func fullTextIndexFollowsWritesAndDeletes() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let episode = try store.addEpisode("Grace deployed the billing service on Friday")
        let fact = try store.relate("Person:Grace", "maintains", "Service:billing", source: episode.id)
        try store.upsertEntity(name: "Ledger", type: "Service", summary: "double-entry bookkeeping")

        let found = try await store.search("billing Friday")
        #expect(found.episodes.map(\.item.id) == [episode.id])
        #expect(found.facts.map(\.item.edge.id) == [fact.edgeID])
        #expect(found.entities.first?.item.name == "billing")
        #expect(try await store.search("bookkeeping").entities.map(\.item.name) == ["Ledger"])

        try store.addAliases(["GL"], to: "Service:Ledger")
        #expect(try await store.search("gl").entities.map(\.item.name) == ["Ledger"])

        try store.deleteEpisode(episode.id)
        #expect(try await store.search("Friday").episodes.isEmpty)
        try store.purge(fact.edgeID)
        #expect(try await store.search("maintains", options: SearchOptions(depth: 0)).facts.isEmpty)
    }

    @Test func bm25RanksTheBetterMatchFirst() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let weak = try store.addEpisode("we talked about the weather and lunch")
        let strong = try store.addEpisode(
            "Caroline went to the LGBTQ support group; the support group helped")
        let results = try await store.search("support group lunch", options: SearchOptions(explain: true))
        #expect(results.episodes.map(\.item.id) == [strong.id, weak.id])
        #expect(results.episodes.first?.breakdown?.bm25Rank == 1)
        #expect(results.episodes.first?.breakdown?.vectorRank == nil)
    }

    @Test func thirdPersonPronounsInAQuestionMatchNothing() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        // Days apart, so that neither shares its score with the other as a conversation's turn.
        let painted = try store.addEpisode(
            "I painted the lighthouse at dawn", role: "Caroline", occurredAt: day(1))
        try store.addEpisode(
            "Tell her he said his goodbyes to them; she knows", role: "Melanie", occurredAt: day(5))
        let results = try await store.search(
            "What did she paint for him and her?", options: SearchOptions(explain: true))
        #expect(results.episodes.map(\.item.id) == [painted.id])
        #expect(results.episodes.first?.breakdown?.bm25Rank == 1)
        let pronounsOnly = try await store.search("he, she, his, hers or them")
        #expect(pronounsOnly.episodes.isEmpty)
    }

    @Test func aWordInHalfTheRowsIsLeftOutWhileARarerOneRemains() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        var withName: [EpisodeID] = []
        for topic in ["weather", "lunch", "camping", "painting", "career", "support"] {
            withName.append(try store.addEpisode("Alice talked about \(topic)").id)
        }
        let paris = try store.addEpisode("The flight to Paris left late")
        func matched(_ query: String, candidates: Int) async throws -> [EpisodeID: Int] {
            let options = SearchOptions(limit: 20, depth: 0, candidates: candidates, explain: true)
            let results = try await store.search(query, options: options)
            return Dictionary(
                uniqueKeysWithValues: results.episodes.compactMap { hit in
                    hit.breakdown?.bm25Rank.map { (hit.item.id, $0) }
                })
        }
        // "alice" is in 6 of 7 episodes: BM25 gives it no weight, so beyond a list of 4 it would
        // only add an arbitrary few of the episodes that hold nothing else of the query.
        #expect(try await matched("Alice Paris", candidates: 4) == [paris.id: 1])
        // A query of common words only keeps them.
        #expect(try await matched("Alice", candidates: 4).count == 4)
        // A list that can take every episode keeps them.
        let all = try await matched("Alice Paris", candidates: 50)
        #expect(all[paris.id] == 1 && Set(all.keys) == Set(withName + [paris.id]))
    }

    @Test func aFactTwoHopsAwayIsFoundOnlyByExpansion() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.relate("Person:Ada", "memberOf", "Team:platform")
        let far = try store.relate("Team:platform", "maintains", "Service:billing")
        let beyond = try store.relate("Service:billing", "dependsOn", "Tool:postgres")

        let deep = try await store.search("Ada", options: SearchOptions(depth: 2, explain: true))
        let hit = try #require(deep.facts.first { $0.item.edge.id == far.edgeID })
        #expect(hit.breakdown?.hops == 2)
        #expect(hit.breakdown?.bm25Rank == nil)
        #expect(hit.breakdown?.via == far.edgeID)
        #expect(deep.entities.map(\.item.name).contains("billing"))
        #expect(!deep.facts.contains { $0.item.edge.id == beyond.edgeID })

        let shallow = try await store.search("Ada", options: SearchOptions(depth: 1))
        #expect(!shallow.facts.contains { $0.item.edge.id == far.edgeID })
        #expect(shallow.facts.count == 1)
        let none = try await store.search("Ada", options: SearchOptions(depth: 0))
        #expect(none.facts.isEmpty)
    }

    @Test func expansionCanBeCentredOnAnEntity() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let near = try store.relate("Service:api", "dependsOn", "Tool:redis")
        try store.relate("Service:web", "dependsOn", "Tool:nginx")
        let results = try await store.search(
            "unrelated words", options: SearchOptions(around: "Service:api", depth: 1))
        #expect(results.facts.map(\.item.edge.id) == [near.edgeID])
        await #expect(throws: MemographError.unknownEntity("Service:nope")) {
            try await store.search("x", options: SearchOptions(around: "Service:nope"))
        }
    }

    @Test func expansionReachesLiteralFactsAndStaysWithinItsFanout() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        for index in 0..<40 {
            try store.relate("Service:api", "dependsOn", EntityReference(parsing: "Tool:lib\(index)"))
        }
        let port = try store.relate("Service:api", "listensOnPort", value: "9090")
        let results = try await store.search(
            "unrelated words", options: SearchOptions(limit: 100, around: "Service:api", depth: 1))
        #expect(results.facts.contains { $0.item.edge.id == port.edgeID })
        // The centre follows only its newest 25 edges: the port and lib16…lib39, not the oldest ones.
        let reached = Set(results.entities.map(\.item.name))
        #expect(reached.contains("lib39") && reached.contains("lib16"))
        #expect(!reached.contains("lib15") && !reached.contains("lib0"))
    }

    @Test func searchNeverCrossesNamespaces() async throws {
        let fixture = try StoreFixture()
        let acme = try fixture.store.namespace("acme")
        let globex = try fixture.store.namespace("globex")
        let mine = try acme.relate("Service:billing", "uses", "Tool:postgres", fact: "billing uses postgres")
        _ = try globex.relate("Service:billing", "uses", "Tool:postgres", fact: "billing uses postgres")
        let episode = try acme.addEpisode("billing runs on postgres")
        _ = try globex.addEpisode("billing runs on postgres")
        let embedder = HashingEmbedder(dimension: 64)
        try await acme.embedMissing(with: embedder)
        try await globex.embedMissing(with: embedder)
        let results = try await acme.search("billing postgres", embedder: embedder)
        #expect(results.facts.map(\.item.edge.id) == [mine.edgeID])
        #expect(results.episodes.map(\.item.id) == [episode.id])
        #expect(Set(results.entities.map(\.item.namespace)) == ["acme"])
        #expect(results.entities.count == 2)
    }

    @Test func relationWeightsFromTheOntologyScaleExpansion() async throws {
        let ontology = try Ontology.bundledDefault()
        let fixture = try StoreFixture(ontology: ontology)
        let store = fixture.store
        try store.relate("Person:Ada", "memberOf", "Team:platform")
        let results = try await store.search("Ada", options: SearchOptions(depth: 1, explain: true))
        let fact = try #require(results.facts.first)
        let weight = ontology.resolveProperty("memberOf")?.retrievalWeight ?? 1
        let seed: Double = try #require(results.entities.first { $0.item.name == "Ada" }).score
        let expected: Double = seed * SearchOptions().hopDecay * weight
        let graph: Double = fact.breakdown?.graph ?? 0
        #expect(abs(graph - expected) < 1e-9)
    }

    @Test func supersededFactsOnlyAppearInThePastOrInHistory() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let old = try store.relate("Service:api", "listensOnPort", value: "8080", validFrom: day(1))
        fixture.clock.set(day(61))
        let new = try store.relate("Service:api", "listensOnPort", value: "9090", validFrom: day(10))

        let now = try await store.search("api port", options: SearchOptions(depth: 0))
        #expect(now.facts.map(\.item.edge.id) == [new.edgeID])
        let then = try await store.search("api port", options: SearchOptions(asOf: day(5), depth: 0))
        #expect(then.facts.map(\.item.edge.id) == [old.edgeID])
        let history = try await store.search(
            "api port", options: SearchOptions(includeHistory: true, depth: 0))
        #expect(Set(history.facts.map(\.item.edge.id)) == [old.edgeID, new.edgeID])
    }

    /// Each hit's estimated tokens, as the budget counts them: characters / 4, rounded up.
    private static func tokens(_ text: String) -> Int { (text.count + 3) / 4 }

    /// A budget keeps, best score first across the lists, every hit that fits in what is left,
    /// and nothing over it; a hit too large for what is left gives way to smaller ones after it.
    @Test func aTokenBudgetKeepsTheBestHitsThatFit() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.relate("Service:api", "dependsOn", "Tool:kafka", validFrom: day(1))
        try store.relate(
            "Service:billing", "uses", "Tool:kafka", fact: "billing streams invoices through kafka")
        try store.addEpisode(
            "kafka kafka: the api team moved every queue to kafka after the outage, "
                + String(repeating: "with a long retrospective of what went wrong, ", count: 8),
            role: "Ada", occurredAt: day(2))
        try store.addEpisode("kafka upgrade done", role: "Grace", occurredAt: day(40))

        let full = try await store.search("kafka")
        typealias Hit = (key: String, score: Double, tokens: Int)
        func hits(_ results: SearchResults) -> [Hit] {
            results.facts.map { ("fact \($0.item.edge.id.rawValue)", $0.score, Self.tokens($0.item.text)) }
                + results.entities.map {
                    ("entity \($0.item.id.rawValue)", $0.score, Self.tokens($0.item.reference))
                }
                + results.episodes.map {
                    ("episode \($0.item.id.rawValue)", $0.score, Self.tokens($0.item.content))
                }
        }
        let all = hits(full)
        #expect(all.count == 6)
        let largest = try #require(all.max { $0.tokens < $1.tokens })
        #expect(largest.tokens > 100)
        #expect(all.filter { $0.score > largest.score }.count == 1)

        for budget in [1, 3, 8, 20, 60, 120, 10_000] {
            let cut = try await store.search("kafka", options: SearchOptions(tokenBudget: budget))
            let kept = hits(cut)
            let used = kept.map(\.tokens).reduce(0, +)
            #expect(used <= budget, "budget \(budget)")
            // Each list keeps its order.
            #expect(
                cut.facts.map(\.item.edge.id)
                    == full.facts.map(\.item.edge.id).filter(Set(cut.facts.map(\.item.edge.id)).contains))
            #expect(
                cut.episodes.map(\.item.id)
                    == full.episodes.map(\.item.id).filter(Set(cut.episodes.map(\.item.id)).contains))
            // A hit left out did not fit beside the better hits kept.
            let keptKeys = Set(kept.map(\.key))
            for hit in all where !keptKeys.contains(hit.key) {
                let better = kept.filter { $0.score > hit.score }.map(\.tokens).reduce(0, +)
                #expect(hit.tokens > budget - better, "budget \(budget): \(hit.key) fits")
            }
            if budget == 10_000 { #expect(kept.map(\.key) == all.map(\.key)) }
        }
        // The second best hit is too large for 60 tokens: every smaller one after it fits.
        let sixty = try await store.search("kafka", options: SearchOptions(tokenBudget: 60))
        #expect(Set(hits(sixty).map(\.key)) == Set(all.map(\.key)).subtracting([largest.key]))

        await #expect(
            throws: MemographError.invalidArgument(
                field: "tokenBudget", reason: "must be between 1 and 10000000 tokens")
        ) {
            try await store.search("kafka", options: SearchOptions(tokenBudget: 0))
        }
    }

    @Test func vectorsSeedResultsAndAreFusedWithBM25() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let embedder = HashingEmbedder(dimension: 256)
        let target = try store.addEpisode("Melanie painted a sunrise over the lake")
        try store.addEpisode("Caroline researched adoption agencies")
        try await store.embedMissing(with: embedder)

        let results = try await store.search(
            "painting sunrise",
            options: SearchOptions(fusionK: 60, vectorWeight: 0.5, conversationEvidence: 0, explain: true),
            embedder: embedder)
        let first = try #require(results.episodes.first)
        #expect(first.item.id == target.id)
        #expect(first.breakdown?.vectorRank == 1)
        #expect(first.breakdown?.bm25Rank == 1)
        #expect(abs(first.score - 1.5 / 61) < 1e-9)

        let newer = try store.addEpisode("a sunrise photo from the beach")
        let stale = try await store.search(
            "sunrise", options: SearchOptions(explain: true), embedder: embedder)
        let unembedded = try #require(stale.episodes.first { $0.item.id == newer.id })
        #expect(unembedded.breakdown?.vectorRank == nil)
        try await store.embedMissing(with: embedder)
        let refreshed = try await store.search(
            "sunrise", options: SearchOptions(explain: true), embedder: embedder)
        #expect(refreshed.episodes.first { $0.item.id == newer.id }?.breakdown?.vectorRank != nil)

        let other = HashingEmbedder(dimension: 128)
        await #expect(
            throws: MemographError.embeddingModelMismatch(
                recorded: embedder.modelIdentity, given: other.modelIdentity)
        ) {
            try await store.search("sunrise", embedder: other)
        }
    }

    @Test func queryTextIsNeverReadAsSyntax() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.addEpisode("the release shipped")
        for attack in [
            "\"", "release\" OR *", "NEAR(release shipped)", "'); DROP TABLE episodes; --", "-release", "*",
        ] {
            _ = try await store.search(attack)
        }
        #expect(try await store.search("release").episodes.count == 1)
    }

    @Test func badOptionsAreTypedErrors() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        await #expect(throws: MemographError.invalidArgument(field: "query", reason: "must not be empty")) {
            try await store.search("  ")
        }
        await #expect(
            throws: MemographError.invalidArgument(field: "limit", reason: "must be between 1 and 1000")
        ) {
            try await store.search("x", options: SearchOptions(limit: 0))
        }
        await #expect(
            throws: MemographError.invalidArgument(field: "depth", reason: "must be between 0 and 5")
        ) {
            try await store.search("x", options: SearchOptions(depth: 9))
        }
        await #expect(
            throws: MemographError.invalidArgument(field: "mmrLambda", reason: "must be between 0 and 1")
        ) {
            try await store.search("x", options: SearchOptions(mmrLambda: 2))
        }
    }

    /// The episode multipliers take weights from 0 to 100; anything else (NaN too) is refused.
    @Test(arguments: ["namedSpeakerBoost", "conversationEvidence", "namedPeriodBoost"])
    func anOutOfRangeMultiplierWeightIsRefused(field: String) async throws {
        let fixture = try StoreFixture()
        for weight in [-0.5, 101, .nan] {
            var options = SearchOptions()
            switch field {
            case "namedSpeakerBoost": options.namedSpeakerBoost = weight
            case "conversationEvidence": options.conversationEvidence = weight
            default: options.namedPeriodBoost = weight
            }
            await #expect(
                throws: MemographError.invalidArgument(field: field, reason: "must be between 0 and 100")
            ) {
                try await fixture.store.search("x", options: options)
            }
        }
    }

    @Test func aNamedPeriodGraceOutsideAYearIsRefused() async throws {
        let fixture = try StoreFixture()
        for grace in [-1, 367 * 86_400, .nan] as [TimeInterval] {
            await #expect(
                throws: MemographError.invalidArgument(
                    field: "namedPeriodGrace", reason: "must be between 0 and 366 days")
            ) {
                try await fixture.store.search("x", options: SearchOptions(namedPeriodGrace: grace))
            }
        }
    }

    @Test func recencyFavoursNewerEpisodes() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let older = try store.addEpisode("team offsite planning", occurredAt: day(1))
        let newer = try store.addEpisode("team offsite planning", occurredAt: day(50))
        let plain = try await store.search("offsite")
        #expect(plain.episodes.map(\.item.id) == [older.id, newer.id])
        let recent = try await store.search(
            "offsite", options: SearchOptions(recencyWeight: 1, recencyHalfLife: 86_400 * 7))
        #expect(recent.episodes.map(\.item.id) == [newer.id, older.id])
    }

    @Test func mmrPushesNearDuplicatesDown() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        let embedder = HashingEmbedder(dimension: 256)
        // Days apart, so that no conversation context passes between them.
        let first = try store.addEpisode("kayak trip on the river with friends", occurredAt: day(1))
        let copy = try store.addEpisode("kayak trip on the river with friends again", occurredAt: day(2))
        let different = try store.addEpisode("kayak shop opening hours", occurredAt: day(3))
        try await store.embedMissing(with: embedder)
        let plain = try await store.search("kayak trip river", embedder: embedder)
        #expect(plain.episodes.map(\.item.id).prefix(2) == [first.id, copy.id])
        let diverse = try await store.search(
            "kayak trip river", options: SearchOptions(mmrLambda: 0.3), embedder: embedder)
        #expect(diverse.episodes.map(\.item.id).prefix(2) == [first.id, different.id])
    }
}
