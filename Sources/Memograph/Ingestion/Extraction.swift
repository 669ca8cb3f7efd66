/// What an extractor found in one episode: the entities it mentions and the facts it states.
public struct Extraction: Hashable, Sendable, Codable {
    public var entities: [CandidateEntity]
    public var facts: [CandidateFact]

    public init(entities: [CandidateEntity] = [], facts: [CandidateFact] = []) {
        self.entities = entities
        self.facts = facts
    }
}
