/// One `<key>` declaration of a Memograph GraphML file: its id, what it is for, the attribute
/// name readers such as networkx, Gephi and yEd show, and its GraphML type.
struct GraphMLKey: Hashable, Sendable {
    enum Domain: String, Sendable { case graph, node, edge }
    enum ValueType: String, Sendable { case string, int, long, double, boolean }

    var id: String
    var domain: Domain
    var name: String
    var type: ValueType = .string

    static let format = GraphMLKey(id: "g_format", domain: .graph, name: "memograph.format")
    static let graphNamespace = GraphMLKey(id: "g_namespace", domain: .graph, name: "namespace")
    static let literalMode = GraphMLKey(id: "g_literals", domain: .graph, name: "memograph.literals")

    static let kind = GraphMLKey(id: "n_kind", domain: .node, name: "kind")
    static let type = GraphMLKey(id: "n_type", domain: .node, name: "type")
    static let name = GraphMLKey(id: "n_name", domain: .node, name: "name")
    static let nodeLabel = GraphMLKey(id: "n_label", domain: .node, name: "label")
    static let aliases = GraphMLKey(id: "n_aliases", domain: .node, name: "aliases")
    static let summary = GraphMLKey(id: "n_summary", domain: .node, name: "summary")
    static let namespace = GraphMLKey(id: "n_namespace", domain: .node, name: "namespace")
    static let createdAt = GraphMLKey(id: "n_created_at", domain: .node, name: "created_at")
    static let updatedAt = GraphMLKey(id: "n_updated_at", domain: .node, name: "updated_at")
    static let entityAttributes = GraphMLKey(id: "n_attributes", domain: .node, name: "attributes")
    static let literalValue = GraphMLKey(id: "n_value", domain: .node, name: "value")
    static let content = GraphMLKey(id: "p_content", domain: .node, name: "content")
    static let role = GraphMLKey(id: "p_role", domain: .node, name: "role")
    static let externalID = GraphMLKey(id: "p_external_id", domain: .node, name: "external_id")
    static let occurredAt = GraphMLKey(id: "p_occurred_at", domain: .node, name: "occurred_at")
    static let episodeRecordedAt = GraphMLKey(id: "p_recorded_at", domain: .node, name: "recorded_at")
    static let metadata = GraphMLKey(id: "p_metadata", domain: .node, name: "metadata")
    static let color = GraphMLKey(id: "n_color", domain: .node, name: "color")
    static let red = GraphMLKey(id: "n_r", domain: .node, name: "r", type: .int)
    static let green = GraphMLKey(id: "n_g", domain: .node, name: "g", type: .int)
    static let blue = GraphMLKey(id: "n_b", domain: .node, name: "b", type: .int)

    static let relation = GraphMLKey(id: "e_relation", domain: .edge, name: "relation")
    static let edgeLabel = GraphMLKey(id: "e_label", domain: .edge, name: "label")
    static let fact = GraphMLKey(id: "e_fact", domain: .edge, name: "fact")
    static let validFrom = GraphMLKey(id: "e_valid_from", domain: .edge, name: "valid_from")
    static let validTo = GraphMLKey(id: "e_valid_to", domain: .edge, name: "valid_to")
    static let recordedAt = GraphMLKey(id: "e_recorded_at", domain: .edge, name: "recorded_at")
    static let expiredAt = GraphMLKey(id: "e_expired_at", domain: .edge, name: "expired_at")
    static let expiresAt = GraphMLKey(id: "e_expires_at", domain: .edge, name: "expires_at")
    static let end = GraphMLKey(id: "e_end", domain: .edge, name: "end")
    static let supersededBy = GraphMLKey(id: "e_superseded_by", domain: .edge, name: "superseded_by")
    static let confidence = GraphMLKey(id: "e_confidence", domain: .edge, name: "confidence", type: .double)
    static let sources = GraphMLKey(id: "e_sources", domain: .edge, name: "sources")
    static let edgeValue = GraphMLKey(id: "e_value", domain: .edge, name: "value")
    static let edgeAttributes = GraphMLKey(id: "e_attributes", domain: .edge, name: "attributes")

    /// The keys every Memograph GraphML file declares, in declaration order.
    static let standard: [GraphMLKey] = [
        format, graphNamespace, literalMode,
        kind, type, name, nodeLabel, aliases, summary, namespace, createdAt, updatedAt, entityAttributes,
        literalValue, content, role, externalID, occurredAt, episodeRecordedAt, metadata,
        relation, edgeLabel, fact, validFrom, validTo, recordedAt, expiredAt, end, supersededBy, confidence,
        sources, edgeValue, edgeAttributes, expiresAt,
    ]

    /// The extra keys of a styled file (Gephi reads `r`, `g`, `b`; `color` is for everyone else).
    static let styling: [GraphMLKey] = [color, red, green, blue]

    /// The value of ``format`` in files Memograph writes.
    static let formatVersion = "memograph-graphml/1"
}
