/// What an extractor found in one episode: the entities it mentions and the facts it states.
public struct Extraction: Hashable, Sendable, Codable {
    /// The entities the episode mentions.
    public var entities: [CandidateEntity]
    /// The facts it states.
    public var facts: [CandidateFact]

    /// Creates an extraction.
    public init(entities: [CandidateEntity] = [], facts: [CandidateFact] = []) {
        self.entities = entities
        self.facts = facts
    }
}
