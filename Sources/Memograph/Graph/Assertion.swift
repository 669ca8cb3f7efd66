import Foundation

/// The object of an assertion: an entity (found or created by reference) or a literal value.
public enum AssertedObject: Hashable, Sendable {
    case entity(EntityReference)
    case literal(String)
}

/// A fact to write: `subject —relation→ object`, with its time and provenance.
public struct Assertion: Hashable, Sendable {
    public var subject: EntityReference
    public var relation: String
    public var object: AssertedObject
    /// When the fact started to hold in the world; defaults to the time of writing.
    public var validFrom: Date?
    /// When it stopped holding, if the caller already knows.
    public var validTo: Date?
    public var fact: String?
    /// The episode the fact comes from.
    public var source: EpisodeID?
    /// Overrides the store's rules: true makes the new value close the previous one.
    public var singleValued: Bool?
    public var confidence: Double

    public init(
        _ subject: EntityReference, _ relation: String, _ object: AssertedObject, validFrom: Date? = nil,
        validTo: Date? = nil, fact: String? = nil, source: EpisodeID? = nil, singleValued: Bool? = nil,
        confidence: Double = 1
    ) {
        self.subject = subject
        self.relation = relation
        self.object = object
        self.validFrom = validFrom
        self.validTo = validTo
        self.fact = fact
        self.source = source
        self.singleValued = singleValued
        self.confidence = confidence
    }
}
