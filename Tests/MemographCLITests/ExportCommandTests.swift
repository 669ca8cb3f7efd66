import Foundation
import Testing

@Suite struct ExportCommandTests {
    @Test func graphMLExportRefusesToOverwriteWithoutForceAndRoundTrips() throws {
        let cli = try CommandRunner()
        #expect(
            try cli.run(["relate", "Service:api", "listensOnPort", "8080", "--valid-from", "2026-03-01"])
                .status == 0)
        #expect(
            try cli.run(["relate", "api", "listensOnPort", "9090", "--valid-from", "2026-05-01"]).status == 0)
        #expect(try cli.run(["relate", "Person:Ada & <Bob>", "uses", "Tool:vim"]).status == 0)
        let file = cli.directory.appendingPathComponent("graph.graphml").path

        let first = try cli.run(["export", "graphml", "--complete", "--out", file])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "wrote 3 entities, 3 edges, 0 episodes to \(file)\n")
        #expect(first.stderr.isEmpty)
        let original = try Data(contentsOf: URL(fileURLWithPath: file))
        let refused = try cli.run(["export", "graphml", "--out", file])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("exists; add --force"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == original)
        #expect(try cli.run(["export", "graphml", "--complete", "--out", file, "--force"]).status == 0)

        let copy = try CommandRunner()
        let imported = try copy.run(["import", "graphml", file, "--json"])
        #expect(imported.status == 0, "\(imported.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(imported.stdout.utf8)) as? [String: Int]
        #expect(summary?["entities"] == 3)
        #expect(summary?["edges"] == 3)
        let history = try copy.run(["history", "Service:api", "listensOnPort"])
        #expect(history.stdout.split(separator: "\n").count == 2)
        #expect(try copy.run(["facts", "Service:api", "--as-of", "2026-04-01"]).stdout.contains("\"8080\""))
    }

    @Test func graphMLToStandardOutputAndDOT() throws {
        let cli = try CommandRunner()
        _ = try cli.run(["relate", "Person:Ada", "memberOf", "Team:platform"])
        _ = try cli.run(["relate", "Team:platform", "partOf", "Organisation:acme"])
        let xml = try cli.run(["export", "graphml", "--around", "Person:Ada", "--depth", "1"])
        #expect(xml.status == 0)
        #expect(xml.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"))
        #expect(xml.stdout.contains("<data key=\"n_label\">Team:platform</data>"))
        #expect(!xml.stdout.contains("acme"))
        let dot = try cli.run(["export", "dot", "--relation", "partOf"])
        #expect(dot.stdout.contains("[label=\"Organisation:acme\"]"))
        #expect(dot.stdout.contains("[label=\"partOf\"]"))
        #expect(!dot.stdout.contains("Person:Ada"))
    }

    @Test func jsonlBackupRestoresIntoAnotherStore() throws {
        let cli = try CommandRunner()
        _ = try cli.run(["episode", "add", "Ada uses vim", "--id", "m1"])
        _ = try cli.run(["relate", "Person:Ada", "uses", "Tool:vim", "--episode", "1"])
        _ = try cli.run(["relate", "Person:Grace", "uses", "Tool:emacs", "--namespace", "other"])
        let file = cli.directory.appendingPathComponent("backup.jsonl").path
        #expect(try cli.run(["export", "jsonl", "--out", file]).status == 0)
        let copy = try CommandRunner()
        let restored = try copy.run(["import", "jsonl", file])
        #expect(restored.stdout == "imported 4 entities, 2 edges, 1 episodes, 1 provenance links\n")
        #expect(try copy.run(["facts", "Person:Grace", "--namespace", "other"]).stdout.contains("emacs"))
        #expect(try copy.run(["facts", "Person:Ada"]).stdout.contains("sources: 1"))
    }

    @Test func badImportFailsWithFileAndLineAndLeavesTheStoreUnchanged() throws {
        let cli = try CommandRunner()
        _ = try cli.run(["relate", "Person:Ada", "memberOf", "Team:platform"])
        let file = cli.directory.appendingPathComponent("bad.graphml").path
        try
            "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n<graph edgedefault=\"directed\">\n<node id=\"a\">\n</graph>"
            .write(toFile: file, atomically: false, encoding: .utf8)
        let before = cli.snapshot()
        let result = try cli.run(["import", "graphml", file])
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(file):4: XML:"), "\(result.stderr)")
        #expect(cli.snapshot() == before)
    }
}
