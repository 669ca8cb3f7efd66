/// The object end of a fact: another entity, or a literal value such as a port or a version.
///
/// Encoded as `{"entity": 42}` or `{"literal": "9090"}`.
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

extension EdgeObject {
    private enum CodingKeys: String, CodingKey { case entity, literal }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let id = try container.decodeIfPresent(EntityID.self, forKey: .entity) {
            self = .entity(id)
        } else {
            self = .literal(try container.decode(String.self, forKey: .literal))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .entity(let id): try container.encode(id, forKey: .entity)
        case .literal(let value): try container.encode(value, forKey: .literal)
        }
    }
}
