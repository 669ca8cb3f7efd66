import CLibXML2
import Foundation
import Memograph
import Testing

/// A small store with everything an export must carry: superseded and ended versions, literal
/// and entity objects, aliases, summaries, attributes, episodes as provenance, hostile names.
struct ExportFixture {
    static let hostileName = "Ada <b>&amp; \"Lovelace\" 'the' 🚀 end"
    static let references: [EntityReference] = [
        .name("api", type: "Service"), .name(hostileName, type: "Person"), .name("platform", type: "Team"),
        .name("vim", type: "Tool"), .name("acme", type: "Organisation"), .name("db", type: "Service"),
    ]
    static let dates = [day(1), day(10), day(20), day(40), day(60), day(90)]

    let base: StoreFixture

    init() throws {
        base = try StoreFixture(start: day(1))
        let store = base.store
        base.clock.set(day(2))
        let said = try store.addEpisode(
            "Ada: I joined platform <today> & use vim\nsecond line", role: "Ada", externalID: "msg-1",
            occurredAt: day(2), metadata: ["channel": "#dev & ops"])
        try store.upsertEntity(
            name: Self.hostileName, type: "Person", summary: "Engineer.\nLikes \"quotes\" & <tags>.",
            aliases: ["Ada L.", "ada@acme"], attributes: ["team": "platform", "emoji": "🧪"])
        try store.relate(
            .name(Self.hostileName, type: "Person"), "memberOf", .name("platform", type: "Team"),
            validFrom: day(2),
            fact: "Ada joined the platform team", source: said.id, singleValued: true)
        try store.relate(
            .name(Self.hostileName, type: "Person"), "uses", .name("vim", type: "Tool"), validFrom: day(2),
            source: said.id)
        base.clock.set(day(5))
        try store.relate(.name("api", type: "Service"), "listensOnPort", value: "8080", validFrom: day(3))
        try store.relate(
            .name("api", type: "Service"), "dependsOn", .name("db", type: "Service"), validFrom: day(3))
        try store.relate("Team:platform", "partOf", .name("acme", type: "Organisation"), validFrom: day(1))
        base.clock.set(day(30))
        try store.relate(.name("api", type: "Service"), "listensOnPort", value: "9090", validFrom: day(25))
        let moved = try store.addEpisode("Ada moved to acme", occurredAt: day(30))
        try store.relate(
            .name(Self.hostileName, type: "Person"), "memberOf", .name("acme", type: "Organisation"),
            validFrom: day(30), source: moved.id, singleValued: true)
        base.clock.set(day(50))
        let uses = try store.facts(about: "Tool:vim", relation: "uses")[0]
        try store.retract(uses.edge.id, at: day(45))
        base.clock.set(day(100))
    }

    var store: GraphStore { base.store }

    /// Every fact of every fixture entity, as of several dates and known now, plus the history of
    /// each relation, written without row ids so two stores compare by content.
    static func answers(_ store: GraphStore) throws -> [String] {
        var lines: [String] = []
        for reference in references {
            let entity = try store.resolve(reference)
            lines.append(
                "entity \(entity.reference) summary=\(entity.summary ?? "-") aliases=\(entity.aliases) "
                    + "attributes=\(entity.attributes.sorted { $0.key < $1.key }) created=\(entity.createdAt.timeIntervalSince1970)"
            )
            for date in dates {
                for fact in try store.facts(about: reference, asOf: date) {
                    lines.append("as of \(date): " + describe(fact, store))
                }
            }
            for relation in ["memberOf", "uses", "listensOnPort", "dependsOn", "partOf"] {
                for fact in try store.history(of: reference, relation: relation) {
                    lines.append("history: " + describe(fact, store))
                }
            }
        }
        return lines
    }

    private static func describe(_ fact: Fact, _ store: GraphStore) -> String {
        let edge = fact.edge
        let object = fact.object?.reference ?? "\"\(edge.object.literal ?? "")\""
        let successor = edge.supersededBy.flatMap { try? store.fact($0) }.map {
            "\($0.objectText)@\($0.edge.validFrom.timeIntervalSince1970)"
        }
        let sources = fact.sources.compactMap { try? store.episode($0) }.map {
            "\($0.content)|\($0.role ?? "-")|\($0.externalID ?? "-")|\($0.occurredAt.timeIntervalSince1970)|\($0.metadata)"
        }
        return [
            fact.subject.reference, edge.relation, object, edge.fact ?? "-",
            "\(edge.validFrom.timeIntervalSince1970)",
            "\(edge.validTo?.timeIntervalSince1970 ?? -1)", "\(edge.recordedAt.timeIntervalSince1970)",
            "\(edge.expiredAt?.timeIntervalSince1970 ?? -1)", edge.end?.rawValue ?? "-", successor ?? "-",
            "\(edge.confidence)", "\(sources)",
        ].joined(separator: " | ")
    }

    /// A new file path in the fixture's directory.
    func file(_ name: String) -> String { base.directory.appendingPathComponent(name).path }

    /// Runs `body` with a handle on a new file at `path`, closing it afterwards.
    @discardableResult
    static func writing<T>(_ path: String, _ body: (FileHandle) throws -> T) throws -> T {
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        defer { try? handle.close() }
        return try body(handle)
    }

    /// A fresh empty store in its own directory.
    static func emptyStore() throws -> StoreFixture { try StoreFixture(start: day(200)) }
}

/// Validates files against the official GraphML 1.0 XSD with libxml2, resolving the schema's
/// http references to the local copies in ../shared/fixtures/graphml through its XML catalog.
enum GraphMLSchema {
    static let directory = SharedFixtures.directory.appendingPathComponent("fixtures/graphml")

    private static let lock = NSLock()

    /// nil when `path` is valid, otherwise libxml2's complaints.
    static func errors(in path: String) throws -> String? {
        try lock.withLock {
            let catalog = directory.appendingPathComponent("catalog.xml").path
            try #require(
                FileManager.default.fileExists(atPath: catalog),
                "GraphML fixtures missing at \(directory.path)")
            xmlInitializeCatalog()
            #expect(xmlLoadCatalog(catalog) == 0)
            let parser = try #require(
                xmlSchemaNewParserCtxt(directory.appendingPathComponent("graphml.xsd").path))
            defer { xmlSchemaFreeParserCtxt(parser) }
            let schema = try #require(xmlSchemaParse(parser), "the GraphML schema did not compile")
            defer { xmlSchemaFree(schema) }
            let context = try #require(xmlSchemaNewValidCtxt(schema))
            defer { xmlSchemaFreeValidCtxt(context) }
            let collected = Collected()
            xmlSchemaSetValidStructuredErrors(
                context,
                { box, error in
                    guard let box, let error, let message = error.pointee.message else { return }
                    Unmanaged<Collected>.fromOpaque(box).takeUnretainedValue().messages.append(
                        "line \(error.pointee.line): \(String(cString: message))")
                }, Unmanaged.passUnretained(collected).toOpaque())
            let status = xmlSchemaValidateFile(context, path, 0)
            if status == 0 { return nil }
            return collected.messages.joined() + " (status \(status))"
        }
    }

    private final class Collected {
        var messages: [String] = []
    }
}

/// Reads a GraphML file with networkx in a python3 subprocess and returns what it saw.
enum NetworkX {
    struct Graph: Decodable {
        var nodes: Int
        var edges: Int
        var nodeData: [String: [String: JSONValue]]
        var edgeData: [[String: JSONValue]]
    }

    enum JSONValue: Decodable, Equatable {
        case string(String), number(Double)
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .string(try container.decode(String.self))
            }
        }
        var string: String? { if case .string(let value) = self { value } else { nil } }
        var number: Double? { if case .number(let value) = self { value } else { nil } }
    }

    static func read(_ path: String) throws -> Graph {
        let script = """
            import json, sys, networkx
            g = networkx.read_graphml(sys.argv[1])
            print(json.dumps({"nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
                "nodeData": {n: d for n, d in g.nodes(data=True)},
                "edgeData": [dict(d, source=u, target=v) for u, v, d in g.edges(data=True)]}))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, path]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let problem = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(
            process.terminationStatus == 0, "networkx failed: \(String(decoding: problem, as: UTF8.self))")
        return try JSONDecoder().decode(Graph.self, from: data)
    }
}
