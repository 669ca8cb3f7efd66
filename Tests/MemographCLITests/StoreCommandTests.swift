import Foundation
import Testing

@Suite struct StoreCommandTests {
    @Test func relateFactsHistoryRoundTrip() throws {
        let cli = try CommandRunner()
        #expect(
            try cli.run(["relate", "Service:api", "listensOnPort", "8080", "--valid-from", "2026-03-01"])
                .status == 0)
        let second = try cli.run([
            "relate", "api", "listensOnPort", "9090", "--valid-from", "2026-05-01", "--json",
        ])
        #expect(second.status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any]
        #expect(report?["outcome"] as? String == "superseded")
        #expect(report?["closed"] as? [Int] == [1])

        let facts = try cli.run(["facts", "Service:api", "--json"])
        let current = try JSONSerialization.jsonObject(with: Data(facts.stdout.utf8)) as? [[String: Any]]
        let objects = current?.compactMap { ($0["edge"] as? [String: Any])?["object"] as? [String: String] }
        #expect(objects == [["literal": "9090"]])

        let past = try cli.run(["facts", "Service:api", "--as-of", "2026-04-01"])
        #expect(past.stdout.contains("\"8080\""))
        #expect(!past.stdout.contains("9090"))

        let history = try cli.run(["history", "Service:api", "listensOnPort"])
        let lines = history.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains("superseded") == true)
    }

    @Test func neighboursPathAndStats() throws {
        let cli = try CommandRunner()
        _ = try cli.run(["relate", "Person:Ada", "memberOf", "Team:platform"])
        _ = try cli.run(["relate", "Team:platform", "partOf", "Organisation:acme"])
        let neighbours = try cli.run(["neighbours", "Ada", "--depth", "2", "--json"])
        let found = try JSONSerialization.jsonObject(with: Data(neighbours.stdout.utf8)) as? [[String: Any]]
        #expect(found?.count == 2)
        #expect(found?.compactMap { $0["hops"] as? Int } == [1, 2])
        let path = try cli.run(["path", "Organisation:acme", "Person:Ada"])
        #expect(path.status == 0)
        #expect(
            path.stdout == "Organisation:acme ←partOf— Team:platform\nTeam:platform ←memberOf— Person:Ada\n")
        // Along the edges only, acme reaches no one; Ada reaches acme.
        let against = try cli.run(["path", "Organisation:acme", "Person:Ada", "--direction", "outgoing"])
        #expect(against.status == 1)
        #expect(against.stdout == "no path within 6 hops\n")
        let along = try cli.run(["path", "Person:Ada", "Organisation:acme", "--direction", "outgoing"])
        #expect(
            along.stdout == "Person:Ada —memberOf→ Team:platform\nTeam:platform —partOf→ Organisation:acme\n")
        let oneRelation = try cli.run(["path", "Person:Ada", "Organisation:acme", "--relation", "memberOf"])
        #expect(oneRelation.status == 1)
        let closure = try cli.run(["neighbours", "Team:platform", "--relation", "partOf", "--closure"])
        #expect(closure.status == 0, "\(closure.stderr)")
        #expect(closure.stdout.contains("Organisation:acme"))
        let notTransitive = try cli.run(["neighbours", "Ada", "--relation", "memberOf", "--closure"])
        #expect(notTransitive.status != 0)
        #expect(notTransitive.stderr.contains("transitive"))
        let stats = try cli.run(["stats", "--json"])
        let counts = try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any]
        #expect(counts?["entities"] as? Int == 3)
        #expect(counts?["currentEdges"] as? Int == 2)
    }

    @Test func indexEmbedsOnlyWhatIsNewAndReembedSwitchesModels() throws {
        let cli = try CommandRunner()
        _ = try cli.run(["relate", "Person:Ada", "memberOf", "Team:platform"])
        let first = try cli.run(["index", "--hashing", "32", "--json"])
        let report = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [String: Any]
        #expect(report?["entities"] as? Int == 2)
        #expect(report?["edges"] as? Int == 1)
        #expect(try cli.run(["index", "--hashing", "32"]).stdout.hasPrefix("embedded 0 entities, 0 facts"))
        let refused = try cli.run(["index", "--hashing", "16"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("memograph reembed"))
        let switched = try cli.run(["reembed", "--hashing", "16"])
        #expect(switched.stdout.contains("discarded 3 vectors"))
    }

    @Test func episodesCascadeFromTheCommandLine() throws {
        let cli = try CommandRunner()
        let added = try cli.run(["episode", "add", "Ada uses vim", "--role", "Ada", "--json"])
        let episode = try JSONSerialization.jsonObject(with: Data(added.stdout.utf8)) as? [String: Any]
        let id = try #require(episode?["id"] as? Int)
        #expect(try cli.run(["relate", "Person:Ada", "uses", "Tool:vim", "--episode", "\(id)"]).status == 0)
        let deleted = try cli.run(["episode", "delete", "\(id)"])
        #expect(deleted.stdout.contains("withdrew 1 fact"))
        #expect(try cli.run(["facts", "Person:Ada"]).stdout == "no facts\n")
    }

    @Test(arguments: [
        (["facts", "Person:Grace"], "no entity named 'Person:Grace'"),
        (["relate", "Ada", "uses", "platform"], "'platform' is ambiguous"),
        (
            ["facts", "Person:Ada", "--as-of", "last tuesday"],
            "--as-of: 'last tuesday' is not an ISO 8601 date"
        ),
        (["relate", "Person:Ada", " ", "Tool:vim"], "relation: must not be empty"),
        (["relate", "Person:Ada", "uses", "Tool:vim", "--valid-from", "2026-13-45"], "--valid-from"),
        (["retract", "999"], "no edge 999"),
    ])
    func badInputFailsAndLeavesTheStoreUnchanged(arguments: [String], message: String) throws {
        let cli = try CommandRunner()
        _ = try cli.run(["relate", "Person:Ada", "memberOf", "Team:platform"])
        _ = try cli.run(["relate", "Service:platform", "uses", "Tool:postgres"])
        let before = cli.snapshot()
        for _ in 1...2 {
            let result = try cli.run(arguments)
            #expect(result.status != 0)
            #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
            #expect(cli.snapshot() == before)
        }
    }

    @Test func invalidUTF8ArgumentIsRefused() throws {
        let cli = try CommandRunner()
        _ = try cli.run(["relate", "Person:Ada", "memberOf", "Team:platform"])
        let before = cli.snapshot()
        let result = try cli.shell(#"$MG relate "$(printf 'Ad\377a')" uses vim --db "$DB""#)
        #expect(result.status != 0)
        #expect(result.stderr.contains("argument 2: not valid UTF-8"))
        #expect(cli.snapshot() == before)
    }

    @Test func foreignFilesAreRefusedUntouched() throws {
        let cli = try CommandRunner()
        let notes = cli.directory.appendingPathComponent("notes.txt").path
        let bytes = Data("not a database at all".utf8)
        _ = FileManager.default.createFile(atPath: notes, contents: bytes)
        let result = try cli.run(["stats", "--db", notes], withStore: false)
        #expect(result.status != 0)
        #expect(result.stderr.contains("is not a Memograph store"))
        #expect(FileManager.default.contents(atPath: notes) == bytes)
    }

    @Test func benchStoreReportsWalksAndSearchOverTheLoadedAdjacency() throws {
        let cli = try CommandRunner()
        let result = try cli.run(
            [
                "bench", "store", "--entities", "60", "--edges", "400", "--batch", "100", "--singles", "5",
                "--queries", "5", "--paths", "5", "--searches", "5", "--write-walks", "5", "--json",
            ], withStore: false)
        #expect(result.status == 0, "\(result.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(report["edges"] as? Int == 400)
        for key in [
            "firstWalkMs", "adjacencyLoadingWalkMs", "neighboursDepth2P50Ms", "pathP50Ms", "pathP95Ms",
            "meanPathLength", "searchP50Ms", "searchP95Ms", "walkAfterWriteP50Ms", "walkAfterWriteP95Ms",
            "walkAfterWriteBesideReaderP50Ms", "walkAfterWriteBesideReaderP95Ms",
        ] {
            #expect((report[key] as? Double ?? 0) > 0, "\(key)")
        }
        // The figures of the walks beside a load are there exactly when some were made (so
        // small a graph mostly loads before one begins).
        let walksBesideLoad = try #require(report["walksBesideLoad"] as? Int)
        #expect(walksBesideLoad >= 0)
        #expect((report["besideLoadLoadingWalkMs"] as? Double ?? 0) > 0)
        for key in ["walkBesideLoadP50Ms", "walkBesideLoadMaxMs"] {
            #expect((report[key] as? Double != nil) == (walksBesideLoad > 0), "\(key)")
        }
    }

    @Test func benchStoreRefusesCountsThatAreNotPositive() throws {
        let cli = try CommandRunner()
        for option in ["--searches", "--paths", "--queries", "--batch", "--write-walks"] {
            let result = try cli.run(["bench", "store", option, "0"], withStore: false)
            #expect(result.status != 0)
            #expect(result.stderr.contains("must be positive"), "\(option)")
        }
    }
}
