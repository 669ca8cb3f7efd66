/// Which relations hold one value at a time per subject (a new value closes the old one).
///
/// A stop-gap until the ontology decides: a relation is single-valued when it is in
/// `singleValued` or the caller says so on `relate`.
public struct RelationRules: Hashable, Sendable {
    public var singleValued: Set<String>

    public init(singleValued: Set<String>) {
        self.singleValued = singleValued
    }

    /// A service listens on one port, a component has one version, a person one manager.
    public static let builtIn = RelationRules(singleValued: ["listensOnPort", "hasVersion", "reportsTo"])

    /// Whether `relation` is single-valued under these rules.
    public func isSingleValued(_ relation: String) -> Bool { singleValued.contains(relation) }
}
