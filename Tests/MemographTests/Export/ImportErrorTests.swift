import Foundation
import Memograph
import Testing

@Suite struct ImportErrorTests {
    static let header = """
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="t" for="node" attr.name="type" attr.type="string"/>
          <key id="r" for="edge" attr.name="relation" attr.type="string"/>
          <graph id="G" edgedefault="directed">
            <node id="a"><data key="t">Person</data></node>
        """

    @Test(arguments: [
        ("<node id=\"b\"><data key=\"t\">Tool</node>\n</graph></graphml>", 7, "XML"),
        ("<node id=\"b\"><data key=\"zz\">Tool</data></node>\n</graph></graphml>", 7, "<data>"),
        ("<node id=\"b\"/>\n<edge source=\"a\" target=\"nowhere\"/>\n</graph></graphml>", 8, "target"),
        ("<node id=\"a\"/>\n</graph></graphml>", 7, "id"),
        (
            "\n<edge id=\"e1\" source=\"a\" target=\"a\"/><edge id=\"e1\" source=\"a\" target=\"a\"/></graph></graphml>",
            8, "id"
        ),
        ("<node id=\"b\"><data key=\"t\">not a type</data></node></graph></graphml>", 7, "type"),
        ("<hyperedge/></graph></graphml>", 7, "<hyperedge>"),
    ])
    func badGraphMLIsATypedErrorWithItsLineAndChangesNothing(body: String, line: Int, field: String) throws {
        let fixture = try ExportFixture()
        let path = fixture.file("bad.graphml")
        try (Self.header + "\n" + body).write(toFile: path, atomically: false, encoding: .utf8)
        let answers = try ExportFixture.answers(fixture.store)
        do {
            try fixture.store.importGraphML(from: path)
            Issue.record("import of a bad file succeeded")
        } catch let error as ImportError {
            #expect(error.file == path)
            #expect(error.line == line, "\(error)")
            #expect(error.field == field, "\(error)")
        }
        #expect(try ExportFixture.answers(fixture.store) == answers)
        #expect(try fixture.store.statistics().entities == 6)
    }

    @Test func aFailedImportLeavesTheFileByteForByte() throws {
        let fixture = try ExportFixture()
        let path = fixture.file("dangling.graphml")
        try (Self.header + "\n<edge source=\"a\" target=\"b\"/>\n</graph></graphml>").write(
            toFile: path, atomically: false, encoding: .utf8)
        try fixture.store.close()
        try GraphStore(path: fixture.base.path, access: .single).close()
        let before = try fixture.base.snapshot()
        let store = try GraphStore(path: fixture.base.path, access: .single)
        #expect(throws: ImportError.self) { try store.importGraphML(from: path) }
        try store.close()
        #expect(try fixture.base.snapshot() == before)
    }

    @Test(arguments: [
        ("{\"kind\":\"entity\"}", 1, "kind"),
        ("HEADER\n{\"kind\":\"entity\",\"id\":1,\"namespace\":\"default\",\"type\":\"Person\"}", 2, "name"),
        (
            "HEADER\n\n{\"kind\":\"edge\",\"id\":1,\"namespace\":\"default\",\"subject\":9,\"relation\":\"uses\",\"value\":\"x\",\"validFrom\":\"2026-03-01T00:00:00Z\",\"recordedAt\":\"2026-03-01T00:00:00Z\",\"confidence\":1,\"attributes\":{},\"sources\":[]}",
            3, "subject"
        ),
        (
            "HEADER\n{\"kind\":\"entity\",\"id\":1,\"namespace\":\"default\",\"type\":\"Person\",\"name\":\"A\",\"aliases\":[],\"attributes\":{},\"createdAt\":\"yesterday\",\"updatedAt\":\"2026-03-01T00:00:00Z\"}",
            2, "createdAt"
        ),
        ("HEADER\nnot json", 2, "line"),
    ])
    func badJSONLIsATypedErrorWithItsLine(body: String, line: Int, field: String) throws {
        let fixture = try ExportFixture()
        let path = fixture.file("bad.jsonl")
        let header = "{\"kind\":\"memograph\",\"format\":1,\"exportedAt\":\"2026-03-01T00:00:00Z\"}"
        try body.replacingOccurrences(of: "HEADER", with: header).write(
            toFile: path, atomically: false, encoding: .utf8)
        let answers = try ExportFixture.answers(fixture.store)
        do {
            try fixture.store.importJSONL(from: path)
            Issue.record("import of a bad file succeeded")
        } catch let error as ImportError {
            #expect(error.line == line, "\(error)")
            #expect(error.field == field, "\(error)")
        }
        #expect(try ExportFixture.answers(fixture.store) == answers)
    }
}
