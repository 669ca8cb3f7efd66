import Foundation
import Testing

@Suite struct IngestCommandTests {
    @Test func addExtractsFactsFromTextAndFromJSONLMessages() throws {
        let cli = try CommandRunner()
        let first = try cli.run([
            "add", "Ada is on the platform team. The api service listens on port 8080.", "--at", "2026-03-02",
        ])
        #expect(first.status == 0)
        #expect(
            first.stdout == """
                episode #1
                  inserted #1: Person:Ada —memberOf→ Team:platform
                  inserted #2: Service:api —listensOnPort→ "8080"

                """)
        let moved = try cli.run([
            "add", "we moved the api to port 9090, not 8080", "--at", "2026-04-01", "--json",
        ])
        let report = try JSONSerialization.jsonObject(with: Data(moved.stdout.utf8)) as? [String: Any]
        let facts = report?["facts"] as? [[String: Any]]
        #expect(facts?.compactMap { $0["outcome"] as? String } == ["superseded"])

        let messages = try cli.shell(
            #"printf '{"role":"user","name":"Lin","content":"I prefer dark mode."}\n' | "$MG" add --db "$DB" --at 2026-04-02"#
        )
        #expect(messages.status == 0)
        #expect(messages.stdout.contains("Person:Lin —prefers→ Preference:dark mode"))

        let bad = try cli.shell(#"printf 'not json\n' | "$MG" add --db "$DB""#)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("stdin line 1"))

        let facts2 = try cli.run(["facts", "Service:api", "--as-of", "2026-03-15"])
        #expect(facts2.stdout.contains("\"8080\""))
    }

    @Test func forgetAndMerge() throws {
        let cli = try CommandRunner()
        _ = try cli.run(["add", "@zoltan maintains the billing service.", "--at", "2026-03-02"])
        _ = try cli.run(["add", "Zed Bartok is on the platform team.", "--at", "2026-03-03"])
        let merged = try cli.run(["merge", "zoltan", "Zed Bartok"])
        #expect(merged.status == 0)
        #expect(merged.stdout.contains("aliases: @zoltan, Zed Bartok"))
        let forgot = try cli.run(["forget", "zoltan", "--vacuum", "--json"])
        #expect(forgot.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(forgot.stdout.utf8)) as? [String: Any]
        #expect(report?["edges"] as? Int == 2)
        #expect(report?["episodesDeleted"] as? Int == 0)
        let episodes = try cli.run(["search", "billing"])
        #expect(episodes.stdout.contains("[forgotten] maintains the billing service."))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: cli.db))
        #expect(bytes.range(of: Data("oltan".utf8)) == nil)
        #expect(bytes.range(of: Data("artok".utf8)) == nil)
    }

    @Test func splitMovesAnEpisodesFactsOntoAnotherEntity() throws {
        let cli = try CommandRunner()
        _ = try cli.run(["add", "Jordan reports to Zoltan.", "--at", "2026-03-02"])
        _ = try cli.run(["add", "Jordan reports to Lin.", "--at", "2026-03-03"])
        let split = try cli.run(["split", "Jordan", "Person:Jordan Smith", "--episode", "2"])
        #expect(split.status == 0, "\(split.stderr)")
        #expect(split.stdout.hasPrefix("#1 Person:Jordan → #4 Person:Jordan Smith (new)"))
        #expect(try cli.run(["facts", "Person:Jordan"]).stdout.contains("Zoltan"))
        #expect(try cli.run(["facts", "Person:Jordan Smith"]).stdout.contains("Lin"))
        let bad = try cli.run(["split", "Jordan", "Person:Jordan Smith", "--alias", "JJ"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("'JJ' is not an alias of Person:Jordan"))
    }

    @Test func retentionRulesAndMaintain() throws {
        let cli = try CommandRunner()
        _ = try cli.run(["relate", "Ada", "prefers", "Preference:dark mode", "--valid-from", "2026-01-01"])
        #expect(try cli.run(["retention", "set", "2w", "--relation", "prefers"]).status == 0)
        #expect(try cli.run(["retention", "set", "400d"]).status == 0)
        #expect(try cli.run(["retention", "list"]).stdout == "*\t400d\nprefers\t2w\n")
        // Recorded now, so nothing has expired yet.
        #expect(try cli.run(["maintain", "--json"]).stdout.contains("\"expiredEdges\" : 0"))
        #expect(try cli.run(["facts", "Ada"]).stdout.contains("dark mode"))
        let bad = try cli.run(["retention", "set", "soon"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("'soon' is not a duration"))
        #expect(try cli.run(["retention", "clear", "--relation", "prefers"]).status == 0)
        #expect(try cli.run(["retention", "list"]).stdout == "*\t400d\n")
    }

    @Test func llmFlagsAreCheckedBeforeAnythingIsStored() throws {
        let cli = try CommandRunner()
        let bad = try cli.run([
            "add", "Ada is on the platform team.", "--extractor", "llm", "--llm-base-url", "localhost:11434",
            "--llm-model", "qwen3:8b",
        ])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--llm-base-url"))
        #expect(try cli.run(["stats", "--json"]).stdout.contains("\"episodes\" : 0"))
        for timeout in ["nan", "1e300", "-1"] {
            let refused = try cli.run(["add", "x", "--extractor", "llm", "--llm-timeout=\(timeout)"])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("--llm-timeout must be between 0 and 86400 seconds"))
        }
    }
}
