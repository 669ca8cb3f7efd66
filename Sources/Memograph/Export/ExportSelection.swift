import Foundation

/// Which part of a namespace an export writes: a time view (current, as of an instant, or every
/// edge version), optionally narrowed to the neighbourhood of an entity, to entity types and to
/// relations. Nodes and edges always agree: an edge is written only with both of its ends.
public struct ExportSelection: Hashable, Sendable {
    /// Event time of the view; nil is now. Ignored when ``history`` is set.
    public var asOf: Date?
    /// System time of the view; nil is now. Ignored when ``history`` is set.
    public var knownAt: Date?
    /// Every edge version ever recorded (superseded, ended and withdrawn ones included).
    public var history: Bool
    /// Only entities within ``depth`` hops of this entity (walking edges of the view).
    public var around: EntityReference?
    /// Hops from ``around`` (1–10).
    public var depth: Int
    /// Only entities of these types (empty: all).
    public var types: Set<String>
    /// Only edges of these relations, and only entities that take part in one (empty: all).
    public var relations: Set<String>

    public init(
        asOf: Date? = nil, knownAt: Date? = nil, history: Bool = false, around: EntityReference? = nil,
        depth: Int = 1, types: Set<String> = [], relations: Set<String> = []
    ) {
        self.asOf = asOf
        self.knownAt = knownAt
        self.history = history
        self.around = around
        self.depth = depth
        self.types = types
        self.relations = relations
    }

    /// The current view of the whole namespace.
    public static let current = ExportSelection()
}
