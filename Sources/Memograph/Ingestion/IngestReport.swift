/// What ``GraphStore/ingest(_:options:)`` did with one episode: the episode stored, how each
/// name was resolved, the facts written, and the candidate facts it refused, with why.
public struct IngestReport: Hashable, Sendable {
    /// A candidate fact that was written.
    public struct WrittenFact: Hashable, Sendable {
        public var candidate: CandidateFact
        public var outcome: RelateOutcome
        /// Earlier values the episode said this one replaces, now closed.
        public var replaced: [EdgeID]
    }

    /// A candidate fact that was not written.
    public struct SkippedFact: Hashable, Sendable {
        public var candidate: CandidateFact
        public var reason: String
    }

    public var episode: Episode
    public var extractor: String
    /// Why extraction failed, when it did: the episode is stored all the same, without facts.
    public var extractionError: String?
    public var resolutions: [EntityResolution]
    public var facts: [WrittenFact]
    public var skipped: [SkippedFact]
}
