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
        let event = asOf ?? now
        let system = knownAt ?? now
        guard edge.recordedAt <= system, edge.validFrom <= event else { return false }
        if let expiry = edge.expiresAt, expiry <= system { return false }
        if let expired = edge.expiredAt, expired <= system {
            guard let end = edge.end, end.keepsInterval, let validTo = edge.validTo else { return false }
            return event < validTo
        }
        return true
    }
}
