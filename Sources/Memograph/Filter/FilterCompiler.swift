import Foundation

/// Compiles a ``SearchFilter`` into a SQL condition for one kind of result, every value a bound
/// parameter: facts (`edges e`, subject `entities s`, object `entities o`), entities
/// (`entities n`) or episodes (`episodes p`).
struct FilterCompiler {
    enum Target {
        case facts, entities, episodes
    }

    let target: Target
    let ontology: Ontology?

    /// The condition, or nil when the filter compares a field this kind does not have (the kind
    /// then returns nothing).
    func compile(_ filter: SearchFilter) -> (sql: String, parameters: [SQLParameter])? {
        var parameters: [SQLParameter] = []
        guard let sql = expression(filter, &parameters) else { return nil }
        return (sql, parameters)
    }

    private func column(for field: FilterField) -> String? {
        switch (target, field) {
        case (.facts, .entityType), (.facts, .subjectType): "s.type"
        case (.facts, .objectType): "o.type"
        case (.facts, .subject): "s.name"
        case (.facts, .object): "coalesce(o.name, e.object_value)"
        case (.facts, .relation): "e.relation"
        case (.facts, .namespace): "e.namespace"
        case (.facts, .fact): "e.fact"
        case (.facts, .validFrom): "e.valid_from"
        case (.facts, .validTo): "e.valid_to"
        case (.facts, .recordedAt): "e.recorded_at"
        case (.facts, .expiredAt): "e.expired_at"
        case (.facts, .confidence): "e.confidence"
        case (.facts, .metadata): "e.attributes"
        case (.entities, .entityType): "n.type"
        case (.entities, .name): "n.name"
        case (.entities, .summary): "n.summary"
        case (.entities, .namespace): "n.namespace"
        case (.entities, .createdAt): "n.created_at"
        case (.entities, .updatedAt): "n.updated_at"
        case (.entities, .metadata): "n.attributes"
        case (.episodes, .role): "p.role"
        case (.episodes, .content): "p.content"
        case (.episodes, .externalID): "p.external_id"
        case (.episodes, .namespace): "p.namespace"
        case (.episodes, .occurredAt): "p.occurred_at"
        case (.episodes, .recordedAt): "p.recorded_at"
        case (.episodes, .metadata): "p.metadata"
        default: nil
        }
    }

    private func expression(_ filter: SearchFilter, _ parameters: inout [SQLParameter]) -> String? {
        switch filter {
        case .all(let filters): joined(filters, " AND ", &parameters)
        case .any(let filters): joined(filters, " OR ", &parameters)
        case .not(let filter): expression(filter, &parameters).map { "NOT coalesce(\($0), 0)" }
        case .condition(let condition): self.condition(condition, &parameters)
        }
    }

    private func joined(_ filters: [SearchFilter], _ separator: String, _ parameters: inout [SQLParameter])
        -> String?
    {
        var parts: [String] = []
        for filter in filters {
            guard let part = expression(filter, &parameters) else { return nil }
            parts.append(part)
        }
        return "(" + parts.joined(separator: separator) + ")"
    }

    private func condition(_ condition: FilterCondition, _ parameters: inout [SQLParameter]) -> String? {
        guard let stored = column(for: condition.field) else { return nil }
        func operand() -> String {
            guard case .metadata(let key) = condition.field else { return stored }
            parameters.append(.text(Self.jsonPath(key)))
            return "json_extract(\(stored), ?)"
        }
        func placeholders(_ values: [SQLParameter]) -> String {
            parameters += values
            return Array(repeating: "?", count: values.count).joined(separator: ", ")
        }
        let value = condition.value
        switch condition.comparison {
        case .eq where value == .null: return "\(operand()) IS NULL"
        case .ne where value == .null: return "\(operand()) IS NOT NULL"
        case .eq, .in:
            return "\(operand()) IN (\(placeholders(bound(condition.field, value))))"
        case .ne, .nin:
            let first = operand()
            let second = operand()
            return "(\(first) IS NULL OR \(second) NOT IN (\(placeholders(bound(condition.field, value)))))"
        case .gt, .gte, .lt, .lte:
            let symbol = [FilterOperator.gt: ">", .gte: ">=", .lt: "<", .lte: "<="][condition.comparison]!
            return "\(operand()) \(symbol) \(placeholders(bound(condition.field, value)))"
        case .contains:
            return "instr(\(operand()), \(placeholders(bound(condition.field, value)))) > 0"
        case .icontains:
            return "instr(lower(\(operand())), lower(\(placeholders(bound(condition.field, value))))) > 0"
        }
    }

    /// The parameters a value binds to: dates as stored microseconds, type names widened to their
    /// subclasses, relation names resolved to the stored property.
    private func bound(_ field: FilterField, _ value: FilterValue) -> [SQLParameter] {
        switch value {
        case .list(let items): return items.flatMap { bound(field, $0) }
        case .null: return [.null]
        case .bool(let bool): return [.int(bool ? 1 : 0)]
        case .number(let number): return [.real(number)]
        case .string(let text):
            switch field.valueKind {
            // Checked when the filter was parsed.
            case .time: return [.int(StoreTime.encode((try? ISO8601.parse(text, field: "")) ?? .distantPast))]
            default: break
            }
            switch field {
            case .entityType, .subjectType, .objectType:
                guard let ontology, let found = ontology.resolveClass(text) else { return [.text(text)] }
                return ([found] + ontology.subclasses(of: found.name)).map { .text($0.name) }
            case .relation:
                return [.text(ontology?.resolveProperty(text)?.name ?? text)]
            default:
                return [.text(text)]
            }
        }
    }

    /// `$."a"."b"` for the key `a.b`.
    static func jsonPath(_ key: String) -> String {
        "$" + key.split(separator: ".").map { ".\"\($0)\"" }.joined()
    }
}
