/// What ``GraphStore/maintain(vacuum:)`` did.
public struct MaintenanceReport: Hashable, Sendable, Codable {
    /// Facts past their retention, purged with their provenance, embeddings and search rows.
    public var expiredEdges: Int
    /// Whether the file was rewritten (`VACUUM`) afterwards.
    public var vacuumed: Bool
}
