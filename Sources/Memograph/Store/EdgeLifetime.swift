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

extension EdgeLifetime {
    /// The lifetime of a loaded edge (the synthesized initializer builds one from stored columns).
    init(_ edge: Edge) {
        self.init(
            recordedAt: StoreTime.encode(edge.recordedAt), validFrom: StoreTime.encode(edge.validFrom),
            validTo: edge.validTo.map(StoreTime.encode), expiredAt: edge.expiredAt.map(StoreTime.encode),
            keepsInterval: edge.end?.keepsInterval ?? false, expiresAt: edge.expiresAt.map(StoreTime.encode))
    }
}
