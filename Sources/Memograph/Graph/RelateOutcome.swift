/// What `relate` did with an assertion.
public enum RelateOutcome: Hashable, Sendable {
    /// A new edge was stored and is current.
    case inserted(EdgeID)
    /// The same fact was already known: the source was added to its provenance.
    case duplicate(EdgeID)
    /// A new edge was stored and closed the listed edges of a single-valued relation.
    case superseded(EdgeID, closed: [EdgeID])
    /// The fact arrived late (a newer value already held): it was stored already closed.
    case storedClosed(EdgeID, supersededBy: EdgeID)

    /// The edge that now carries the asserted fact.
    public var edgeID: EdgeID {
        switch self {
        case .inserted(let id), .duplicate(let id), .superseded(let id, _), .storedClosed(let id, _): id
        }
    }
}
