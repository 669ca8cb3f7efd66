import Foundation

/// One version of a fact: `subject —relation→ object`, valid in the world over
/// `validFrom..<validTo` (event time) and believed by the store from `recordedAt` until
/// `expiredAt` (system time).
///
/// A contradiction never deletes an edge: it closes it (`validTo`, `expiredAt`, `end`) and
/// points it at its successor (`supersededBy`), so the whole timeline stays queryable.
public struct Edge: Hashable, Sendable, Codable {
    public var id: EdgeID
    public var namespace: String
    public var subject: EntityID
    public var relation: String
    public var object: EdgeObject
    /// A natural-language rendering of the fact ("Ada joined the platform team").
    public var fact: String?
    public var validFrom: Date
    public var validTo: Date?
    public var recordedAt: Date
    public var expiredAt: Date?
    public var end: EdgeEnd?
    public var supersededBy: EdgeID?
    public var confidence: Double
    public var attributes: [String: String]
    /// When a retention rule takes the fact out of every view known from then on (system time);
    /// nil keeps it. See ``GraphStore/setRetention(_:relation:)``.
    public var expiresAt: Date?

    public init(
        id: EdgeID, namespace: String, subject: EntityID, relation: String, object: EdgeObject,
        fact: String? = nil, validFrom: Date, validTo: Date? = nil, recordedAt: Date,
        expiredAt: Date? = nil, end: EdgeEnd? = nil, supersededBy: EdgeID? = nil,
        confidence: Double = 1, attributes: [String: String] = [:], expiresAt: Date? = nil
    ) {
        self.id = id
        self.namespace = namespace
        self.subject = subject
        self.relation = relation
        self.object = object
        self.fact = fact
        self.validFrom = validFrom
        self.validTo = validTo
        self.recordedAt = recordedAt
        self.expiredAt = expiredAt
        self.end = end
        self.supersededBy = supersededBy
        self.confidence = confidence
        self.attributes = attributes
        self.expiresAt = expiresAt
    }

    /// Whether the edge is part of the current view: believed now and not closed.
    public var isOpen: Bool { expiredAt == nil && validTo == nil }
}
