/// How a caller names an entity: by id, or by name with an optional type.
///
/// A name matches an entity's name or one of its aliases, case- and space-insensitively.
/// Without a type, a name that matches entities of several types is ambiguous.
public enum EntityReference: Hashable, Sendable, ExpressibleByStringLiteral, CustomStringConvertible {
    case id(EntityID)
    case name(String, type: String?)

    /// Reads the CLI form: `Type:name` when the part before the first colon looks like a type
    /// (a capitalised identifier, e.g. `Service:api`), otherwise a bare name (`acme/api`, `Ada`).
    public init(parsing text: String) {
        if let colon = text.firstIndex(of: ":") {
            let type = String(text[..<colon])
            let name = String(text[text.index(after: colon)...])
            if EntityReference.looksLikeType(type), !name.isEmpty {
                self = .name(name, type: type)
                return
            }
        }
        self = .name(text, type: nil)
    }

    public init(stringLiteral value: String) { self.init(parsing: value) }

    public var description: String {
        switch self {
        case .id(let id): "#\(id.rawValue)"
        case .name(let name, let type?): "\(type):\(name)"
        case .name(let name, nil): name
        }
    }

    /// A type is an identifier that starts with an upper-case letter: `Person`, `Service`, `CI_Job`.
    public static func looksLikeType(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isUppercase else { return false }
        return text.unicodeScalars.allSatisfy {
            $0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)
        }
    }
}
