/// What ``GraphStore/ingest(_:options:)`` did with one episode: the episode stored, how each
/// name was resolved, the facts written, and the candidate facts it refused, with why.
public struct IngestReport: Hashable, Sendable {
    /// A candidate fact that was written.
    public struct WrittenFact: Hashable, Sendable {
        /// What the extractor proposed.
        public var candidate: CandidateFact
        /// What the store did with it.
        public var outcome: RelateOutcome
        /// Earlier values the episode said this one replaces, now closed.
        public var replaced: [EdgeID]
    }

    /// A candidate fact that was not written.
    public struct SkippedFact: Hashable, Sendable {
        /// What the extractor proposed.
        public var candidate: CandidateFact
        /// Why the store refused it.
        public var reason: String
    }

    /// The episode as stored.
    public var episode: Episode
    /// The extractor's name (`rules`, `llm:<model>`).
    public var extractor: String
    /// Why extraction failed, when it did: the episode is stored all the same, without facts.
    public var extractionError: String?
    /// How each name was resolved, in order.
    public var resolutions: [EntityResolution]
    /// The facts written.
    public var facts: [WrittenFact]
    /// The candidate facts refused.
    public var skipped: [SkippedFact]
}
