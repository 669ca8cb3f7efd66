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
        while let row = try rows.next() {
            let type: String = row[1]
            let name: String = row[2]
            try xml.start("node")
            try xml.attribute("id", "n\(row[0] as Int64)")
            try data(.kind, "entity")
            try data(.type, type)
            try data(.name, name)
            try data(.nodeLabel, "\(type):\(name)")
            let aliases: String = row[7]
            if aliases != "[]" { try data(.aliases, aliases) }
            if let summary = row[3] as String? { try data(.summary, summary) }
            try data(.namespace, plan.namespace)
            try data(.createdAt, ExchangeTime.format(micros: row[5]))
            try data(.updatedAt, ExchangeTime.format(micros: row[6]))
            if let attributes = row[4] as String? { try data(.entityAttributes, attributes) }
            if let literals = row[8] as String? { try writeLiteralAttributes(literals, keys: literalKeys) }
            if options.styled { try writeStyle(TypePalette.colour(for: type), label: "\(type):\(name)") }
            try xml.end()
            count += 1
        }
        return count
    }

    private func writeLiteralAttributes(_ json: String, keys: [String: GraphMLKey]) throws {
        let pairs = (try? JSONDecoder().decode([[String]].self, from: Data(json.utf8))) ?? []
        var index = pairs.startIndex
        while index < pairs.endIndex {
            let relation = pairs[index][0]
            var values: [String] = []
            while index < pairs.endIndex, pairs[index][0] == relation {
                values.append(pairs[index][1])
                index += 1
            }
            if let key = keys[relation] { try data(key, values.joined(separator: "; ")) }
        }
    }

    private func writeStyle(_ colour: (UInt8, UInt8, UInt8), label: String) throws {
        try data(.color, TypePalette.hex(colour))
        try data(.red, String(colour.0))
        try data(.green, String(colour.1))
        try data(.blue, String(colour.2))
        try xml.start("data")
        try xml.attribute("key", Self.graphicsKey)
        try xml.start("y:ShapeNode")
        try xml.start("y:Fill")
        try xml.attribute("color", TypePalette.hex(colour))
        try xml.attribute("transparent", "false")
        try xml.end()
        try xml.start("y:NodeLabel")
        try xml.text(label)
        try xml.end()
        try xml.start("y:Shape")
        try xml.attribute("type", "roundrectangle")
        try xml.end()
        try xml.end()
        try xml.end()
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
                        ORDER BY recorded_at, episode_id) x)
                FROM edges e WHERE \(edges.sql)\(literalClause) ORDER BY e.id
                """, arguments: successors.arguments + edges.arguments)
        var count = 0
        while let row = try rows.next() {
            let id: Int64 = row[0]
            let relation: String = row[2]
            let target: String
            if let object = row[3] as Int64? {
                target = "n\(object)"
            } else {
                target = "v\(id)"
                try writeLiteralNode(id: target, value: row[4])
            }
            try xml.start("edge")
            try xml.attribute("id", "e\(id)")
            try xml.attribute("source", "n\(row[1] as Int64)")
            try xml.attribute("target", target)
            try data(.relation, relation)
            try data(.edgeLabel, relation)
            if let value = row[4] as String? { try data(.edgeValue, value) }
            if let fact = row[5] as String? { try data(.fact, fact) }
            try data(.validFrom, ExchangeTime.format(micros: row[6]))
            if let validTo = row[7] as Int64? { try data(.validTo, ExchangeTime.format(micros: validTo)) }
            try data(.recordedAt, ExchangeTime.format(micros: row[8]))
            if let expiredAt = row[9] as Int64? {
                try data(.expiredAt, ExchangeTime.format(micros: expiredAt))
            }
            if let end = row[10] as String? { try data(.end, end) }
            if let successor = row[11] as Int64? { try data(.supersededBy, "e\(successor)") }
            try data(.confidence, String(row[12] as Double))
            if let attributes = row[13] as String? { try data(.edgeAttributes, attributes) }
            if let sources = row[14] as String? { try data(.sources, sources) }
            try xml.end()
            count += 1
            if count % 10_000 == 0 { progress?(count) }
        }
        progress?(count)
        return count
    }

    private func writeLiteralNode(id: String, value: String) throws {
        try xml.start("node")
        try xml.attribute("id", id)
        try data(.kind, "literal")
        try data(.nodeLabel, value)
        try data(.literalValue, value)
        if options.styled { try writeStyle(TypePalette.literal, label: value) }
        try xml.end()
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
        while let row = try rows.next() {
            let episode = RowDecoding.episode(row)
            try xml.start("node")
            try xml.attribute("id", "p\(episode.id.rawValue)")
            try data(.kind, "episode")
            try data(.content, episode.content)
            if let role = episode.role { try data(.role, role) }
            if let externalID = episode.externalID { try data(.externalID, externalID) }
            try data(.occurredAt, ExchangeTime.format(micros: row[5]))
            try data(.episodeRecordedAt, ExchangeTime.format(micros: row[6]))
            if !episode.metadata.isEmpty { try data(.metadata, AttributeCoding.encode(episode.metadata)) }
            try xml.end()
            count += 1
        }
        return count
    }

    private func data(_ key: GraphMLKey, _ value: String) throws {
        try xml.element("data", attribute: ("key", key.id), text: value)
    }
}
