import Foundation
import GRDB

/// One search, run inside one read transaction: seeds, fusion, graph expansion, rerank.
struct SearchRun {
    /// A scored candidate of one kind, keyed by row id.
    struct Candidate {
        var breakdown = ScoreBreakdown()
        var score: Double {
            (breakdown.fused + breakdown.graph + breakdown.context) * breakdown.recency * breakdown.speaker
                * breakdown.conversation * breakdown.period
        }

        /// Keeps `spread` as the graph score if it beats the one already reached, with where it came from.
        mutating func reach(_ spread: Double, hops: Int?, via edge: Int64) {
            guard spread > breakdown.graph else { return }
            breakdown.graph = spread
            breakdown.hops = hops
            breakdown.via = EdgeID(edge)
        }
    }

    let store: GraphStore
    let db: Database
    let now: Date
    let query: String
    let vector: QueryVector?
    let options: SearchOptions
    /// How many hits each list returns: ``SearchOptions/limit``, or more for a reranker to read.
    /// Only the cut depends on it; the scores depend on the limit alone.
    let count: Int
    /// The filter compiled once per kind of result; nil where it compares a field the kind lacks.
    private let compiledFilters: [FilterCompiler.Target: (sql: String, parameters: [SQLParameter])?]

    init(
        store: GraphStore, db: Database, now: Date, query: String, vector: QueryVector?,
        options: SearchOptions, count: Int
    ) {
        self.store = store
        self.db = db
        self.now = now
        self.query = query
        self.vector = vector
        self.options = options
        self.count = count
        var compiled: [FilterCompiler.Target: (sql: String, parameters: [SQLParameter])?] = [:]
        if let filter = options.filter {
            for target in [FilterCompiler.Target.facts, .entities, .episodes] {
                compiled[target] = FilterCompiler(target: target, ontology: store.ontology).compile(filter)
            }
        }
        compiledFilters = compiled
    }

    private var slice: TimeSlice { TimeSlice(asOf: options.asOf, knownAt: options.knownAt) }

    /// The instants an edge must be visible at to seed or be walked; nil with `includeHistory`,
    /// whose timeline takes every edge of the namespace, closed or not.
    private var edgeInstants: (event: Int64, system: Int64)? {
        options.includeHistory ? nil : slice.instants(now: now)
    }

    /// The SQL twin of ``edgeInstants`` over `edges e`: the time condition an edge must meet to
    /// seed or be walked, and its parameters; always true with `includeHistory`.
    private var edgeTimeCondition: (sql: String, parameters: [SQLParameter]) {
        guard !options.includeHistory else { return ("1", []) }
        let condition = slice.sqlCondition(now: now)
        return (condition.sql, condition.parameters)
    }

    func run() throws -> SearchResults {
        let terms = FullTextQuery.terms(in: query)
        // Only expansion walks the adjacency; the seeds' time test reads it too when it is there.
        let expands = options.depth > 0
        let adjacency = expands ? try store.adjacencies.adjacency(namespace: store.namespace, db: db) : nil
        var (facts, entities, episodes) = try seeds(terms, adjacency: adjacency)

        let seedEdges = expands ? try endpoints(of: Array(facts.keys), in: adjacency) : [:]
        try expand(facts: &facts, entities: &entities, seedEdges: seedEdges, adjacency: adjacency)
        try creditSources(of: facts, to: &episodes)
        try creditConversations(&episodes)
        // The episodes credited above pass the slice (and filter) the seeds passed before any
        // counts as evidence: a search as of a time is the same whatever was added after it.
        episodes = try admitted(episodes) { try visibleEpisodes($0) }
        let named = NamedPeriods(
            query: options.namedPeriodBoost > 0 ? query : "", reference: options.asOf ?? now)
        let scored = try scoredEpisodes(episodes, periods: !named.isEmpty)
        let turns = scored.compactMap { episode in episode.role.map { (episode.id, $0, episode.time) } }
        try creditNamedSpeakers(&episodes, turns: turns)
        if !named.isEmpty {
            try creditNamedPeriods(
                named, facts: &facts, episodes: &episodes, times: scored, adjacency: adjacency)
        }
        creditConversationEvidence(&episodes, turns: turns)
        if options.filter != nil {
            episodes = try admitted(episodes) { try visibleEpisodes($0, strict: true) }
            facts = try admitted(facts) { try visibleFacts($0, strict: true) }
            entities = try admitted(entities) { try visibleEntities($0, strict: true) }
        }

        let factIDs = pool(facts)
        let edges = try RowDecoding.edges(ids: factIDs, namespace: store.namespace, db: db)
        let factList = try store.assemble(factIDs.compactMap { edges[$0] }, db: db, now: now)
        let entityList = try EntityResolver(
            db: db, namespace: store.namespace, now: now, rules: store.ontologyRules
        )
        .load(pool(entities).map { EntityID($0) })
        let episodeList = try loadEpisodes(pool(episodes))

        let rankedFacts: [SearchHit<Fact>] = rank(
            factList, candidates: facts, id: { $0.edge.id.rawValue }, kind: "edge",
            time: { $0.edge.validFrom })
        let rankedEntities: [SearchHit<Entity>] = rank(
            entityList, candidates: entities, id: { $0.id.rawValue }, kind: "entity", time: { $0.updatedAt })
        let rankedEpisodes: [SearchHit<Episode>] = rank(
            episodeList, candidates: episodes, id: { $0.id.rawValue }, kind: "episode",
            time: { $0.occurredAt })
        let results = SearchResults(facts: rankedFacts, entities: rankedEntities, episodes: rankedEpisodes)
        return options.tokenBudget.map { TokenBudget(tokens: $0).cut(results) } ?? results
    }

    // MARK: Seeds

    /// The seeds of each kind: BM25 and vector hits, fused. The vector indexes are brought up to
    /// date first (that reads the store); the other cores then scan them while this thread ranks
    /// BM25 on its connection, and it joins the scan when done.
    private func seeds(_ terms: [String], adjacency: Adjacency?) throws -> (
        facts: [Int64: Candidate], entities: [Int64: Candidate], episodes: [Int64: Candidate]
    ) {
        let scan = try vector.map { vector in
            // Without the boost nothing else favours a named speaker's turns: the names stay.
            let episodeQuery = options.namedSpeakerBoost > 0 ? vector.episodeValues : nil
            let queries = SeedKind.allCases.map { kind in
                kind == .episode ? episodeQuery ?? vector.values : vector.values
            }
            return SharedVectorScan(
                try zip(SeedKind.allCases, queries).map { kind, query in
                    try store.vectorIndexes.index(
                        kind: kind.ownerKind, model: vector.model, namespace: store.namespace,
                        dimension: query.count, db: db)
                }, queries: queries)
        }
        func rankBM25() throws -> (facts: [Int64], entities: [Int64], episodes: [Int64]) {
            (
                try byBM25("search_facts", terms, visible: { try visibleFacts($0, in: adjacency) }),
                try entitiesByBM25(terms), try episodesByBM25(terms)
            )
        }
        let bm25 =
            try scan.map { scan in
                // Less than a chunk takes less time to scan than a helper takes to wake.
                guard scan.rows >= SharedVectorScan.chunkRows else {
                    scan.work()
                    return try rankBM25()
                }
                return try ThreadTeam.shared.overlap(scan.work) {
                    let ranked = try rankBM25()
                    scan.work()
                    return ranked
                }
            } ?? rankBM25()
        let nearest = scan?.matches(k: options.candidates * (options.filter == nil ? 2 : 10))
        let fusion = RankFusion(k: options.fusionK, vectorWeight: options.vectorWeight)
        let facts = candidates(
            fusion.fuse(
                bm25: bm25.facts,
                vector: try kept(
                    nearest?[SeedKind.edge.rawValue], visible: { try visibleFacts($0, in: adjacency) })))
        let entities = candidates(
            fusion.fuse(
                bm25: bm25.entities,
                // The index holds this namespace's vectors only: without a filter, all are visible.
                vector: try kept(
                    nearest?[SeedKind.entity.rawValue],
                    visible: { options.filter == nil ? $0 : try visibleEntities($0) })))
        let episodes = candidates(
            fusion.fuse(
                bm25: bm25.episodes,
                vector: try kept(nearest?[SeedKind.episode.rawValue], visible: { try visibleEpisodes($0) })))
        return (facts, entities, episodes)
    }

    private func candidates(_ fused: [Int64: RankFusion.Entry]) -> [Int64: Candidate] {
        fused.mapValues { entry in
            Candidate(
                breakdown: ScoreBreakdown(
                    bm25Rank: entry.bm25Rank, vectorRank: entry.vectorRank, fused: entry.score))
        }
    }

    /// The best BM25 matches of `terms` in one full-text table that `visible` lets through, words
    /// too common to rank by left out (``FullTextMatch``). The index is ranked on its own (no
    /// table lookups per match; row lengths from ``DocumentLengthCache``; the best rows kept in
    /// ``TopRows`` as they are scored, no sort) and over-fetched, widening only when too few of
    /// its hits are visible: a common word's thousands of matches cost no row reads.
    private func byBM25(
        _ table: String, weights: String = "", _ terms: [String], visible: ([Int64]) throws -> [Int64]
    ) throws -> [Int64] {
        guard let match = FullTextMatch(terms, kept: options.candidates) else { return [] }
        let lengths = try store.documentLengths.lengths(of: table, db: db)
        // The ranking function keeps the rows and returns NULL: the statement returns none.
        let statement = try db.cachedStatement(
            sql: """
                SELECT 1 FROM \(table) WHERE \(table) MATCH ?
                AND \(SearchSchema.rankFunction(of: table))(\(table), ?, ?, ?\(weights)) IS NOT NULL
                """)
        var limit = options.candidates * 4
        let top = TopRows(capacity: limit)
        while true {
            top.reset(capacity: limit)
            let query = { (rowLengths: SQLParameter) in
                try HotStatement.query(
                    statement, [.text(match.expression), rowLengths, match.parameter, top.parameter]
                ) { _ in }
            }
            do {
                if let lengths { try lengths.withParameter(query) } else { try query(.null) }
            } catch  where match.stopped {
                match.narrow()
                continue
            }
            let hits = top.ranked()
            let kept = Set(try visible(hits))
            let ranked = hits.filter(kept.contains)
            if ranked.count >= options.candidates || hits.count < limit {
                return Array(ranked.prefix(options.candidates))
            }
            limit *= 4
        }
    }

    private func entitiesByBM25(_ terms: [String]) throws -> [Int64] {
        try byBM25("search_entities", weights: ", 3.0, 2.0, 1.0", terms, visible: { try visibleEntities($0) })
    }

    private func episodesByBM25(_ terms: [String]) throws -> [Int64] {
        try byBM25("search_episodes", terms, visible: { try visibleEpisodes($0) })
    }

    private var episodeTimeParameters: [SQLParameter] {
        [.int(StoreTime.encode(options.knownAt ?? now)), .int(StoreTime.encode(options.asOf ?? now))]
    }

    /// The kinds of owner seeded by vectors, numbered in the order their indexes are scanned.
    private enum SeedKind: Int, CaseIterable {
        case edge, entity, episode

        /// The `owner_kind` its vectors are stored under, as ``EmbeddingOwner`` names it.
        var ownerKind: String {
            switch self {
            case .edge: "edge"
            case .entity: "entity"
            case .episode: "episode"
            }
        }
    }

    /// The nearest vectors of one kind (over-fetched; nil without a query vector) that `visible`
    /// lets through, best first.
    private func kept(_ matches: [VectorMatch]?, visible: ([Int64]) throws -> [Int64]) throws -> [Int64] {
        guard let matches else { return [] }
        let ids = matches.filter { $0.score > 0 }.map(\.id)
        let kept = Set(try visible(ids))
        return Array(ids.filter(kept.contains).prefix(options.candidates))
    }

    /// The `candidates` that are edges of the namespace visible in the slice (and pass the
    /// filter). Without a filter, `adjacency` answers when given: the same test on the links it
    /// holds, with no row read.
    private func visibleFacts(_ candidates: [Int64], strict: Bool = false, in adjacency: Adjacency? = nil)
        throws -> [Int64]
    {
        if let adjacency, options.filter == nil {
            let instants = edgeInstants
            return candidates.filter { id in
                adjacency.lifetime(of: id).map { lifetime in
                    instants.map { lifetime.isVisible(event: $0.event, system: $0.system) } ?? true
                } ?? false
            }
        }
        guard let filter = filterClause(.facts, strict: strict) else { return [] }
        let time = edgeTimeCondition
        return try ids(
            """
            SELECT e.id FROM json_each(?) AS c CROSS JOIN edges e ON e.id = c.value\(filter.joins)
            WHERE e.namespace = ? AND \(time.sql)\(filter.sql)
            """,
            [.text(IDList.json(candidates)), .text(store.namespace)] + time.parameters + filter.parameters)
    }

    private func visibleEntities(_ candidates: [Int64], strict: Bool = false) throws -> [Int64] {
        guard let filter = filterClause(.entities, strict: strict) else { return [] }
        return try ids(
            "SELECT n.id FROM json_each(?) AS c CROSS JOIN entities n ON n.id = c.value WHERE n.namespace = ?\(filter.sql)",
            [.text(IDList.json(candidates)), .text(store.namespace)] + filter.parameters)
    }

    private func visibleEpisodes(_ candidates: [Int64], strict: Bool = false) throws -> [Int64] {
        guard let filter = filterClause(.episodes, strict: strict) else { return [] }
        return try ids(
            """
            SELECT p.id FROM json_each(?) AS c CROSS JOIN episodes p ON p.id = c.value
            WHERE p.namespace = ? AND p.recorded_at <= ? AND p.occurred_at <= ?\(filter.sql)
            """,
            [.text(IDList.json(candidates)), .text(store.namespace)] + episodeTimeParameters
                + filter.parameters)
    }

    /// The candidates `visible` lets through.
    private func admitted(_ candidates: [Int64: Candidate], _ visible: ([Int64]) throws -> [Int64]) throws
        -> [Int64: Candidate]
    {
        guard !candidates.isEmpty else { return candidates }
        let kept = Set(try visible(Array(candidates.keys)))
        return candidates.filter { kept.contains($0.key) }
    }

    /// The filter as SQL for one kind of result: an `AND …` clause (empty without a filter) and the
    /// joins it needs. When the filter compares a field this kind does not have, the kind returns
    /// nothing (`strict`, nil) but still seeds graph expansion (no condition).
    private func filterClause(_ target: FilterCompiler.Target, strict: Bool) -> (
        sql: String, joins: String, parameters: [SQLParameter]
    )? {
        guard options.filter != nil else { return ("", "", []) }
        guard let compiled = compiledFilters[target] ?? nil else { return strict ? nil : ("", "", []) }
        let joins =
            target == .facts
            ? " JOIN entities s ON s.id = e.subject_id LEFT JOIN entities o ON o.id = e.object_id" : ""
        return (" AND \(compiled.sql)", joins, compiled.parameters)
    }

    /// Runs a query returning ids; filtered queries are prepared afresh, since their SQL varies
    /// with the filter and would only crowd the statement cache.
    private func ids(_ sql: String, _ parameters: [SQLParameter]) throws -> [Int64] {
        var ids: [Int64] = []
        let statement =
            options.filter == nil ? try db.cachedStatement(sql: sql) : try db.makeStatement(sql: sql)
        try HotStatement.query(statement, parameters) { ids.append($0.int64(0)) }
        return ids
    }

    // MARK: Graph expansion

    /// How many entities spread score on each hop, and how many edges each follows per direction
    /// (its newest): the beam keeps expansion's cost bounded by the query, not by the graph or its
    /// hubs.
    private var beam: Int { max(10, options.limit) }
    private static let fanout = 25

    /// Spreads score from the best entities the seeds touch (and the `around` entity) along edges
    /// valid in the slice (every edge with `includeHistory`: a timeline holds the closed facts
    /// around what it finds, not only those its words match), both ways, losing `hopDecay` × the
    /// relation's weight per hop. Facts with a literal object are scored but spread no further.
    /// Walks `adjacency` when there is one.
    private func expand(
        facts: inout [Int64: Candidate], entities: inout [Int64: Candidate], seedEdges: [Int64: [EntityID]],
        adjacency: Adjacency?
    ) throws {
        var reach: [EntityID: Double] = [:]
        for (id, candidate) in entities {
            reach[EntityID(id)] = max(reach[EntityID(id)] ?? 0, candidate.score)
        }
        for (id, ends) in seedEdges {
            let score = facts[id]?.score ?? 0
            for end in ends { reach[end] = max(reach[end] ?? 0, score) }
        }
        if let around = options.around {
            let centre = try EntityResolver(
                db: db, namespace: store.namespace, now: now, rules: store.ontologyRules
            )
            .resolve(around).id
            reach[centre] = max(reach[centre] ?? 0, 1 / (options.fusionK + 1))
            entities[centre.rawValue, default: Candidate()].breakdown.hops = 0
        }
        guard options.depth > 0, !reach.isEmpty else { return }
        var weights = RelationWeights(ontology: store.ontology)
        var frontier = Self.best(reach, beam)
        for hop in 1...options.depth where !frontier.isEmpty {
            var next: [EntityID: Double] = [:]
            let from = Array(frontier.keys)
            let stepList =
                try adjacency.map({ steps(from: from, in: $0, weights: &weights) })
                ?? steps(from: from, weights: &weights)
            for step in stepList {
                let spread = (frontier[step.from] ?? 0) * options.hopDecay * step.weight
                guard spread > 0 else { continue }
                facts[step.edge, default: Candidate()].reach(spread, hops: hop, via: step.edge)
                guard let to = step.to, spread > (reach[to] ?? 0) else { continue }
                reach[to] = spread
                next[to] = max(next[to] ?? 0, spread)
                entities[to.rawValue, default: Candidate()].reach(spread, hops: hop, via: step.edge)
            }
            frontier = Self.best(next, beam)
        }
    }

    /// One edge leaving a frontier entity, as expansion needs it: no text is decoded.
    private struct Step {
        var edge: Int64
        var from: EntityID
        var to: EntityID?
        /// The relation's weight.
        var weight: Double
    }

    /// Each relation's weight in expansion (``OntologyProperty/retrievalWeight``, 1 without an
    /// ontology), resolved once per relation of a search.
    private struct RelationWeights {
        let ontology: Ontology?
        private var byName: [String: Double] = [:]
        private var byNumber: [Double?] = []

        init(ontology: Ontology?) { self.ontology = ontology }

        mutating func weight(of relation: String) -> Double {
            if let weight = byName[relation] { return weight }
            let weight = ontology?.resolveProperty(relation)?.retrievalWeight ?? 1
            byName[relation] = weight
            return weight
        }

        /// The weight of relation `number` of `adjacency`, found without hashing its name twice.
        mutating func weight(of number: Int32, in adjacency: Adjacency) -> Double {
            if byNumber.count < adjacency.relationCount {
                byNumber += repeatElement(nil, count: adjacency.relationCount - byNumber.count)
            }
            if let weight = byNumber[Int(number)] { return weight }
            let weight = weight(of: adjacency.relationName(number))
            byNumber[Int(number)] = weight
            return weight
        }
    }

    /// The newest `fanout` edges valid in the slice (any, with `includeHistory`) on each side of
    /// each frontier entity, oldest first. Each entity's edges are read once, in index order, and
    /// cut here: SQLite cut them with a sort in a temporary B-tree per entity and then read the
    /// kept rows a second time.
    private func steps(from frontier: [EntityID], weights: inout RelationWeights) throws -> [Step] {
        let time = edgeTimeCondition
        var steps: [Step] = []
        var group: [Step] = []
        func keepNewest() {
            if group.count > Self.fanout {
                group = group.sortedPrefix(Self.fanout) { $0.edge > $1.edge }
            }
            steps += group.sorted { $0.edge < $1.edge }
            group.removeAll(keepingCapacity: true)
        }
        for (near, far) in [("subject_id", "object_id"), ("object_id", "subject_id")] {
            let sql = """
                SELECT e.id, f.value, e.\(far), e.relation FROM json_each(?) AS f CROSS JOIN edges e
                  ON e.\(near) = f.value WHERE \(time.sql)
                """
            try HotStatement.query(
                db.cachedStatement(sql: sql), [.text(IDList.json(frontier.map(\.rawValue)))] + time.parameters
            ) { row in
                let from = EntityID(row.int64(1))
                if let last = group.last, last.from != from { keepNewest() }
                group.append(
                    Step(
                        edge: row.int64(0), from: from, to: row.optionalInt64(2).map { EntityID($0) },
                        weight: weights.weight(of: row.text(3))))
            }
            keepNewest()
        }
        return steps
    }

    /// ``steps(from:weights:)`` read from memory.
    private func steps(from frontier: [EntityID], in adjacency: Adjacency, weights: inout RelationWeights)
        -> [Step]
    {
        let instants = edgeInstants
        var steps: [Step] = []
        var hops: [Adjacency.Hop] = []
        for outgoing in [true, false] {
            for entity in frontier {
                hops.removeAll(keepingCapacity: true)
                adjacency.appendNewest(
                    Self.fanout, of: entity, outgoing: outgoing, at: instants, to: &hops)
                for hop in hops {
                    steps.append(
                        Step(
                            edge: hop.edge, from: entity, to: hop.to,
                            weight: weights.weight(of: hop.relation, in: adjacency)))
                }
            }
        }
        return steps
    }

    /// The subject and object entities of some edges.
    private func endpoints(of edges: [Int64], in adjacency: Adjacency?) throws -> [Int64: [EntityID]] {
        var ends: [Int64: [EntityID]] = [:]
        if let adjacency {
            for id in edges {
                guard let (subject, object) = adjacency.ends(of: id) else { continue }
                ends[id] = [subject] + (object.map { [$0] } ?? [])
            }
            return ends
        }
        try HotStatement.query(
            db.cachedStatement(
                sql: """
                    SELECT e.id, e.subject_id, e.object_id FROM json_each(?) AS c CROSS JOIN edges e ON e.id = c.value
                    """), [.text(IDList.json(edges))]
        ) { row in
            ends[row.int64(0)] =
                [EntityID(row.int64(1))] + (row.optionalInt64(2).map { [EntityID($0)] } ?? [])
        }
        return ends
    }

    /// The `count` best-scored entries.
    private static func best(_ scores: [EntityID: Double], _ count: Int) -> [EntityID: Double] {
        guard scores.count > count else { return scores }
        let kept = scores.sortedPrefix(count) {
            $0.value != $1.value ? $0.value > $1.value : $0.key.rawValue < $1.key.rawValue
        }
        return Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
    }

    /// The ids worth loading: the best by score, enough for recency to reorder and MMR to choose
    /// from (or the best `size`).
    private func pool(_ candidates: [Int64: Candidate], size: Int? = nil) -> [Int64] {
        let size = size ?? count * (options.recencyWeight > 0 || options.mmrLambda != nil ? 10 : 1)
        return candidates.lazy.filter { $0.value.score > 0 }
            .sortedPrefix(size) {
                $0.value.score != $1.value.score ? $0.value.score > $1.value.score : $0.key < $1.key
            }
            .map(\.key)
    }

    /// An episode gains the graph score of the best fact it is a source of.
    private func creditSources(of facts: [Int64: Candidate], to episodes: inout [Int64: Candidate]) throws {
        let scored = facts.filter { $0.value.score > 0 }
        guard !scored.isEmpty else { return }
        try HotStatement.query(
            db.cachedStatement(
                sql: """
                    SELECT s.edge_id, s.episode_id FROM json_each(?) AS c CROSS JOIN edge_sources s ON s.edge_id = c.value
                    JOIN episodes p ON p.id = s.episode_id WHERE p.namespace = ?
                    """), [.text(IDList.json(Array(scored.keys))), .text(store.namespace)]
        ) { row in
            let spread = (scored[row.int64(0)]?.score ?? 0) * options.hopDecay
            episodes[row.int64(1), default: Candidate()].reach(spread, hops: nil, via: row.int64(0))
        }
    }

    /// The neighbours in the same conversation of the best `limit` episodes gain shares of their
    /// scores: the episodes just before and after each in time (ties by id) and the ones beyond
    /// those, at most ``SearchOptions/conversationGap`` from it, and only when visible in the
    /// slice. Shares come from the scores before this step, so they do not chain along a
    /// conversation. (Spreading from every candidate instead of the best `limit` did no better on
    /// LoCoMo and cost 1 ms; from the best 5 or 20 did worse, R@5 0.699 and 0.697 against 0.703.)
    private func creditConversations(_ episodes: inout [Int64: Candidate]) throws {
        let sides = [
            options.precedingShare, options.followingShare, options.secondNeighbourShare,
            options.secondNeighbourShare,
        ]
        guard sides.contains(where: { $0 > 0 }) else { return }
        let scored = Dictionary(
            uniqueKeysWithValues: pool(episodes, size: options.limit).compactMap { id in
                episodes[id].map { (id, $0.score) }
            })
        guard !scored.isEmpty else { return }
        let gap = StoreTime.microseconds(options.conversationGap)
        var shares: [Int64: (total: Double, best: Double, from: Int64)] = [:]
        // Each neighbour is one seek in the covering (namespace, occurred_at, id) index; whether
        // it is visible in the slice is left to the admission of episodes that follows.
        try HotStatement.query(
            db.cachedStatement(
                sql: """
                    SELECT p.id, \(ConversationNeighbour.idSQL(.before, of: "p")),
                      \(ConversationNeighbour.idSQL(.after, of: "p")),
                      \(ConversationNeighbour.idSQL(.before, of: "p", step: 2)),
                      \(ConversationNeighbour.idSQL(.after, of: "p", step: 2))
                    FROM json_each(?) AS c CROSS JOIN episodes p ON p.id = c.value WHERE p.namespace = ?
                    """),
            [
                .int(gap), .int(gap), .int(gap), .int(gap), .text(IDList.json(Array(scored.keys))),
                .text(store.namespace),
            ]
        ) { row in
            let source = row.int64(0)
            let score = scored[source] ?? 0
            for (column, share) in zip(Int32(1)..., sides) {
                guard let neighbour = row.optionalInt64(column), share > 0 else { continue }
                var entry = shares[neighbour] ?? (0, 0, source)
                entry.total += score * share
                if score * share > entry.best { (entry.best, entry.from) = (score * share, source) }
                shares[neighbour] = entry
            }
        }
        for (episode, share) in shares {
            episodes[episode, default: Candidate()].breakdown.context = share.total
            episodes[episode, default: Candidate()].breakdown.contextFrom = EpisodeID(share.from)
        }
    }

    /// Episodes spoken by someone the query names (see ``NamedSpeakers``) gain
    /// ``SearchOptions/namedSpeakerBoost``, after the conversation shares: a question about what
    /// Caroline did is most often answered in Caroline's own words.
    private func creditNamedSpeakers(_ episodes: inout [Int64: Candidate], turns: [Turn]) throws {
        guard options.namedSpeakerBoost > 0, !turns.isEmpty else { return }
        var speakers = NamedSpeakers(
            query: query,
            resolver: EntityResolver(db: db, namespace: store.namespace, now: now, rules: store.ontologyRules)
        )
        for turn in turns where try speakers.names(turn.role) {
            episodes[turn.id]?.breakdown.speaker = 1 + options.namedSpeakerBoost
        }
    }

    /// Facts and episodes that fall in a period the query names gain
    /// ``SearchOptions/namedPeriodBoost``: an episode by when it occurred, a fact by when it held.
    /// A fact's validity comes from `adjacency` when the search holds it (as in ``visibleFacts``),
    /// else from its row.
    private func creditNamedPeriods(
        _ named: NamedPeriods, facts: inout [Int64: Candidate], episodes: inout [Int64: Candidate],
        times: [ScoredEpisode], adjacency: Adjacency?
    ) throws {
        let grace = StoreTime.microseconds(options.namedPeriodGrace)
        let multiplier = 1 + options.namedPeriodBoost
        for episode in times where named.contains(from: episode.time, to: episode.time, grace: grace) {
            episodes[episode.id]?.breakdown.period = multiplier
        }
        let ids = facts.filter { $0.value.score > 0 }.map(\.key)
        func credit(_ id: Int64, from validFrom: Int64, to validTo: Int64?) {
            if named.contains(from: validFrom, to: validTo, grace: grace) {
                facts[id]?.breakdown.period = multiplier
            }
        }
        if let adjacency {
            for id in ids {
                if let lifetime = adjacency.lifetime(of: id) {
                    credit(id, from: lifetime.validFrom, to: lifetime.validTo)
                }
            }
            return
        }
        guard !ids.isEmpty else { return }
        try HotStatement.query(
            db.cachedStatement(
                sql: """
                    SELECT e.id, e.valid_from, e.valid_to FROM json_each(?) AS c CROSS JOIN edges e
                    ON e.id = c.value WHERE e.namespace = ?
                    """), [.text(IDList.json(ids)), .text(store.namespace)]
        ) { credit($0.int64(0), from: $0.int64(1), to: $0.optionalInt64(2)) }
    }

    /// A scored episode with a role, with its time in store microseconds.
    private typealias Turn = (id: Int64, role: String, time: Int64)
    /// A scored episode, with its role if it has one and its time in store microseconds.
    private typealias ScoredEpisode = (id: Int64, role: String?, time: Int64)

    /// The scored episodes, read once for the named-speaker boost, conversation evidence (which
    /// take those with a role, the conversation turns) and the named-period boost (which takes
    /// all); none of them changes which episodes score. None when all three are off.
    private func scoredEpisodes(_ episodes: [Int64: Candidate], periods: Bool) throws -> [ScoredEpisode] {
        guard options.namedSpeakerBoost > 0 || options.conversationEvidence > 0 || periods else { return [] }
        let ids = episodes.filter { $0.value.score > 0 }.map(\.key)
        guard !ids.isEmpty else { return [] }
        var scored: [ScoredEpisode] = []
        try HotStatement.query(
            db.cachedStatement(
                sql: """
                    SELECT p.id, p.role, p.occurred_at FROM json_each(?) AS c CROSS JOIN episodes p
                    ON p.id = c.value WHERE p.namespace = ?
                    """), [.text(IDList.json(ids)), .text(store.namespace)]
        ) { scored.append(($0.int64(0), $0.optionalText(1), $0.int64(2))) }
        return scored
    }

    /// Episodes gain ``SearchOptions/conversationEvidence`` in proportion to the evidence of
    /// their conversation: the sum of its best ``evidenceDepth`` episode scores, against the
    /// best conversation's. Conversations are the scored episodes with a role, cut where two in
    /// a row (by time) are more than ``SearchOptions/conversationGap`` apart.
    private func creditConversationEvidence(_ episodes: inout [Int64: Candidate], turns: [Turn]) {
        guard options.conversationEvidence > 0 else { return }
        let scored = episodes.filter { $0.value.score > 0 }.mapValues(\.score)
        guard !scored.isEmpty else { return }
        let turns = turns.sorted { ($0.time, $0.id) < ($1.time, $1.id) }
        let gap = StoreTime.microseconds(options.conversationGap)
        var conversations: [[Int64]] = []
        var previous: Int64?
        for turn in turns {
            if let previous, turn.time - previous <= gap {
                conversations[conversations.count - 1].append(turn.id)
            } else {
                conversations.append([turn.id])
            }
            previous = turn.time
        }
        let inConversation = Set(turns.map(\.id))
        conversations += scored.keys.filter { !inConversation.contains($0) }.map { [$0] }
        let evidence = conversations.map { members in
            members.map { scored[$0]! }.sortedPrefix(Self.evidenceDepth, by: >).reduce(0, +)
        }
        guard let best = evidence.max(), best > 0 else { return }
        for (members, evidence) in zip(conversations, evidence) {
            for id in members {
                episodes[id]?.breakdown.conversation = 1 + options.conversationEvidence * evidence / best
            }
        }
    }

    /// How many of a conversation's best episode scores make its evidence.
    static let evidenceDepth = 5

    // MARK: Order

    private func rank<Item: Hashable & Sendable & Codable>(
        _ items: [Item], candidates: [Int64: Candidate], id: (Item) -> Int64, kind: String,
        time: (Item) -> Date
    ) -> [SearchHit<Item>] {
        let reference = options.asOf ?? now
        var hits: [SearchHit<Item>] = items.compactMap { item in
            guard var candidate = candidates[id(item)] else { return nil }
            if options.recencyWeight > 0 {
                let age = max(0, reference.timeIntervalSince(time(item)))
                candidate.breakdown.recency =
                    1 + options.recencyWeight * pow(0.5, age / options.recencyHalfLife)
            }
            guard candidate.score > 0 else { return nil }
            return SearchHit(item: item, score: candidate.score, breakdown: candidate.breakdown)
        }
        hits.sort { $0.score != $1.score ? $0.score > $1.score : id($0.item) < id($1.item) }
        if let lambda = options.mmrLambda, let vector,
            let index = try? store.vectorIndexes.index(
                kind: kind, model: vector.model, namespace: store.namespace, dimension: vector.values.count,
                db: db)
        {
            let pool = hits.prefix(count * 4).map { ($0, $0.score, index.vector(of: id($0.item))) }
            hits = MaximalMarginalRelevance(lambda: lambda).rerank(pool, limit: count)
        }
        return hits.prefix(count).map { hit in
            var hit = hit
            if !options.explain { hit.breakdown = nil }
            return hit
        }
    }

    // MARK: Loading

    private func loadEpisodes(_ ids: [Int64]) throws -> [Episode] {
        var episodes: [Episode] = []
        try HotStatement.query(
            db.cachedStatement(
                sql: """
                    SELECT \(RowDecoding.episodeColumns) FROM json_each(?) AS c CROSS JOIN episodes p ON p.id = c.value
                    WHERE p.namespace = ?
                    """), [.text(IDList.json(ids)), .text(store.namespace)]
        ) { episodes.append(RowDecoding.episode($0)) }
        return episodes
    }
}
