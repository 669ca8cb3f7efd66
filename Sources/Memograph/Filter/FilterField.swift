/// The fields a ``SearchFilter`` can compare, and the kind of value each holds.
public enum FilterField: Hashable, Sendable {
    /// An entity's type; for facts, the subject's. Matches subclasses too when an ontology is loaded.
    case entityType
    /// A fact's subject's type (subclasses included, as for ``entityType``).
    case subjectType
    /// A fact's object's type; facts with a literal object have none.
    case objectType
    /// A fact's subject's name.
    case subject
    /// A fact's object: the entity's name or the literal value.
    case object
    /// An entity's name.
    case name
    /// A fact's relation (resolved through the ontology's labels and synonyms).
    case relation
    /// The namespace a row belongs to.
    case namespace
    /// A fact's sentence.
    case fact
    /// An entity's summary.
    case summary
    /// An episode's role (user, assistant, a speaker's name).
    case role
    /// An episode's text.
    case content
    /// An episode's id in the system it came from.
    case externalID
    case validFrom, validTo, recordedAt, expiredAt
    case createdAt, updatedAt
    case occurredAt
    /// A fact's confidence, 0…1.
    case confidence
    /// A key of a fact's or entity's attributes or an episode's metadata (`metadata.ticket`);
    /// dotted keys reach into nested objects.
    case metadata(String)

    /// The fields by their JSON names, apart from `metadata.KEY`.
    static let byName: [String: FilterField] = [
        "entity_type": .entityType, "type": .entityType, "subject_type": .subjectType,
        "object_type": .objectType, "subject": .subject, "object": .object, "name": .name,
        "relation": .relation, "namespace": .namespace, "fact": .fact, "summary": .summary, "role": .role,
        "content": .content, "external_id": .externalID, "valid_from": .validFrom, "valid_to": .validTo,
        "recorded_at": .recordedAt, "expired_at": .expiredAt, "created_at": .createdAt,
        "updated_at": .updatedAt, "occurred_at": .occurredAt, "confidence": .confidence,
    ]

    /// The JSON name.
    public var name: String {
        if case .metadata(let key) = self { return "metadata.\(key)" }
        return Self.byName.first { $0.value == self && $0.key != "type" }?.key ?? ""
    }

    enum ValueKind {
        case text, time, number, any
    }

    var valueKind: ValueKind {
        switch self {
        case .validFrom, .validTo, .recordedAt, .expiredAt, .createdAt, .updatedAt, .occurredAt: .time
        case .confidence: .number
        case .metadata: .any
        default: .text
        }
    }
}
