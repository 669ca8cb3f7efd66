import Foundation

/// The instant a read looks at, on both time axes.
///
/// `asOf` is event time (what held in the world then); `knownAt` is system time (what the
/// store believed then). Both default to now, which is the *current* view: superseded and
/// withdrawn facts never appear in it.
public struct TimeSlice: Hashable, Sendable {
    public var asOf: Date?
    public var knownAt: Date?

    public init(asOf: Date? = nil, knownAt: Date? = nil) {
        self.asOf = asOf
        self.knownAt = knownAt
    }

    /// The current view.
    public static let current = TimeSlice()

    /// Whether `edge` is visible in this slice, evaluated at `now` for unset instants.
    ///
    /// Before the store learned that an edge closed, it believed it open-ended; from then on
    /// it believes the closed interval (unless the edge was withdrawn). A fact past its retention
    /// (``Edge/expiresAt``) is gone from the views known from then on.
    public func contains(_ edge: Edge, now: Date) -> Bool {
        let (event, system) = instants(now: now)
        return EdgeLifetime(edge).isVisible(event: event, system: system)
    }

    /// The event and system instants this slice looks at, in stored microseconds.
    func instants(now: Date) -> (event: Int64, system: Int64) {
        (StoreTime.encode(asOf ?? now), StoreTime.encode(knownAt ?? now))
    }
}
