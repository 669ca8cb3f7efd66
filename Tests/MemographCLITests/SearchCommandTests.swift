import Foundation
import MemographTestSupport
import Testing

@Suite struct SearchCommandTests {
    @Test func searchEmbedsWhatIsMissingAndExplains() throws {
        let cli = try CommandRunner()
        _ = try cli.run(["relate", "Person:Ada", "memberOf", "Team:platform"])
        _ = try cli.run(["relate", "Team:platform", "maintains", "Service:billing"])
        let result = try cli.run(["search", "Ada", "--hashing", "64", "--explain", "--json"])
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let facts = json?["facts"] as? [[String: Any]]
        #expect(facts?.count == 2)
        let hops = facts?.compactMap { ($0["breakdown"] as? [String: Any])?["hops"] as? Int }
        #expect(hops?.contains(1) == true)
        #expect(try cli.run(["index", "--hashing", "64"]).stdout.hasPrefix("embedded 0 entities, 0 facts"))
        let text = try cli.run(["search", "billing", "--no-vectors", "--depth", "1"])
        #expect(text.stdout.contains("Team:platform —maintains→ Service:billing"))
    }

    /// `bench locomo` on a hand-made conversation in LoCoMo's layout: an adversarial item is
    /// skipped but keeps its place in the numbering, and the results file holds one line per
    /// scored question, keys in a fixed order, the turn that answers first.
    @Test func benchLocomoRanksTurnsAndWritesResults() throws {
        let cli = try CommandRunner()
        let dataset: [[String: Any]] = [
            [
                "sample_id": "conv-1",
                "conversation": [
                    "speaker_a": "Ada", "speaker_b": "Grace",
                    "session_1_date_time": "1:56 pm on 8 May, 2023",
                    "session_1": [
                        ["speaker": "Ada", "dia_id": "D1:1", "text": "I adopted a greyhound called Comet."],
                        ["speaker": "Grace", "dia_id": "D1:2", "text": "Lovely! I am learning the cello."],
                    ],
                    "session_2_date_time": "9:00 am on 20 June, 2023",
                    "session_2": [
                        ["speaker": "Ada", "dia_id": "D2:1", "text": "Comet ran on the beach today."],
                        ["speaker": "Grace", "dia_id": "D2:2", "text": "My cello recital went well."],
                    ],
                ],
                "qa": [
                    [
                        "question": "Which pet did Ada not adopt?", "adversarial_answer": "a cat",
                        "evidence": ["D1:1"], "category": 5,
                    ],
                    [
                        "question": "What instrument is Grace learning?", "answer": "cello",
                        "evidence": ["D1:2"], "category": 4,
                    ],
                ],
            ]
        ]
        let data = cli.directory.appendingPathComponent("locomo.json")
        try JSONSerialization.data(withJSONObject: dataset).write(to: data)
        let results = cli.directory.appendingPathComponent("results.jsonl").path
        let run = try cli.run(
            ["bench", "locomo", "--data", data.path, "--no-vectors", "--write-results", results],
            withStore: false)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("single-hop   R@5 1.000"))
        let lines = try String(contentsOfFile: results, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix(#"{"qa_index":1,"retrieved":["D1:2""#) == true, "\(lines)")
    }

    @Test func badSearchInputIsRefused() throws {
        let cli = try CommandRunner()
        let depth = try cli.run(["search", "x", "--no-vectors", "--depth", "9"])
        #expect(depth.status != 0)
        #expect(depth.stderr.contains("depth: must be between 0 and 5"))
        let around = try cli.run(["search", "x", "--no-vectors", "--around", "Service:nope"])
        #expect(around.stderr.contains("no entity named 'Service:nope'"))
        let filter = try cli.run([
            "search", "x", "--no-vectors", "--filter", #"{"AND": [{"relation": {"gte": 3}}]}"#,
        ])
        #expect(filter.status != 0)
        #expect(filter.stderr.contains("invalid filter at $.AND[0].relation.gte"))
    }

    @Test func searchAndContextRerankThroughAnEndpoint() throws {
        let cli = try CommandRunner()
        for text in ["we talked about billing and postgres", "billing talk again and again and again"] {
            _ = try cli.run(["add", text, "--extractor", "rules"])
        }
        _ = try cli.run(["add", "the invoices moved to a new ledger, and billing is done there now"])
        // A cross-encoder stand-in that reads "ledger" as the answer.
        let server = try LoopbackHTTPServer { request, _ in
            let documents = request.jsonBody?["documents"] as? [String] ?? []
            let results = documents.enumerated().map { index, text in
                #"{"index":\#(index),"relevance_score":\#(text.contains("ledger") ? 0.97 : 0.01)}"#
            }
            return .json(200, #"{"results":[\#(results.joined(separator: ","))]}"#)
        }
        defer { server.stop() }
        let endpoint = ["--rerank", "--rerank-base-url", server.baseURL.appending(path: "v1").absoluteString]
        let search = try cli.run(
            ["search", "billing", "--no-vectors", "--explain", "--limit", "1"] + endpoint,
            environment: ["MEMOGRAPH_RERANK_MODEL": "bge-reranker-v2-m3"])
        #expect(search.status == 0, "\(search.stderr)")
        let episodes = try #require(search.stdout.components(separatedBy: "episodes:").last)
        #expect(episodes.contains("0.9700"), "\(search.stdout)")
        #expect(episodes.contains("reranked from #"))
        #expect(episodes.contains("ledger"))
        #expect(server.requests.first?.jsonBody?["model"] as? String == "bge-reranker-v2-m3")
        let context = try cli.run(
            ["context", "billing", "--no-vectors", "--budget", "40"] + endpoint,
            environment: ["MEMOGRAPH_RERANK_MODEL": "bge-reranker-v2-m3"])
        #expect(context.status == 0, "\(context.stderr)")
        #expect(context.stdout.contains("ledger"), "\(context.stdout)")
        #expect(server.requests.count == 2)
        let plainContext = try cli.run(["context", "billing", "--no-vectors", "--budget", "40"])
        #expect(!plainContext.stdout.contains("ledger"), "\(plainContext.stdout)")

        let unset = try cli.run(
            ["search", "billing", "--no-vectors", "--rerank"], environment: ["MEMOGRAPH_RERANK_BASE_URL": ""])
        #expect(unset.status != 0)
        #expect(
            unset.stderr.contains("MEMOGRAPH_RERANK_BASE_URL: not set (nor --rerank-base-url"),
            "\(unset.stderr)")
        let depth = try cli.run(
            ["search", "billing", "--no-vectors", "--rerank-depth", "0"] + endpoint + ["--rerank-model", "m"])
        #expect(depth.stderr.contains("rerankDepth: must be between 1 and 1000"), "\(depth.stderr)")
        let timeout = try cli.run(["search", "billing", "--no-vectors", "--rerank-timeout", "0"] + endpoint)
        #expect(timeout.status != 0)
        #expect(timeout.stderr.contains("--rerank-timeout must be between 0 and 86400 seconds, not 0.0"))
    }

    @Test func filterSelectsFacts() throws {
        let cli = try CommandRunner()
        _ = try cli.run(["relate", "Service:billing", "uses", "Tool:postgres"])
        _ = try cli.run(["relate", "Service:billing", "dependsOn", "Service:ledger"])
        let result = try cli.run([
            "search", "billing", "--no-vectors", "--json", "--filter", #"{"relation": {"in": ["uses"]}}"#,
        ])
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let facts = json?["facts"] as? [[String: Any]]
        let relations = facts?.compactMap {
            (($0["item"] as? [String: Any])?["edge"] as? [String: Any])?["relation"] as? String
        }
        #expect(relations == ["uses"])
        #expect((json?["entities"] as? [Any])?.isEmpty == true)
    }

    @Test func searchStaysWithinItsBudget() throws {
        let cli = try CommandRunner()
        for index in 1...12 {
            _ = try cli.run(["relate", "Service:svc\(index)", "dependsOn", "Tool:postgres"])
        }
        func hits(_ arguments: [String]) throws -> [[String: Any]] {
            let result = try cli.run(["search", "postgres", "--no-vectors", "--json"] + arguments)
            #expect(result.status == 0)
            let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            return ["facts", "entities", "episodes"].flatMap { json?[$0] as? [[String: Any]] ?? [] }
        }
        let full = try hits([])
        let cut = try hits(["--budget", "12"])
        #expect(full.count > 4)
        #expect(!cut.isEmpty && cut.count < full.count)
        let refused = try cli.run(["search", "postgres", "--no-vectors", "--budget", "0"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("tokenBudget: must be between 1 and 10000000 tokens"))
    }

    @Test func contextStaysWithinItsBudget() throws {
        let cli = try CommandRunner()
        for port in 1...40 {
            _ = try cli.run(["relate", "Service:svc\(port)", "dependsOn", "Tool:postgres"])
        }
        let context = try cli.run(["context", "postgres", "--no-vectors", "--budget", "60"])
        #expect(context.status == 0)
        #expect(context.stdout.count <= 240)
        #expect(context.stdout.contains("svc"))
    }

    @Test func benchSearchTimesSearchesRightAfterWrites() throws {
        let cli = try CommandRunner()
        let result = try cli.run(
            ["bench", "search", "--facts", "300", "--queries", "5", "--writes", "3", "--json"],
            withStore: false)
        #expect(result.status == 0, "\(result.stderr)")
        let reports = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(reports.count == 1)
        #expect(reports.first?["facts"] as? Int == 300)
        for key in ["p50Ms", "p95Ms", "writeP50Ms", "writeP95Ms", "afterWriteP50Ms", "afterWriteP95Ms"] {
            #expect((reports.first?[key] as? Double ?? 0) > 0, "\(key)")
        }
        for option in ["--writes", "--queries", "--facts"] {
            let refused = try cli.run(["bench", "search", option, "0"], withStore: false)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("must be positive"), "\(option)")
        }
    }
}
