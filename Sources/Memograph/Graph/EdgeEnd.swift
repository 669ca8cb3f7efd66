/// Why a fact stopped holding, when it did.
public enum EdgeEnd: String, Hashable, Sendable, Codable {
    /// A newer value of a single-valued relation replaced it; it still held over its interval.
    case superseded
    /// It was ended by hand (`retract`); it still held over its interval.
    case ended
    /// Its only support (an episode) was deleted; it is no longer believed at all.
    case withdrawn

    /// Whether the fact is still believed to have held over `validFrom..<validTo`.
    public var keepsInterval: Bool { self != .withdrawn }
}
