/// What the store does with a write its ontology forbids.
public enum Validation: Hashable, Sendable {
    /// Refuse it with a typed error; nothing is written.
    case strict
    /// Store it, with the violation recorded in the row's `ontologyViolation` attribute.
    case lenient
}
