import Foundation
import Memograph
import Testing

@Suite struct RoundTripTests {
    @Test func completeGraphMLRoundTripGivesIdenticalAnswers() throws {
        let fixture = try ExportFixture()
        let path = fixture.file("complete.graphml")
        try ExportFixture.writing(path) {
            try fixture.store.exportGraphML(
                to: $0, selection: ExportSelection(history: true), options: .lossless)
        }
        let target = try ExportFixture.emptyStore()
        let summary = try target.store.importGraphML(from: path)
        #expect(summary == ImportSummary(entities: 6, edges: 7, episodes: 2, sources: 3))
        #expect(try ExportFixture.answers(target.store) == ExportFixture.answers(fixture.store))
        #expect(try target.store.episode(externalID: "msg-1")?.metadata == ["channel": "#dev & ops"])
    }

    @Test func graphMLKeepsWhenFactsExpire() throws {
        let fixture = try ExportFixture()
        try fixture.store.setRetention(30 * 86_400, relation: "uses")
        let episode = try fixture.store.addEpisode("Grace switched to emacs", occurredAt: day(4))
        let outcome = try fixture.store.relate(
            "Person:Grace", "uses", "Tool:emacs", validFrom: day(4), source: episode.id)
        let expiry = try #require(try fixture.store.fact(outcome.edgeID).edge.expiresAt)
        let path = fixture.file("expiring.graphml")
        try ExportFixture.writing(path) {
            try fixture.store.exportGraphML(
                to: $0, selection: ExportSelection(history: true), options: .lossless)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("<data key=\"e_expires_at\">"))
        let target = try ExportFixture.emptyStore()
        try target.store.importGraphML(from: path)
        // The fixture's clock is fixed in the past, so the fact has expired by the target's now:
        // history still shows it, with the same expiry.
        let imported = try target.store.history(of: "Person:Grace", relation: "uses")
        #expect(imported.map(\.edge.expiresAt) == [expiry])
        #expect(try target.store.facts(about: "Person:Grace").isEmpty)
    }

    @Test func graphMLWithoutLiteralNodesOrEpisodesSaysWhatItLeftOut() throws {
        let fixture = try ExportFixture()
        let path = fixture.file("plain.graphml")
        try ExportFixture.writing(path) { try fixture.store.exportGraphML(to: $0) }
        let target = try ExportFixture.emptyStore()
        let summary = try target.store.importGraphML(from: path)
        #expect(summary.entities == 6)
        #expect(summary.edges == 3)
        #expect(summary.literalAttributesSkipped == 1)
        #expect(summary.sourcesWithoutEpisodes == 1)
        let ada = try target.store.resolve(.name(ExportFixture.hostileName, type: "Person"))
        #expect(ada.name == "Ada <b>&amp; \"Lovelace\" 'the' 🚀 end")
        #expect(ada.aliases == ["Ada L.", "ada@acme"])
    }

    @Test func jsonlRoundTripIsLossless() throws {
        let fixture = try ExportFixture()
        let other = try fixture.store.namespace("team-b")
        try other.relate("Person:Grace", "uses", "Tool:emacs", validFrom: day(3))
        let path = fixture.file("backup.jsonl")
        let written = try ExportFixture.writing(path) { try fixture.store.exportJSONL(to: $0) }
        #expect(written == ExportSummary(entities: 8, edges: 8, episodes: 2))
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1 + 8 + 8 + 2)
        #expect(lines.allSatisfy { $0.contains("\"kind\":") })

        let target = try ExportFixture.emptyStore()
        let summary = try target.store.importJSONL(from: path)
        #expect(summary == ImportSummary(entities: 8, edges: 8, episodes: 2, sources: 3))
        #expect(try ExportFixture.answers(target.store) == ExportFixture.answers(fixture.store))
        for id in 1...7 {
            #expect(try target.store.fact(EdgeID(Int64(id))) == fixture.store.fact(EdgeID(Int64(id))))
        }
        let grace = try target.store.namespace("team-b").facts(about: "Person:Grace")
        #expect(grace.map(\.objectText) == ["emacs"])
        let again = fixture.file("again.jsonl")
        try ExportFixture.writing(again) { try target.store.exportJSONL(to: $0) }
        let first = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
        let second = try String(contentsOfFile: again, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(Array(first) == Array(second))
    }

    @Test func jsonlCarriesIngestionMentionsAndRetention() async throws {
        let fixture = try ExportFixture()
        let report = try await fixture.store.ingest(
            text: "Ada now reports to Lin, and Lin maintains the billing service", speaker: "Ada",
            occurredAt: day(20))
        #expect(report.resolutions.count >= 2)
        try fixture.store.setRetention(30 * 86_400, relation: "reportsTo")
        let path = fixture.file("backup.jsonl")
        try ExportFixture.writing(path) { try fixture.store.exportJSONL(to: $0) }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        let mentions = lines.filter { $0.contains("\"kind\":\"mention\"") }
        #expect(mentions.count == Set(report.resolutions.map(\.entity)).count)
        #expect(lines.filter { $0.contains("\"kind\":\"retention\"") }.count == 1)
        #expect(lines.filter { $0.contains("\"expiresAt\"") }.count >= 1)

        let target = try ExportFixture.emptyStore()
        try target.store.importJSONL(from: path)
        let again = fixture.file("again.jsonl")
        try ExportFixture.writing(again) { try target.store.exportJSONL(to: $0) }
        let second = try String(contentsOfFile: again, encoding: .utf8).split(separator: "\n")
        #expect(Array(lines.dropFirst()) == Array(second.dropFirst()))
    }

    @Test func jsonlIntoAStoreWithRowsRemapsIDs() throws {
        let fixture = try ExportFixture()
        let path = fixture.file("backup.jsonl")
        try ExportFixture.writing(path) { try fixture.store.exportJSONL(to: $0) }
        let target = try ExportFixture.emptyStore()
        try target.store.namespace("elsewhere").relate("Person:Zed", "uses", "Tool:ed")
        try target.store.importJSONL(from: path)
        #expect(try ExportFixture.answers(target.store) == ExportFixture.answers(fixture.store))
    }
}
