/// The XML Schema datatypes a datatype property may have as its range.
public enum XSDDatatype: String, CaseIterable, Hashable, Sendable, Codable {
    case string, integer, decimal, boolean, dateTime, anyURI

    /// The datatype's full IRI, e.g. `http://www.w3.org/2001/XMLSchema#integer`.
    public var iri: String { OntologyVocabulary.xsd + rawValue }

    /// The datatype named by `iri`, or nil when Memograph does not support it.
    public init?(iri: String) {
        guard iri.hasPrefix(OntologyVocabulary.xsd) else { return nil }
        self.init(rawValue: String(iri.dropFirst(OntologyVocabulary.xsd.count)))
    }

    /// Whether `lexical` is a valid literal of this datatype (surrounding whitespace ignored
    /// except for strings), so that values can be checked before they are stored.
    public func accepts(_ lexical: String) -> Bool {
        let text = lexical.trimmingWhitespace()
        switch self {
        case .string, .anyURI:
            return true
        case .integer:
            return Self.isInteger(
                text.hasPrefix("+") || text.hasPrefix("-") ? text.dropFirst() : Substring(text))
        case .decimal:
            let unsigned = text.hasPrefix("+") || text.hasPrefix("-") ? text.dropFirst() : Substring(text)
            let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }) else { return false }
            return parts.contains { !$0.isEmpty }
        case .boolean:
            return ["true", "false", "1", "0"].contains(text)
        case .dateTime:
            return Self.isDateTime(text)
        }
    }

    private static func isInteger(_ digits: Substring) -> Bool {
        !digits.isEmpty && digits.allSatisfy(\.isASCIIDigit)
    }

    /// `YYYY-MM-DDThh:mm:ss[.fff][Z|±hh:mm]`, the xsd:dateTime lexical form.
    private static func isDateTime(_ text: String) -> Bool {
        let pattern = /-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?/
        return text.wholeMatch(of: pattern) != nil
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
