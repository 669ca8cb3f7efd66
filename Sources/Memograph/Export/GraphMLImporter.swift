import Foundation

/// Reads a GraphML file with the streaming ``XMLStreamReader`` and writes what it describes
/// through a ``RowImporter`` into one namespace: entity nodes, literal nodes, episode nodes
/// (from any `<graph>` of the file) and edges with their time fields, ends, successor links and
/// provenance. Files from other tools work too: `label` stands in for a missing name, `Thing`
/// for a missing type, and attributes Memograph does not know become entity or edge attributes.
struct GraphMLImporter {
    let path: String
    let namespace: String
    let now: Date
    let rows: RowImporter
    let progress: ((Int) -> Void)?

    private struct Key {
        var domain: String
        var name: String
        var defaultValue: String?
    }

    private enum NodeTarget {
        case entity(EntityID)
        case literal(String)
        case episode(EpisodeID)
    }

    /// An element being read: its data so far, by attribute name.
    private struct Element {
        var kind: String
        var line: Int
        var id: String?
        var source: String?
        var target: String?
        var data: [String: String] = [:]
    }

    private struct PendingSources {
        var edge: EdgeID
        var episodes: [String]
        var recordedAt: Date
        var line: Int
    }

    /// Names of node attributes Memograph writes itself (everything else is an entity attribute,
    /// or, in a file written with literal values as attributes, a literal fact).
    private static let nodeNames = Set(
        GraphMLKey.standard.filter { $0.domain == .node }.map(\.name) + GraphMLKey.styling.map(\.name))
    private static let edgeNames = Set(GraphMLKey.standard.filter { $0.domain == .edge }.map(\.name))

    func run() throws -> ImportSummary {
        var state = State(importer: self)
        let xml = try XMLStreamReader(path: path)
        var element: Element?
        var dataKey: (id: String, depth: Int, line: Int)?
        var dataText = ""
        var keyDefault: (id: String, depth: Int)?
        var graphDepth = 0
        while try xml.read() {
            switch xml.kind {
            case .text:
                if dataKey != nil || keyDefault != nil { dataText += xml.value }
            case .endElement:
                try state.close(
                    xml.name, xml: xml, element: &element, dataKey: &dataKey, dataText: &dataText,
                    keyDefault: &keyDefault, graphDepth: &graphDepth)
            case .startElement:
                if dataKey != nil { break }
                let name = xml.name
                let line = xml.line
                func fail(_ reason: String) -> ImportError {
                    ImportError(file: path, line: line, field: "<\(name)>", reason: reason)
                }
                switch name {
                case "graphml":
                    if let uri = xml.namespaceURI, uri != "http://graphml.graphdrawing.org/xmlns" {
                        throw fail("namespace '\(uri)' is not GraphML's")
                    }
                case "key":
                    guard let id = xml.attribute("id") else { throw fail("has no id") }
                    guard state.keys[id] == nil else { throw fail("key '\(id)' is declared twice") }
                    state.keys[id] = Key(
                        domain: xml.attribute("for") ?? "all", name: xml.attribute("attr.name") ?? id)
                    if !xml.isEmptyElement { keyDefault = (id, -1) }
                case "default":
                    if let current = keyDefault {
                        keyDefault = (current.id, xml.depth)
                        dataText = ""
                        if xml.isEmptyElement { state.keys[current.id]?.defaultValue = "" }
                    }
                case "graph":
                    guard element == nil else { throw fail("nested graphs are not supported") }
                    graphDepth += 1
                    if xml.isEmptyElement { graphDepth -= 1 }
                case "node", "edge":
                    guard graphDepth > 0, element == nil else {
                        throw fail("must be directly inside a <graph>")
                    }
                    let current = Element(
                        kind: name, line: line, id: xml.attribute("id"), source: xml.attribute("source"),
                        target: xml.attribute("target"))
                    if xml.isEmptyElement {
                        try state.finish(current)
                    } else {
                        element = current
                    }
                case "data":
                    guard let key = xml.attribute("key") else { throw fail("has no key attribute") }
                    guard let declared = state.keys[key] else { throw fail("key '\(key)' is not declared") }
                    let domain = element?.kind ?? (graphDepth > 0 ? "graph" : "graphml")
                    guard declared.domain == domain || declared.domain == "all" else {
                        throw fail("key '\(key)' is declared for \(declared.domain), used on a \(domain)")
                    }
                    if element?.data[declared.name] != nil {
                        throw fail("key '\(key)' is given twice on one \(domain)")
                    }
                    if xml.isEmptyElement {
                        state.store("", key: key, into: &element)
                    } else {
                        dataKey = (key, xml.depth, line)
                        dataText = ""
                    }
                case "hyperedge", "port", "endpoint", "locator":
                    throw fail("<\(name)> is not supported: Memograph imports nodes and directed edges")
                case "desc":
                    break
                default:
                    if keyDefault == nil {
                        throw fail("unknown element")
                    }
                }
            case .other:
                break
            }
        }
        return try state.finishDocument()
    }

    /// What the import has seen so far.
    private struct State {
        let importer: GraphMLImporter
        var keys: [String: Key] = [:]
        var graphData: [String: String] = [:]
        var nodes: [String: NodeTarget] = [:]
        var edgeIDs: [String: EdgeID] = [:]
        var deferredEdges: [Element] = []
        var successors: [(edge: EdgeID, successor: String, line: Int)] = []
        var sources: [PendingSources] = []
        var summary = ImportSummary()

        init(importer: GraphMLImporter) { self.importer = importer }

        var isMemographFile: Bool { graphData["memograph.format"] != nil }
        var literalsAreAttributes: Bool { graphData["memograph.literals"] == "attributes" }

        mutating func close(
            _ name: String, xml: XMLStreamReader, element: inout Element?,
            dataKey: inout (id: String, depth: Int, line: Int)?,
            dataText: inout String, keyDefault: inout (id: String, depth: Int)?, graphDepth: inout Int
        ) throws {
            if let key = dataKey {
                if xml.depth == key.depth {
                    store(dataText, key: key.id, into: &element)
                    dataKey = nil
                }
                return
            }
            if let current = keyDefault {
                if name == "default", xml.depth == current.depth {
                    keys[current.id]?.defaultValue = dataText
                } else if name == "key" {
                    keyDefault = nil
                }
                return
            }
            switch name {
            case "graph": graphDepth -= 1
            case "node", "edge":
                if let current = element {
                    element = nil
                    try finish(current)
                }
            default: break
            }
        }

        mutating func store(_ value: String, key: String, into element: inout Element?) {
            guard let name = keys[key]?.name else { return }
            if element != nil {
                element?.data[name] = value
            } else {
                graphData[name] = value
            }
        }

        mutating func finish(_ element: Element) throws {
            var element = element
            for key in keys.values where key.domain == element.kind || key.domain == "all" {
                if let value = key.defaultValue, element.data[key.name] == nil {
                    element.data[key.name] = value
                }
            }
            if element.kind == "node" { try node(element) } else { try edge(element, final: false) }
        }

        private func fail(_ element: Element, _ field: String, _ reason: String) -> ImportError {
            ImportError(file: importer.path, line: element.line, field: field, reason: reason)
        }

        /// Runs a store write, naming the element's line in any error.
        private func write<T>(_ element: Element, _ body: () throws -> T) throws -> T {
            do { return try body() } catch let error as MemographError {
                if case .invalidArgument(let field, let reason) = error { throw fail(element, field, reason) }
                throw fail(element, element.kind, error.localizedDescription)
            } catch let error as ImportError {
                throw error
            } catch {
                throw fail(element, element.kind, JSONLImporter.describe(error))
            }
        }

        private func time(_ element: Element, _ field: String) throws -> Date? {
            guard let text = element.data[field] else { return nil }
            do { return StoreTime.decode(try ExchangeTime.parse(text, field: field)) } catch {
                throw fail(element, field, "'\(text)' is not an ISO 8601 date")
            }
        }

        private func map(_ element: Element, _ field: String) throws -> [String: String] {
            guard let text = element.data[field], !text.isEmpty else { return [:] }
            guard let map = try? JSONDecoder().decode([String: String].self, from: Data(text.utf8)) else {
                throw fail(element, field, "not a JSON object of strings")
            }
            return map
        }

        private mutating func node(_ element: Element) throws {
            guard let id = element.id else { throw fail(element, "id", "a node needs an id") }
            guard nodes[id] == nil else { throw fail(element, "id", "duplicate node id '\(id)'") }
            let data = element.data
            switch data["kind"] ?? "entity" {
            case "literal":
                guard let value = data["value"] ?? data["label"] else {
                    throw fail(element, "value", "a literal node needs a value")
                }
                nodes[id] = .literal(value)
            case "episode":
                guard let content = data["content"] else {
                    throw fail(element, "content", "an episode node needs content")
                }
                let occurredAt = try time(element, "occurred_at") ?? importer.now
                let episode = Episode(
                    id: EpisodeID(0), namespace: importer.namespace, content: content, role: data["role"],
                    externalID: data["external_id"], occurredAt: occurredAt,
                    recordedAt: try time(element, "recorded_at") ?? occurredAt,
                    metadata: try map(element, "metadata"))
                nodes[id] = .episode(try write(element) { try importer.rows.insert(episode) })
                summary.episodes += 1
            case "entity":
                var aliases: [String] = []
                if let text = data["aliases"], !text.isEmpty {
                    guard let list = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else {
                        throw fail(element, "aliases", "not a JSON array of strings")
                    }
                    aliases = list
                }
                var attributes = try map(element, "attributes")
                for (name, value) in data where !GraphMLImporter.nodeNames.contains(name) {
                    if literalsAreAttributes {
                        summary.literalAttributesSkipped += value.components(separatedBy: "; ").count
                    } else if !isMemographFile {
                        attributes[name] = value
                    }
                }
                let createdAt = try time(element, "created_at") ?? importer.now
                let entity = Entity(
                    id: EntityID(0), namespace: importer.namespace,
                    type: data["type"] ?? OntologyRules.topType,
                    name: data["name"] ?? data["label"] ?? id, summary: data["summary"], aliases: aliases,
                    attributes: attributes, createdAt: createdAt,
                    updatedAt: try time(element, "updated_at") ?? createdAt)
                nodes[id] = .entity(try write(element) { try importer.rows.insert(entity) })
                summary.entities += 1
            case let kind:
                throw fail(element, "kind", "'\(kind)' is not entity, literal or episode")
            }
        }

        private mutating func edge(_ element: Element, final: Bool) throws {
            guard let source = element.source else { throw fail(element, "source", "an edge needs a source") }
            guard let target = element.target else { throw fail(element, "target", "an edge needs a target") }
            guard let subjectNode = nodes[source], let objectNode = nodes[target] else {
                guard final else { return deferredEdges.append(element) }
                let missing = nodes[source] == nil ? source : target
                throw fail(
                    element, nodes[source] == nil ? "source" : "target", "no node '\(missing)' in the file")
            }
            guard case .entity(let subject) = subjectNode else {
                throw fail(element, "source", "'\(source)' is not an entity node")
            }
            let object: EdgeObject
            switch objectNode {
            case .entity(let id): object = .entity(id)
            case .literal(let value): object = .literal(value)
            case .episode: throw fail(element, "target", "'\(target)' is an episode node")
            }
            if let id = element.id, edgeIDs[id] != nil {
                throw fail(element, "id", "duplicate edge id '\(id)'")
            }
            let data = element.data
            var end: EdgeEnd?
            if let text = data["end"] {
                guard let parsed = EdgeEnd(rawValue: text) else {
                    throw fail(element, "end", "'\(text)' is not superseded, ended or withdrawn")
                }
                end = parsed
            }
            var confidence = 1.0
            if let text = data["confidence"] {
                guard let value = Double(text) else {
                    throw fail(element, "confidence", "'\(text)' is not a number")
                }
                confidence = value
            }
            var attributes = try map(element, "attributes")
            if !isMemographFile {
                for (name, value) in data where !GraphMLImporter.edgeNames.contains(name) {
                    attributes[name] = value
                }
            }
            let validFrom = try time(element, "valid_from") ?? importer.now
            let recordedAt = try time(element, "recorded_at") ?? importer.now
            let edge = Edge(
                id: EdgeID(0), namespace: importer.namespace, subject: subject,
                relation: data["relation"] ?? data["label"] ?? "relatedTo", object: object,
                fact: data["fact"],
                validFrom: validFrom, validTo: try time(element, "valid_to"), recordedAt: recordedAt,
                expiredAt: try time(element, "expired_at"), end: end, confidence: confidence,
                attributes: attributes, expiresAt: try time(element, "expires_at"))
            let id = try write(element) { try importer.rows.insert(edge) }
            if let xmlID = element.id { edgeIDs[xmlID] = id }
            if let successor = data["superseded_by"], !successor.isEmpty {
                successors.append((id, successor, element.line))
            }
            if let list = data["sources"] {
                let episodes = list.split(separator: " ").map(String.init)
                if !episodes.isEmpty {
                    sources.append(
                        PendingSources(
                            edge: id, episodes: episodes, recordedAt: recordedAt, line: element.line))
                }
            }
            summary.edges += 1
            if summary.edges % 10_000 == 0 { importer.progress?(summary.edges) }
        }

        mutating func finishDocument() throws -> ImportSummary {
            for element in deferredEdges { try edge(element, final: true) }
            for link in successors {
                guard let successor = edgeIDs[link.successor] else {
                    throw ImportError(
                        file: importer.path, line: link.line, field: "superseded_by",
                        reason: "no edge '\(link.successor)' in the file")
                }
                try importer.rows.link(link.edge, supersededBy: successor)
            }
            let hasEpisodes = summary.episodes > 0
            for pending in sources {
                for name in pending.episodes {
                    guard hasEpisodes else {
                        summary.sourcesWithoutEpisodes += 1
                        continue
                    }
                    guard case .episode(let episode) = nodes[name] else {
                        throw ImportError(
                            file: importer.path, line: pending.line, field: "sources",
                            reason: "no episode node '\(name)' in the file")
                    }
                    try importer.rows.addSource(episode, to: pending.edge, recordedAt: pending.recordedAt)
                    summary.sources += 1
                }
            }
            importer.progress?(summary.edges)
            return summary
        }
    }
}
