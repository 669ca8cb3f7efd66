/// What the object of a property may be: entities of some classes, or a literal of one datatype.
public enum OntologyRange: Hashable, Sendable, Codable, CustomStringConvertible {
    /// An entity that is an instance of at least one of these class IRIs; an empty list
    /// (no range, or owl:Thing) allows any entity.
    case entity(classes: [String])
    /// A literal of this datatype.
    case literal(XSDDatatype)

    /// The classes an object must belong to (one of), empty for a literal range or any entity.
    public var classes: [String] {
        if case .entity(let classes) = self { return classes }
        return []
    }

    /// The datatype of a literal range, nil for an entity range.
    public var datatype: XSDDatatype? {
        if case .literal(let datatype) = self { return datatype }
        return nil
    }

    public var description: String {
        switch self {
        case .entity(let classes) where classes.isEmpty: return "any entity"
        case .entity(let classes): return classes.map(OntologyName.localName(of:)).joined(separator: " | ")
        case .literal(let datatype): return "xsd:" + datatype.rawValue
        }
    }
}
