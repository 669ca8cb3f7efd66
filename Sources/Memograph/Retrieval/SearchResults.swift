/// Where a hit's score came from, for `explain`.
public struct ScoreBreakdown: Hashable, Sendable, Codable {
    /// Position (1-based) in the BM25 list, if the hit was in it.
    public var bm25Rank: Int?
    /// Position (1-based) in the vector list, if the hit was in it.
    public var vectorRank: Int?
    /// The reciprocal-rank fusion score of those positions.
    public var fused: Double
    /// The score spread to it by graph expansion.
    public var graph: Double
    /// Hops from the nearest seed entity, when graph expansion reached it.
    public var hops: Int?
    /// The edge graph expansion reached it through.
    public var via: EdgeID?
    /// The score an episode gained from its neighbours in the same conversation.
    public var context: Double
    /// The neighbouring episode that gave the larger part of ``context``.
    public var contextFrom: EpisodeID?
    /// The recency multiplier applied (1 when recency is off).
    public var recency: Double
    /// The multiplier an episode gained because the query names its speaker (1 otherwise).
    public var speaker: Double
    /// The multiplier an episode gained from the evidence of its conversation (1 otherwise).
    public var conversation: Double
    /// The multiplier a fact or an episode gained because the query names a period it falls in
    /// (1 otherwise).
    public var period: Double
    /// The hit's position (1-based) in its list before a reranker reordered it, whose score the
    /// hit's score then is (nil without a reranker).
    public var rankBeforeRerank: Int?

    public init(
        bm25Rank: Int? = nil, vectorRank: Int? = nil, fused: Double = 0, graph: Double = 0, hops: Int? = nil,
        via: EdgeID? = nil, context: Double = 0, contextFrom: EpisodeID? = nil, recency: Double = 1,
        speaker: Double = 1, conversation: Double = 1, period: Double = 1,
        rankBeforeRerank: Int? = nil
    ) {
        self.bm25Rank = bm25Rank
        self.vectorRank = vectorRank
        self.fused = fused
        self.graph = graph
        self.hops = hops
        self.via = via
        self.context = context
        self.contextFrom = contextFrom
        self.recency = recency
        self.speaker = speaker
        self.conversation = conversation
        self.period = period
        self.rankBeforeRerank = rankBeforeRerank
    }

    /// Decodes a breakdown; the parts later versions added default to "no effect", so JSON
    /// written before them still reads.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        bm25Rank = try container.decodeIfPresent(Int.self, forKey: .bm25Rank)
        vectorRank = try container.decodeIfPresent(Int.self, forKey: .vectorRank)
        fused = try container.decode(Double.self, forKey: .fused)
        graph = try container.decode(Double.self, forKey: .graph)
        hops = try container.decodeIfPresent(Int.self, forKey: .hops)
        via = try container.decodeIfPresent(EdgeID.self, forKey: .via)
        context = try container.decodeIfPresent(Double.self, forKey: .context) ?? 0
        contextFrom = try container.decodeIfPresent(EpisodeID.self, forKey: .contextFrom)
        recency = try container.decode(Double.self, forKey: .recency)
        speaker = try container.decodeIfPresent(Double.self, forKey: .speaker) ?? 1
        conversation = try container.decodeIfPresent(Double.self, forKey: .conversation) ?? 1
        period = try container.decodeIfPresent(Double.self, forKey: .period) ?? 1
        rankBeforeRerank = try container.decodeIfPresent(Int.self, forKey: .rankBeforeRerank)
    }
}

/// One ranked result: the item, its final score and (with `explain`) how the score was made.
public struct SearchHit<Item: Hashable & Sendable & Codable>: Hashable, Sendable, Codable {
    public var item: Item
    public var score: Double
    public var breakdown: ScoreBreakdown?

    public init(item: Item, score: Double, breakdown: ScoreBreakdown? = nil) {
        self.item = item
        self.score = score
        self.breakdown = breakdown
    }
}

/// What a search found, each list best first.
public struct SearchResults: Hashable, Sendable, Codable {
    /// Facts, with validity and provenance episode ids.
    public var facts: [SearchHit<Fact>]
    public var entities: [SearchHit<Entity>]
    public var episodes: [SearchHit<Episode>]

    public init(
        facts: [SearchHit<Fact>] = [], entities: [SearchHit<Entity>] = [], episodes: [SearchHit<Episode>] = []
    ) {
        self.facts = facts
        self.entities = entities
        self.episodes = episodes
    }
}

/// A query's embedding, with the model that made it (which must be the store's).
public struct QueryVector: Hashable, Sendable {
    public var values: [Float]
    public var model: String
    /// The query embedded without the speakers it names (``GraphStore/queryWithoutSpeakers(_:)``),
    /// searched against episodes in place of `values` while ``SearchOptions/namedSpeakerBoost``
    /// is on; nil searches them with `values`.
    public var episodeValues: [Float]?

    public init(values: [Float], model: String, episodeValues: [Float]? = nil) {
        self.values = values
        self.model = model
        self.episodeValues = episodeValues
    }
}
