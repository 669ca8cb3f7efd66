import Foundation

/// Reads the JSON form of a ``SearchFilter``, refusing — with the path of the offending part —
/// anything it does not understand instead of ignoring it.
struct FilterParser {
    func filter(_ json: FilterJSON, path: String, depth: Int) throws -> SearchFilter {
        guard depth <= SearchFilter.maximumDepth else {
            throw MemographError.invalidFilter(
                path: path, reason: "nested deeper than \(SearchFilter.maximumDepth) levels")
        }
        guard case .object(let members) = json else {
            throw MemographError.invalidFilter(
                path: path, reason: "expected an object, found \(json.typeName)")
        }
        guard !members.isEmpty else {
            throw MemographError.invalidFilter(
                path: path, reason: "an empty object filters nothing; leave it out")
        }
        let parts = try members.map { key, value in try member(key, value, path: path, depth: depth) }
        return parts.count == 1 ? parts[0] : .all(parts)
    }

    private func member(_ key: String, _ value: FilterJSON, path: String, depth: Int) throws -> SearchFilter {
        let here = "\(path).\(key)"
        switch key {
        case "AND", "OR":
            guard case .array(let items) = value, !items.isEmpty else {
                throw MemographError.invalidFilter(
                    path: here, reason: "expected a non-empty array of filters")
            }
            let filters = try items.enumerated().map { index, item in
                try filter(item, path: "\(here)[\(index)]", depth: depth + 1)
            }
            return key == "AND" ? .all(filters) : .any(filters)
        case "NOT":
            return .not(try filter(value, path: here, depth: depth + 1))
        default:
            let field = try Self.field(key, path: here)
            guard case .object(let comparisons) = value else {
                return .condition(try condition(field, .eq, value, path: here))
            }
            guard !comparisons.isEmpty else {
                throw MemographError.invalidFilter(path: here, reason: "expected at least one operator")
            }
            let conditions = try comparisons.map { name, operand in
                guard let comparison = FilterOperator(rawValue: name) else {
                    throw MemographError.invalidFilter(
                        path: "\(here).\(name)",
                        reason: "unknown operator; use one of "
                            + FilterOperator.allCases.map(\.rawValue).joined(separator: ", "))
                }
                return SearchFilter.condition(
                    try condition(field, comparison, operand, path: "\(here).\(name)"))
            }
            return conditions.count == 1 ? conditions[0] : .all(conditions)
        }
    }

    private func condition(
        _ field: FilterField, _ comparison: FilterOperator, _ json: FilterJSON, path: String
    )
        throws -> FilterCondition
    {
        let value = try Self.value(json, path: path)
        try Self.check(field, comparison, value, path: path)
        return FilterCondition(checked: field, comparison, value)
    }

    static func field(_ name: String, path: String) throws -> FilterField {
        if let field = FilterField.byName[name] { return field }
        if name.hasPrefix("metadata.") {
            let key = String(name.dropFirst("metadata.".count))
            let parts = key.split(separator: ".", omittingEmptySubsequences: false)
            guard !parts.contains(where: \.isEmpty),
                !key.contains(where: {
                    $0 == "\"" || $0 == "\\" || $0.isNewline || $0.asciiValue.map { $0 < 32 } == true
                })
            else {
                throw MemographError.invalidFilter(
                    path: path,
                    reason: "a metadata key is one or more dot-separated names without quotes or backslashes")
            }
            return .metadata(key)
        }
        throw MemographError.invalidFilter(
            path: path,
            reason: "unknown field; use one of " + FilterField.byName.keys.sorted().joined(separator: ", ")
                + ", or metadata.KEY")
    }

    private static func value(_ json: FilterJSON, path: String) throws -> FilterValue {
        switch json {
        case .string(let text): return .string(text)
        case .number(let number): return .number(number)
        case .bool(let bool): return .bool(bool)
        case .null: return .null
        case .array(let items):
            return .list(
                try items.enumerated().map { index, item in
                    if case .array = item {
                        throw MemographError.invalidFilter(
                            path: "\(path)[\(index)]", reason: "lists do not nest")
                    }
                    return try value(item, path: "\(path)[\(index)]")
                })
        case .object:
            throw MemographError.invalidFilter(path: path, reason: "expected a value, found an object")
        }
    }

    /// Whether `comparison` applies to `field` and `value` has the type both need.
    static func check(_ field: FilterField, _ comparison: FilterOperator, _ value: FilterValue, path: String)
        throws
    {
        func fail(_ reason: String) -> MemographError { .invalidFilter(path: path, reason: reason) }
        let kind = field.valueKind
        switch comparison {
        case .in, .nin:
            guard case .list(let items) = value, !items.isEmpty else {
                throw fail("\(comparison.rawValue) takes a non-empty list")
            }
            for (index, item) in items.enumerated() {
                try scalar(item, kind: kind, allowNull: false, path: "\(path)[\(index)]")
            }
        case .eq, .ne:
            try scalar(value, kind: kind, allowNull: true, path: path)
        case .gt, .gte, .lt, .lte:
            guard kind != .text else {
                throw fail("\(comparison.rawValue) compares times and numbers; \(field.name) is text")
            }
            try scalar(value, kind: kind, allowNull: false, path: path)
            if case .bool = value { throw fail("\(comparison.rawValue) does not compare booleans") }
        case .contains, .icontains:
            guard kind == .text || kind == .any else {
                throw fail(
                    "\(comparison.rawValue) searches text; \(field.name) is a \(kind == .time ? "time" : "number")"
                )
            }
            guard case .string(let text) = value, !text.isEmpty else {
                throw fail("\(comparison.rawValue) takes a non-empty string")
            }
        }
    }

    private static func scalar(
        _ value: FilterValue, kind: FilterField.ValueKind, allowNull: Bool, path: String
    )
        throws
    {
        func fail(_ reason: String) -> MemographError { .invalidFilter(path: path, reason: reason) }
        switch (value, kind) {
        case (.null, _):
            guard allowNull else { throw fail("null only compares with eq and ne") }
        case (.list, _):
            throw fail("a list only goes with in and nin")
        case (.string(let text), .time):
            do { _ = try ISO8601.parse(text, field: path) } catch {
                throw fail("\"\(text)\" is not an ISO 8601 date")
            }
        case (_, .time):
            throw fail("expected an ISO 8601 date string")
        case (.number(let number), .number):
            guard number.isFinite else { throw fail("expected a finite number") }
        case (_, .number):
            throw fail("expected a number")
        case (.string, .text):
            break
        case (_, .text):
            throw fail("expected a string")
        case (.string, .any), (.number, .any), (.bool, .any):
            break
        }
    }
}
