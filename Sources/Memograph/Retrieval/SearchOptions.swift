import Foundation

/// How ``GraphStore/search(_:options:embedder:reranker:)`` ranks and cuts its results.
public struct SearchOptions: Hashable, Sendable {
    /// How many facts, entities and episodes (each) to return.
    public var limit: Int
    /// Event time to search at (default now): facts that held then, graph walked as it was then.
    public var asOf: Date?
    /// System time to search at (default now): what the store believed then.
    public var knownAt: Date?
    /// Return superseded and withdrawn facts too (the timeline), not only those valid in the slice;
    /// graph expansion walks them too, so a closed fact next to what the query finds is in it.
    public var includeHistory: Bool
    /// An entity to centre the graph expansion on ("what matters around repo acme/api").
    public var around: EntityReference?
    /// How many hops graph expansion walks from the seed entities (0 turns it off).
    public var depth: Int
    /// The `k` of reciprocal-rank fusion, `1 / (k + rank)`: small values favour the top of each
    /// list, 60 (the IR default) flattens them. The defaults, k = 10 with ``vectorWeight`` 0.75, did
    /// best on LoCoMo (R@5 0.579; k = 1: 0.567, k = 60 with equal weights: 0.523).
    public var fusionK: Double
    /// The weight of the vector list in fusion, against 1 for BM25: below 1 trusts exact words more
    /// (MiniLM alone trails BM25 on LoCoMo, R@5 0.398 against 0.521).
    public var vectorWeight: Double
    /// How many hits each ranked list (BM25, vectors; per kind) contributes before fusion.
    public var candidates: Int
    /// Score kept per hop of graph expansion, before the relation's retrieval weight. The default,
    /// 0.25, did better than 0.5 on LoCoMo once ingestion links facts to turns (R@5 0.560 against
    /// 0.534): a hop should add to a direct match, not outrank it.
    public var hopDecay: Double
    /// Share of an episode's score passed to the next episode of the same conversation: a reply
    /// ("I'm a transgender woman") rarely repeats the words of what it answers ("what's your
    /// identity?"). On LoCoMo 0.3, with ``precedingShare`` 0.1, raised R@5 from 0.579 to 0.606 and
    /// R@10 from 0.665 to 0.701, on either half of its conversations alike; 0 turns it off.
    public var followingShare: Double
    /// Share of an episode's score passed to the episode before it in the same conversation.
    public var precedingShare: Double
    /// Share of an episode's score passed to the episode two turns after it and to the one two
    /// turns before it in the same conversation: in a conversation of two, the same speaker's
    /// turns around it. A topic runs over several turns, and what answers a question is often a
    /// turn or two past the one that shares its words. On LoCoMo 0.25, with ``precedingShare``
    /// raised from 0.1 to 0.2, raised R@5 from 0.689 to 0.703 and R@10 from 0.763 to 0.783, on
    /// either half of its conversations alike; 0 turns it off.
    public var secondNeighbourShare: Double
    /// Episodes further apart in time than this are not of the same conversation.
    public var conversationGap: TimeInterval
    /// How much more an episode scores when the query names its speaker (its role, or an entity
    /// of that name by its name or an alias): its score is multiplied by `1 + namedSpeakerBoost`.
    /// Questions about a person are mostly answered in that person's own words; on LoCoMo 1
    /// raised R@5 from 0.606 to 0.645 and multi-hop from 0.303 to 0.349. Since episodes are
    /// searched with the query embedded without the names (see ``GraphStore/search(_:options:embedder:reranker:)``),
    /// the boost alone tells their speaker's turns apart: 1.5 then gave R@10 0.804 against 0.800
    /// for 1 and 0.801 for 2. 0 turns it off, and episodes are searched with the names again.
    public var namedSpeakerBoost: Double
    /// How much an episode gains from the evidence of its conversation (episodes with a role, at
    /// most ``conversationGap`` apart; an episode without a role is a conversation of its own).
    /// A conversation's evidence is the sum of the best five scores of its episodes, and each of
    /// its episodes is multiplied by `1 + conversationEvidence · evidence / best evidence`: an
    /// answer is likelier in a conversation about the question than in a lone matching turn.
    /// On LoCoMo 0.5 raised R@5 from 0.677 to 0.687 and R@10 from 0.750 to 0.758. 0 turns it off.
    public var conversationEvidence: Double
    /// How much more a fact or an episode scores when the query names a day, month or year it
    /// falls in ("what did Dave do on 3 October 2023?", "what did we decide yesterday?", read at
    /// ``asOf`` or now; see ``namedPeriodGrace``): its score is
    /// multiplied by `1 + namedPeriodBoost`. An episode counts by when it occurred, a fact by when
    /// it held. On LoCoMo 1 raised temporal R@5 from 0.711 to 0.724 (overall 0.686 to 0.689): a
    /// turn that answers "where was Calvin on 3 October 2023?" seldom repeats the date, but was
    /// said then. 0 turns it off.
    public var namedPeriodBoost: Double
    /// How long after a named period an episode or fact still counts as in it: people tell of
    /// what happened "yesterday" or "last week".
    public var namedPeriodGrace: TimeInterval
    /// Maximal marginal relevance: 1 ranks by relevance only, lower values trade relevance for
    /// diversity; nil skips the rerank.
    public var mmrLambda: Double?
    /// How much newer items gain: a score is multiplied by `1 + recencyWeight · 0.5^(age / recencyHalfLife)`.
    public var recencyWeight: Double
    /// The age at which the recency bonus halves.
    public var recencyHalfLife: TimeInterval
    /// Attach each hit's ``ScoreBreakdown``.
    public var explain: Bool
    /// Only return what this filter lets through (graph expansion still walks everything).
    public var filter: SearchFilter?
    /// Cut the results further, once each list is cut to ``limit``, to what fits in this many
    /// prompt tokens (estimated as characters / 4), best score first across facts, entities and
    /// episodes; a hit too large for what is left is skipped. Nil cuts to ``limit`` only.
    public var tokenBudget: Int?
    /// How many hits of each list a reranker scores, when a search is given one
    /// (``GraphStore/search(_:options:embedder:reranker:)``); at least ``limit`` are. Deeper finds
    /// answers ranked further down at the cost of a longer request to the model: on LoCoMo a
    /// reranker that put every answering turn first would reach multi-hop R@5 0.640 from the best
    /// 20 and 0.689 from the best 30 (0.380 without one).
    public var rerankDepth: Int

    public init(
        limit: Int = 10, asOf: Date? = nil, knownAt: Date? = nil, includeHistory: Bool = false,
        around: EntityReference? = nil, depth: Int = 2, fusionK: Double = 10, vectorWeight: Double = 0.75,
        candidates: Int = 50,
        hopDecay: Double = 0.25, followingShare: Double = 0.3, precedingShare: Double = 0.2,
        secondNeighbourShare: Double = 0.25,
        conversationGap: TimeInterval = Episode.conversationGap, namedSpeakerBoost: Double = 1.5,
        conversationEvidence: Double = 0.5, namedPeriodBoost: Double = 1,
        namedPeriodGrace: TimeInterval = 30 * 86_400,
        mmrLambda: Double? = nil, recencyWeight: Double = 0,
        recencyHalfLife: TimeInterval = 30 * 86_400, explain: Bool = false,
        filter: SearchFilter? = nil, tokenBudget: Int? = nil, rerankDepth: Int = 30
    ) {
        self.limit = limit
        self.asOf = asOf
        self.knownAt = knownAt
        self.includeHistory = includeHistory
        self.around = around
        self.depth = depth
        self.fusionK = fusionK
        self.vectorWeight = vectorWeight
        self.candidates = candidates
        self.hopDecay = hopDecay
        self.followingShare = followingShare
        self.precedingShare = precedingShare
        self.secondNeighbourShare = secondNeighbourShare
        self.conversationGap = conversationGap
        self.namedSpeakerBoost = namedSpeakerBoost
        self.conversationEvidence = conversationEvidence
        self.namedPeriodBoost = namedPeriodBoost
        self.namedPeriodGrace = namedPeriodGrace
        self.mmrLambda = mmrLambda
        self.recencyWeight = recencyWeight
        self.recencyHalfLife = recencyHalfLife
        self.explain = explain
        self.filter = filter
        self.tokenBudget = tokenBudget
        self.rerankDepth = rerankDepth
    }

    func validate() throws {
        func check(_ ok: Bool, _ field: String, _ reason: String) throws {
            if !ok { throw MemographError.invalidArgument(field: field, reason: reason) }
        }
        try check((1...1_000).contains(limit), "limit", "must be between 1 and 1000")
        try check((0...5).contains(depth), "depth", "must be between 0 and 5")
        try check(fusionK >= 0 && fusionK.isFinite, "fusionK", "must be a finite number ≥ 0")
        try check((0...10).contains(vectorWeight), "vectorWeight", "must be between 0 and 10")
        try check((1...10_000).contains(candidates), "candidates", "must be between 1 and 10000")
        try check((0...1).contains(hopDecay), "hopDecay", "must be between 0 and 1")
        try check((0...1).contains(followingShare), "followingShare", "must be between 0 and 1")
        try check((0...1).contains(precedingShare), "precedingShare", "must be between 0 and 1")
        try check((0...1).contains(secondNeighbourShare), "secondNeighbourShare", "must be between 0 and 1")
        try check(
            conversationGap >= 0 && conversationGap <= 366 * 86_400, "conversationGap",
            "must be between 0 and 366 days")
        try check((0...100).contains(namedSpeakerBoost), "namedSpeakerBoost", "must be between 0 and 100")
        try check(
            (0...100).contains(conversationEvidence), "conversationEvidence", "must be between 0 and 100")
        try check((0...100).contains(namedPeriodBoost), "namedPeriodBoost", "must be between 0 and 100")
        try check(
            namedPeriodGrace >= 0 && namedPeriodGrace <= 366 * 86_400, "namedPeriodGrace",
            "must be between 0 and 366 days")
        try check(mmrLambda.map { (0...1).contains($0) } ?? true, "mmrLambda", "must be between 0 and 1")
        try check(
            recencyWeight >= 0 && recencyWeight.isFinite, "recencyWeight", "must be a finite number ≥ 0")
        try check(recencyHalfLife > 0, "recencyHalfLife", "must be positive")
        try check(
            tokenBudget.map { (1...10_000_000).contains($0) } ?? true, "tokenBudget",
            "must be between 1 and 10000000 tokens")
        try check((1...1_000).contains(rerankDepth), "rerankDepth", "must be between 1 and 1000")
    }
}
