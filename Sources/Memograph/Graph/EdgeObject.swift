/// The object end of a fact: another entity, or a literal value such as a port or a version.
public enum EdgeObject: Hashable, Sendable, Codable {
    case entity(EntityID)
    case literal(String)

    /// The entity at the object end, or nil for a literal.
    public var entityID: EntityID? {
        if case .entity(let id) = self { return id }
        return nil
    }

    /// The literal value, or nil when the object is an entity.
    public var literal: String? {
        if case .literal(let value) = self { return value }
        return nil
    }
}
