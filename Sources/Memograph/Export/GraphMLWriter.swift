import Foundation
import GRDB

/// Streams the selection of one namespace as GraphML inside one read transaction: entities and
/// edges are read with cursors and written as they come, so memory stays flat however large
/// the graph is.
struct GraphMLWriter {
    let db: Database
    let plan: ExportPlan
    let options: GraphMLOptions
    let xml: XMLStreamWriter
    let progress: ((Int) -> Void)?

    private static let yEdNamespace = "http://www.yworks.com/xml/graphml"
    private static let graphicsKey = "n_graphics"

    func write() throws -> ExportSummary {
        var summary = ExportSummary()
        let literalKeys = options.literalNodes ? [:] : try literalAttributeKeys()
        try xml.startDocument()
        try xml.start("graphml")
        try xml.attribute("xmlns", "http://graphml.graphdrawing.org/xmlns")
        try xml.attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
        if options.styled { try xml.attribute("xmlns:y", Self.yEdNamespace) }
        try xml.attribute(
            "xsi:schemaLocation",
            "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd")
        try writeKeys(
            literalKeys.values.sorted {
                $0.id.count == $1.id.count ? $0.id < $1.id : $0.id.count < $1.id.count
            })

        try xml.start("graph")
        try xml.attribute("id", "G")
        try xml.attribute("edgedefault", "directed")
        try data(.format, GraphMLKey.formatVersion)
        try data(.graphNamespace, plan.namespace)
        try data(.literalMode, options.literalNodes ? "nodes" : "attributes")
        summary.entities = try writeEntities(literalKeys: literalKeys)
        summary.edges = try writeEdges()
        try xml.end()
        if options.episodes {
            try xml.start("graph")
            try xml.attribute("id", "episodes")
            try xml.attribute("edgedefault", "directed")
            summary.episodes = try writeEpisodes()
            try xml.end()
        }
        try xml.end()
        try xml.endDocument()
        return summary
    }

    private func writeKeys(_ literalKeys: [GraphMLKey]) throws {
        for key in GraphMLKey.standard + literalKeys + (options.styled ? GraphMLKey.styling : []) {
            try xml.start("key")
            try xml.attribute("id", key.id)
            try xml.attribute("for", key.domain.rawValue)
            try xml.attribute("attr.name", key.name)
            try xml.attribute("attr.type", key.type.rawValue)
            try xml.end()
        }
        if options.styled {
            try xml.start("key")
            try xml.attribute("id", Self.graphicsKey)
            try xml.attribute("for", "node")
            try xml.attribute("yfiles.type", "nodegraphics")
            try xml.end()
        }
    }

    /// One key per relation that has literal values in the selection, named after the relation
    /// (prefixed `fact:` when that name is taken by a standard node attribute).
    private func literalAttributeKeys() throws -> [String: GraphMLKey] {
        let edges = plan.edgeCondition("e")
        let relations = try String.fetchAll(
            db,
            sql:
                "SELECT DISTINCT e.relation FROM edges e WHERE e.object_id IS NULL AND \(edges.sql) ORDER BY 1",
            arguments: edges.arguments)
        let taken = Set(
            GraphMLKey.standard.filter { $0.domain == .node }.map(\.name) + ["r", "g", "b", "color"])
        var keys: [String: GraphMLKey] = [:]
        for (index, relation) in relations.enumerated() {
            let name = taken.contains(relation) ? "fact:" + relation : relation
            keys[relation] = GraphMLKey(id: "l\(index)", domain: .node, name: name)
        }
        return keys
    }

    private func writeEntities(literalKeys: [String: GraphMLKey]) throws -> Int {
        let entities = plan.entityCondition("n")
        var literalColumn = "NULL"
        var arguments = StatementArguments()
        if !literalKeys.isEmpty {
            let edges = plan.edgeCondition("e")
            literalColumn = """
                (SELECT json_group_array(json_array(x.relation, x.object_value)) FROM (
                    SELECT e.relation, e.object_value FROM edges e
                    WHERE e.subject_id = n.id AND e.object_id IS NULL AND \(edges.sql)
                    ORDER BY e.relation, e.valid_from, e.id) x)
                """
            arguments += edges.arguments
        }
        arguments += entities.arguments
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT n.id, n.type, n.name, n.summary, nullif(n.attributes, '{}'), n.created_at, n.updated_at,
                    (SELECT json_group_array(a.alias) FROM (
                        SELECT alias FROM aliases WHERE entity_id = n.id ORDER BY alias) a),
                    \(literalColumn)
                FROM entities n WHERE \(entities.sql) ORDER BY n.id
                """, arguments: arguments)
        var count = 0
        var row = XMLFragment()
        while let entity = try rows.next() {
            let type: String = entity[1]
            let name: String = entity[2]
            row.reset()
            row.open("node")
            row.attribute("id", prefix: UInt8(ascii: "n"), id: entity[0])
            row.endStartTag()
            row.data(.kind, "entity")
            row.data(.type, type)
            row.data(.name, name)
            row.data(.nodeLabel, "\(type):\(name)")
            let aliases: String = entity[7]
            if aliases != "[]" { row.data(.aliases, aliases) }
            if let summary = entity[3] as String? { row.data(.summary, summary) }
            row.data(.namespace, plan.namespace)
            row.data(.createdAt, micros: entity[5])
            row.data(.updatedAt, micros: entity[6])
            if let attributes = entity[4] as String? { row.data(.entityAttributes, attributes) }
            if let literals = entity[8] as String? {
                writeLiteralAttributes(literals, keys: literalKeys, into: &row)
            }
            if options.styled {
                writeStyle(TypePalette.colour(for: type), label: "\(type):\(name)", into: &row)
            }
            row.close("node")
            try xml.raw(row.bytes)
            count += 1
        }
        return count
    }

    private func writeLiteralAttributes(
        _ json: String, keys: [String: GraphMLKey], into row: inout XMLFragment
    ) {
        let pairs = (try? JSONDecoder().decode([[String]].self, from: Data(json.utf8))) ?? []
        var index = pairs.startIndex
        while index < pairs.endIndex {
            let relation = pairs[index][0]
            var values: [String] = []
            while index < pairs.endIndex, pairs[index][0] == relation {
                values.append(pairs[index][1])
                index += 1
            }
            if let key = keys[relation] { row.data(key, values.joined(separator: "; ")) }
        }
    }

    private func writeStyle(_ colour: (UInt8, UInt8, UInt8), label: String, into row: inout XMLFragment) {
        let hex = TypePalette.hex(colour)
        row.data(.color, hex)
        row.data(.red, String(colour.0))
        row.data(.green, String(colour.1))
        row.data(.blue, String(colour.2))
        row.markup(
            "   <data key=\"\(Self.graphicsKey)\"><y:ShapeNode><y:Fill color=\"\(hex)\" transparent=\"false\"/>"
        )
        row.markup("<y:NodeLabel>")
        row.escape(label, inAttribute: false)
        row.markup("</y:NodeLabel><y:Shape type=\"roundrectangle\"/></y:ShapeNode></data>\n")
    }

    private func writeEdges() throws -> Int {
        let edges = plan.edgeCondition("e")
        let successors = plan.edgeCondition("s")
        let literalClause = options.literalNodes ? "" : " AND e.object_id IS NOT NULL"
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT e.id, e.subject_id, e.relation, e.object_id, e.object_value, e.fact, e.valid_from,
                    e.valid_to, e.recorded_at, e.expired_at, e.end_kind,
                    CASE WHEN EXISTS (SELECT 1 FROM edges s WHERE s.id = e.superseded_by AND \(successors.sql))
                        THEN e.superseded_by END,
                    e.confidence, nullif(e.attributes, '{}'),
                    (SELECT group_concat('p' || x.episode_id, ' ') FROM (
                        SELECT episode_id FROM edge_sources WHERE edge_id = e.id
                        ORDER BY recorded_at, episode_id) x),
                    e.expires_at
                FROM edges e WHERE \(edges.sql)\(literalClause) ORDER BY e.id
                """, arguments: successors.arguments + edges.arguments)
        var count = 0
        var row = XMLFragment()
        while let edge = try rows.next() {
            let id: Int64 = edge[0]
            let relation: String = edge[2]
            row.reset()
            let object = edge[3] as Int64?
            if object == nil { writeLiteralNode(id: id, value: edge[4], into: &row) }
            row.open("edge")
            row.attribute("id", prefix: UInt8(ascii: "e"), id: id)
            row.attribute("source", prefix: UInt8(ascii: "n"), id: edge[1])
            if let object {
                row.attribute("target", prefix: UInt8(ascii: "n"), id: object)
            } else {
                row.attribute("target", prefix: UInt8(ascii: "v"), id: id)
            }
            row.endStartTag()
            row.data(.relation, relation)
            row.data(.edgeLabel, relation)
            if let value = edge[4] as String? { row.data(.edgeValue, value) }
            if let fact = edge[5] as String? { row.data(.fact, fact) }
            row.data(.validFrom, micros: edge[6])
            if let validTo = edge[7] as Int64? { row.data(.validTo, micros: validTo) }
            row.data(.recordedAt, micros: edge[8])
            if let expiredAt = edge[9] as Int64? { row.data(.expiredAt, micros: expiredAt) }
            if let end = edge[10] as String? { row.data(.end, end) }
            if let successor = edge[11] as Int64? {
                row.data(.supersededBy, prefix: UInt8(ascii: "e"), id: successor)
            }
            row.data(.confidence, String(edge[12] as Double))
            if let attributes = edge[13] as String? { row.data(.edgeAttributes, attributes) }
            if let sources = edge[14] as String? { row.data(.sources, sources) }
            if let expiresAt = edge[15] as Int64? { row.data(.expiresAt, micros: expiresAt) }
            row.close("edge")
            try xml.raw(row.bytes)
            count += 1
            if count % 10_000 == 0 { progress?(count) }
        }
        progress?(count)
        return count
    }

    private func writeLiteralNode(id: Int64, value: String, into row: inout XMLFragment) {
        row.open("node")
        row.attribute("id", prefix: UInt8(ascii: "v"), id: id)
        row.endStartTag()
        row.data(.kind, "literal")
        row.data(.nodeLabel, value)
        row.data(.literalValue, value)
        if options.styled { writeStyle(TypePalette.literal, label: value, into: &row) }
        row.close("node")
    }

    /// The episodes the exported edges cite; for the whole history of the namespace, every episode.
    private func writeEpisodes() throws -> Int {
        let selection = plan.selection
        let everything =
            selection.history && selection.around == nil && selection.types.isEmpty
            && selection.relations.isEmpty
        var sql = "SELECT \(RowDecoding.episodeColumns) FROM episodes p WHERE p.namespace = ?"
        var arguments: StatementArguments = [plan.namespace]
        if !everything {
            let edges = plan.edgeCondition("e")
            let literalClause = options.literalNodes ? "" : " AND e.object_id IS NOT NULL"
            sql += """
                 AND EXISTS (SELECT 1 FROM edge_sources s JOIN edges e ON e.id = s.edge_id
                    WHERE s.episode_id = p.id AND \(edges.sql)\(literalClause))
                """
            arguments += edges.arguments
        }
        let rows = try Row.fetchCursor(db, sql: sql + " ORDER BY p.id", arguments: arguments)
        var count = 0
        var row = XMLFragment()
        while let episodeRow = try rows.next() {
            let episode = RowDecoding.episode(episodeRow)
            row.reset()
            row.open("node")
            row.attribute("id", prefix: UInt8(ascii: "p"), id: episode.id.rawValue)
            row.endStartTag()
            row.data(.kind, "episode")
            row.data(.content, episode.content)
            if let role = episode.role { row.data(.role, role) }
            if let externalID = episode.externalID { row.data(.externalID, externalID) }
            row.data(.occurredAt, micros: episodeRow[5])
            row.data(.episodeRecordedAt, micros: episodeRow[6])
            if !episode.metadata.isEmpty { row.data(.metadata, AttributeCoding.encode(episode.metadata)) }
            row.close("node")
            try xml.raw(row.bytes)
            count += 1
        }
        return count
    }

    private func data(_ key: GraphMLKey, _ value: String) throws {
        try xml.element("data", attribute: ("key", key.id), text: value)
    }
}
