/// An edge's place on both time axes as stored (whole microseconds): what decides whether a
/// ``TimeSlice`` sees it.
struct EdgeLifetime: Hashable, Sendable {
    var recordedAt: Int64
    var validFrom: Int64
    var validTo: Int64?
    var expiredAt: Int64?
    /// Whether the edge still holds over its interval once closed: it ended or was superseded
    /// (was not withdrawn).
    var keepsInterval: Bool
    var expiresAt: Int64?

    init(
        recordedAt: Int64, validFrom: Int64, validTo: Int64?, expiredAt: Int64?, keepsInterval: Bool,
        expiresAt: Int64?
    ) {
        self.recordedAt = recordedAt
        self.validFrom = validFrom
        self.validTo = validTo
        self.expiredAt = expiredAt
        self.keepsInterval = keepsInterval
        self.expiresAt = expiresAt
    }

    init(_ edge: Edge) {
        self.init(
            recordedAt: StoreTime.encode(edge.recordedAt), validFrom: StoreTime.encode(edge.validFrom),
            validTo: edge.validTo.map(StoreTime.encode), expiredAt: edge.expiredAt.map(StoreTime.encode),
            keepsInterval: edge.end?.keepsInterval ?? false, expiresAt: edge.expiresAt.map(StoreTime.encode))
    }

    /// Whether the edge is visible at event time `event` as known at system time `system`; the
    /// twin of `TimeSlice.sqlCondition(now:)`.
    ///
    /// Before the store learned that an edge closed, it believed it open-ended; from then on it
    /// believes the closed interval (unless the edge was withdrawn). A fact past its retention is
    /// gone from the views known from then on.
    func isVisible(event: Int64, system: Int64) -> Bool {
        guard recordedAt <= system, validFrom <= event else { return false }
        if let expiresAt, expiresAt <= system { return false }
        if let expiredAt, expiredAt <= system {
            guard keepsInterval, let validTo else { return false }
            return event < validTo
        }
        return true
    }
}
