import Foundation

/// A condition on what a search returns — the one filter language of the Swift API, the CLI's
/// `--filter JSON`, and the HTTP and MCP servers.
///
/// In JSON: `{"AND": [f, …]}`, `{"OR": [f, …]}`, `{"NOT": f}`, or field conditions
/// `{"relation": {"in": ["uses", "dependsOn"]}}` (`{"field": value}` is short for `eq`; several
/// fields in one object must all hold). A fact, entity or episode is returned only when the filter
/// can be evaluated on its kind and holds: `{"relation": …}` keeps facts only, `{"role": …}`
/// episodes only. Filters never change what graph expansion walks through, only what is returned.
public indirect enum SearchFilter: Hashable, Sendable {
    /// Every filter holds (`AND`).
    case all([SearchFilter])
    /// At least one filter holds (`OR`).
    case any([SearchFilter])
    /// The filter does not hold (`NOT`).
    case not(SearchFilter)
    /// One field compared with a value.
    case condition(FilterCondition)

    /// How deeply `AND`/`OR`/`NOT` may nest: deeper filters are refused rather than compiled into
    /// SQL that SQLite may reject (its expression depth limit is 1,000).
    public static let maximumDepth = 16

    /// Parses the JSON form.
    ///
    /// - Throws: ``MemographError/invalidFilter(path:reason:)`` naming where (`$.AND[1].valid_from.gte`)
    ///   an unknown field or operator, a value of the wrong type, or too deep a nesting is.
    public init(json: String) throws {
        let value: FilterJSON
        do {
            value = try JSONDecoder().decode(FilterJSON.self, from: Data(json.utf8))
        } catch {
            throw MemographError.invalidFilter(
                path: "$", reason: "not valid JSON (\(FilterJSON.describe(error)))")
        }
        self = try FilterParser().filter(value, path: "$", depth: 1)
    }
}

/// One comparison of a ``SearchFilter``: `field operator value`.
public struct FilterCondition: Hashable, Sendable {
    public var field: FilterField
    public var comparison: FilterOperator
    public var value: FilterValue

    /// A condition, checked as the JSON parser checks it.
    ///
    /// - Throws: ``MemographError/invalidFilter(path:reason:)`` when the operator does not apply to the
    ///   field or the value has the wrong type.
    public init(_ field: FilterField, _ comparison: FilterOperator, _ value: FilterValue) throws {
        try FilterParser.check(field, comparison, value, path: "$.\(field.name).\(comparison.rawValue)")
        self.field = field
        self.comparison = comparison
        self.value = value
    }

    init(checked field: FilterField, _ comparison: FilterOperator, _ value: FilterValue) {
        self.field = field
        self.comparison = comparison
        self.value = value
    }
}

/// The operators of the filter language.
public enum FilterOperator: String, Hashable, Sendable, CaseIterable {
    case eq, ne, `in`, nin, gt, gte, lt, lte, contains, icontains
}

/// A value compared in a ``FilterCondition``. Dates are ISO 8601 strings; `null` matches a field
/// that has no value (`{"valid_to": null}`: facts still open).
public enum FilterValue: Hashable, Sendable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case list([FilterValue])
}
