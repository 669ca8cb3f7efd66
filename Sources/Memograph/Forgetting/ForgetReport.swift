/// What ``GraphStore/forget(_:vacuum:)`` or ``GraphStore/forgetNamespace(vacuum:)`` removed.
public struct ForgetReport: Hashable, Sendable, Codable {
    /// Entities deleted.
    public var entities: Int
    /// Edges deleted, history included.
    public var edges: Int
    /// Episodes deleted because they were about nothing else.
    public var episodesDeleted: Int
    /// Episodes, facts and summaries kept with the forgotten names replaced by ``Redaction/marker``.
    public var textsRedacted: Int
    /// Whether the file was rewritten (`VACUUM`) so that freed pages hold nothing.
    public var vacuumed: Bool

    /// A report of what was removed.
    public init(
        entities: Int = 0, edges: Int = 0, episodesDeleted: Int = 0, textsRedacted: Int = 0,
        vacuumed: Bool = false
    ) {
        self.entities = entities
        self.edges = edges
        self.episodesDeleted = episodesDeleted
        self.textsRedacted = textsRedacted
        self.vacuumed = vacuumed
    }
}
