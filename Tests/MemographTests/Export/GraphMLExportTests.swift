import Foundation
import GRDB
import Memograph
import Testing

@Suite struct GraphMLExportTests {
    @Test func currentViewValidatesAndLoadsInNetworkX() throws {
        let fixture = try ExportFixture()
        let path = fixture.file("current.graphml")
        let summary = try ExportFixture.writing(path) { try fixture.store.exportGraphML(to: $0) }
        #expect(summary.entities == 6)
        #expect(summary.edges == 3)
        #expect(try GraphMLSchema.errors(in: path) == nil)

        let graph = try NetworkX.read(path)
        #expect(graph.nodes == 6)
        #expect(graph.edges == 3)
        let ada = try #require(graph.nodeData.values.first { $0["type"]?.string == "Person" })
        #expect(ada["name"]?.string == "Ada <b>&amp; \"Lovelace\" 'the' 🚀 end")
        #expect(ada["aliases"]?.string == "[\"Ada L.\",\"ada@acme\"]")
        #expect(ada["summary"]?.string == "Engineer.\nLikes \"quotes\" & <tags>.")
        #expect(ada["attributes"]?.string == "{\"emoji\":\"🧪\",\"team\":\"platform\"}")
        let api = try #require(graph.nodeData.values.first { $0["name"]?.string == "api" })
        #expect(api["listensOnPort"]?.string == "9090")
        let member = try #require(graph.edgeData.first { $0["relation"]?.string == "memberOf" })
        #expect(member["valid_from"]?.string == "2026-03-30T00:00:00Z")
        #expect(member["recorded_at"]?.string == "2026-03-30T00:00:00Z")
        #expect(member["confidence"]?.number == 1)
        #expect(member["sources"]?.string?.hasPrefix("p") == true)
    }

    @Test func historyWithLiteralNodesKeepsEveryVersion() throws {
        let fixture = try ExportFixture()
        let path = fixture.file("history.graphml")
        try ExportFixture.writing(path) {
            try fixture.store.exportGraphML(
                to: $0, selection: ExportSelection(history: true), options: .lossless)
        }
        #expect(try GraphMLSchema.errors(in: path) == nil)
        let graph = try NetworkX.read(path)
        #expect(graph.edges == 7)
        #expect(graph.nodes == 6 + 2)
        let old = try #require(graph.edgeData.first { $0["value"]?.string == "8080" })
        #expect(old["end"]?.string == "superseded")
        #expect(old["valid_to"]?.string == "2026-03-25T00:00:00Z")
        #expect(old["expired_at"]?.string == "2026-03-30T00:00:00Z")
        let successor = try #require(old["superseded_by"]?.string)
        #expect(graph.edgeData.contains { $0["id"]?.string == successor && $0["value"]?.string == "9090" })
        let ended = try #require(graph.edgeData.first { $0["relation"]?.string == "uses" })
        #expect(ended["end"]?.string == "ended")
    }

    @Test func selectionsNarrowNodesAndEdgesConsistently() throws {
        let fixture = try ExportFixture()
        let cases: [(ExportSelection, nodes: Int, edges: Int)] = [
            (ExportSelection(asOf: day(10)), 6, 4),
            (ExportSelection(around: .name("db", type: "Service"), depth: 1), 2, 1),
            (ExportSelection(around: "Team:platform", depth: 2), 3, 2),
            (ExportSelection(types: ["Service"]), 2, 1),
            (ExportSelection(relations: ["memberOf"]), 2, 1),
            (ExportSelection(asOf: day(10), relations: ["memberOf", "partOf"]), 3, 2),
        ]
        for (index, item) in cases.enumerated() {
            let path = fixture.file("selection-\(index).graphml")
            let summary = try ExportFixture.writing(path) {
                try fixture.store.exportGraphML(to: $0, selection: item.0)
            }
            #expect(try GraphMLSchema.errors(in: path) == nil)
            let graph = try NetworkX.read(path)
            #expect(graph.nodes == item.nodes, "case \(index)")
            #expect(graph.edges == item.edges, "case \(index)")
            #expect(summary.edges == item.edges, "case \(index)")
        }
    }

    @Test func styledExportLoadsInNetworkXWithColours() throws {
        let fixture = try ExportFixture()
        let path = fixture.file("styled.graphml")
        try ExportFixture.writing(path) {
            try fixture.store.exportGraphML(to: $0, options: GraphMLOptions(literalNodes: true, styled: true))
        }
        let graph = try NetworkX.read(path)
        #expect(graph.nodes == 7)
        let services = graph.nodeData.values.filter { $0["type"]?.string == "Service" }
        #expect(services.count == 2)
        #expect(Set(services.compactMap { $0["color"]?.string }).count == 1)
        #expect(services.allSatisfy { $0["r"]?.number != nil })
    }

    @Test func forbiddenCharactersAreStrippedAndTheFileStaysValid() throws {
        let fixture = try ExportFixture()
        let queue = try DatabaseQueue(path: fixture.base.path)
        try queue.write { db in
            try db.execute(
                sql: "UPDATE entities SET name = ?, summary = ? WHERE type = 'Tool'",
                arguments: ["v\u{01}i\u{0B}m\u{FFFF}\u{FFFE}", "nul\u{08}led"])
        }
        try queue.close()
        let path = fixture.file("hostile.graphml")
        try ExportFixture.writing(path) { try fixture.store.exportGraphML(to: $0) }
        #expect(try GraphMLSchema.errors(in: path) == nil)
        let graph = try NetworkX.read(path)
        let tool = try #require(graph.nodeData.values.first { $0["type"]?.string == "Tool" })
        #expect(tool["name"]?.string == "vim")
        #expect(tool["summary"]?.string == "nulled")
    }

    @Test func dotShowsTypedLabelsRelationsAndLiterals() throws {
        let fixture = try ExportFixture()
        let path = fixture.file("graph.dot")
        try ExportFixture.writing(path) { try fixture.store.exportDOT(to: $0) }
        let dot = try String(contentsOfFile: path, encoding: .utf8)
        #expect(dot.hasPrefix("digraph memograph {"))
        #expect(dot.contains("[label=\"Service:api\"]"))
        #expect(dot.contains("[label=\"Person:Ada <b>&amp; \\\"Lovelace\\\" 'the' 🚀 end\"]"))
        #expect(dot.contains("[label=\"9090\", shape=plaintext]"))
        #expect(dot.contains("[label=\"listensOnPort\"]"))
        #expect(!dot.contains("8080"))
    }
}
