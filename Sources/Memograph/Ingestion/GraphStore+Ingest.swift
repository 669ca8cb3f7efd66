import Foundation
import GRDB

extension GraphStore {
    /// Remembers raw input: stores the episode verbatim, extracts entities and facts from it
    /// (offline rules by default), resolves the names against the store, and writes the facts
    /// with the episode as their provenance — all in one transaction.
    ///
    /// Duplicates add provenance, a new value of a single-valued relation closes the old one,
    /// and a fact the text says replaces earlier values ("Ada moved to the data team", "ignore my
    /// previous preference") closes them. A candidate fact the store refuses (the ontology forbids
    /// it, a name is ambiguous) is reported in ``IngestReport/skipped``; the episode is stored anyway.
    ///
    /// - Throws: ``MemographError`` for bad input (empty content, unknown scope entity, a taken
    ///   external id, an embedder whose model differs from the store's); the store is then unchanged.
    @discardableResult
    public func ingest(_ episode: IncomingEpisode, options: IngestOptions = IngestOptions()) async throws
        -> IngestReport
    {
        try await ingest([episode], options: options)[0]
    }

    /// Remembers several episodes in order, in one transaction: all of them, or (when one is bad
    /// input) none. With an offline extractor each episode sees the entities the earlier ones
    /// created, exactly as one call per episode would; names are embedded for similarity
    /// resolution in one call for the whole batch.
    @discardableResult
    public func ingest(_ episodes: [IncomingEpisode], options: IngestOptions = IngestOptions()) async throws
        -> [IngestReport]
    {
        let now = self.now
        let drafts = try episodes.map { try draft($0, now: now) }
        let extractor = try options.extractor ?? defaultExtractor.extractor(for: ontology)
        let synchronous = extractor as? any SynchronousExtractor

        // What each episode yields against the store as it is now: the final extraction for a
        // model-backed extractor, a preview of the names to embed for an offline one (which is
        // deterministic, so when the write transaction sees the entities its preview saw, the
        // preview is the final extraction). The names to embed are looked up in the same read.
        var previews: [(scope: [KnownEntity], extraction: Extraction, error: String?)] = []
        var previewed: [[KnownEntity]] = []
        var names = NamesToEmbed()
        if let synchronous, options.embedder != nil {
            let looked = try await read { db in
                let looked = try drafts.map { draft in
                    let (scope, known) = try lookUp(draft, db: db)
                    return (scope, known, synchronous.extractNow(context(draft, scope: scope, known: known)))
                }
                let all = Extraction(entities: looked.flatMap(\.2.entities), facts: looked.flatMap(\.2.facts))
                return (looked, try namesToEmbed(all, db: db, now: now))
            }
            previews = looked.0.map { (scope: $0.0, extraction: $0.2, error: nil) }
            previewed = looked.0.map { $0.1 }
            names = looked.1
        }
        if synchronous == nil {
            for draft in drafts {
                let (scope, known) = try await read { db in try lookUp(draft, db: db) }
                previews.append(
                    try await extract(with: extractor, context(draft, scope: scope, known: known), scope))
            }
            if options.embedder != nil {
                let all = Extraction(
                    entities: previews.flatMap(\.extraction.entities),
                    facts: previews.flatMap(\.extraction.facts))
                names = try await read { db in try namesToEmbed(all, db: db, now: now) }
            }
        }
        let extracted = previews
        let seen = previewed
        let vectors = try await embed(names, with: options.embedder)
        return try await database.write { db in
            try drafts.enumerated().map { index, draft in
                guard let synchronous else {
                    let preview = extracted[index]
                    return try write(
                        draft, extraction: preview.extraction, extractor: extractor.name,
                        extractionError: preview.error, scope: preview.scope, vectors: vectors,
                        options: options,
                        db: db)
                }
                // An offline extractor runs inside the write transaction, after the earlier episodes.
                let (scope, known) = try lookUp(draft, db: db)
                let reusable =
                    seen.indices.contains(index) && seen[index] == known && extracted[index].scope == scope
                return try write(
                    draft,
                    extraction: reusable
                        ? extracted[index].extraction
                        : synchronous.extractNow(context(draft, scope: scope, known: known)),
                    extractor: extractor.name, extractionError: nil, scope: scope, vectors: vectors,
                    options: options, db: db)
            }
        }
    }

    /// Validates an episode and fixes its time.
    private func draft(_ episode: IncomingEpisode, now: Date) throws -> EpisodeDraft {
        let transcript = episode.transcript
        try Self.validateEpisode(
            content: transcript, role: episode.role, externalID: episode.externalID,
            metadata: episode.metadata)
        if case .messages(let messages) = episode.content {
            for message in messages {
                _ = try TextRules.nonEmpty(message.role, field: "message role", maxLength: 200)
                if let name = message.name {
                    _ = try TextRules.nonEmpty(name, field: "message name", maxLength: 200)
                }
            }
        }
        if let speaker = episode.speaker {
            _ = try TextRules.nonEmpty(speaker, field: "speaker", maxLength: 200)
        }
        return EpisodeDraft(
            episode: episode, transcript: transcript, segments: Self.segments(of: episode),
            occurredAt: StoreTime.truncate(episode.occurredAt ?? now), now: now)
    }

    private func context(_ draft: EpisodeDraft, scope: [KnownEntity], known: [KnownEntity])
        -> ExtractionContext
    {
        ExtractionContext(
            segments: draft.segments, occurredAt: draft.occurredAt, scope: scope, known: known,
            ontology: ontology)
    }

    /// Runs a model-backed extractor. The episode is kept even when extraction fails (an LLM that
    /// times out or answers nonsense): the failure is reported instead of thrown.
    private func extract(with extractor: any Extractor, _ context: ExtractionContext, _ scope: [KnownEntity])
        async throws -> (scope: [KnownEntity], extraction: Extraction, error: String?)
    {
        do {
            return (scope, try await extractor.extract(context), nil)
        } catch let error as CancellationError {
            throw error
        } catch {
            return (
                scope, Extraction(),
                (error as? any LocalizedError)?.errorDescription ?? String(describing: error)
            )
        }
    }

    /// An episode validated and about to be stored.
    private struct EpisodeDraft: Sendable {
        var episode: IncomingEpisode
        var transcript: String
        var segments: [ExtractionSegment]
        var occurredAt: Date
        var now: Date
    }

    /// The episode's scope entities and the store's entities its text names.
    private func lookUp(_ draft: EpisodeDraft, db: Database) throws -> (
        scope: [KnownEntity], known: [KnownEntity]
    ) {
        let entities = EntityResolver(db: db, namespace: namespace, now: draft.now, rules: ontologyRules)
        let scope = try draft.episode.scope.map { try Self.known(entities.resolve($0)) }
        return (
            scope,
            try Self.knownEntities(in: draft.segments, db: db, namespace: namespace, resolver: entities)
        )
    }

    /// Stores the episode, resolves the extracted names and writes the facts, inside a write
    /// transaction.
    private func write(
        _ draft: EpisodeDraft, extraction: Extraction, extractor: String, extractionError: String?,
        scope: [KnownEntity], vectors: [String: [Float]], options: IngestOptions, db: Database
    ) throws -> IngestReport {
        let episode = draft.episode
        let stored = try insertEpisode(
            db: db, content: draft.transcript, role: episode.role, externalID: episode.externalID,
            occurredAt: draft.occurredAt, metadata: episode.metadata, now: draft.now)
        let model = options.embedder?.modelIdentity
        if let model {
            try db.execute(
                sql: "INSERT OR IGNORE INTO store_info (key, value) VALUES ('embedding_model', ?)",
                arguments: [model])
        }
        let resolver = CandidateResolver(
            db: db, namespace: namespace, now: draft.now, rules: ontologyRules, vectors: vectors,
            model: model,
            threshold: options.similarityThreshold)
        var writer = IngestWriter(
            db: db, namespace: namespace, now: draft.now, rules: ontologyRules, episode: stored,
            resolver: resolver)
        for entity in extraction.entities {
            _ = try writer.entity(name: entity.name, type: entity.type, aliases: entity.aliases)
        }
        for scoped in scope {
            try writer.recordMention(
                EntityResolution(
                    surface: scoped.name, candidateType: scoped.type, entity: scoped.id, method: .name))
        }
        for fact in extraction.facts {
            try writer.write(fact, defaultValidFrom: draft.occurredAt)
        }
        return IngestReport(
            episode: stored, extractor: extractor, extractionError: extractionError,
            resolutions: writer.resolutions, facts: writer.written, skipped: writer.skipped)
    }

    /// Remembers a text; see ``ingest(_:options:)``.
    @discardableResult
    public func ingest(
        text: String, speaker: String? = nil, occurredAt: Date? = nil, scope: [EntityReference] = [],
        options: IngestOptions = IngestOptions()
    ) async throws -> IngestReport {
        try await ingest(
            IncomingEpisode(text: text, speaker: speaker, occurredAt: occurredAt, scope: scope),
            options: options)
    }

    /// The candidate names to embed for similarity resolution, and the model the store's vectors
    /// come from.
    private struct NamesToEmbed {
        var unmatched: [(key: String, text: String)] = []
        var recordedModel: String?
    }

    /// The candidate names that match no entity by name or alias: the only ones similarity may
    /// resolve.
    private func namesToEmbed(_ extraction: Extraction, db: Database, now: Date) throws -> NamesToEmbed {
        var names = extraction.entities.map { ($0.name, $0.type) }
        for fact in extraction.facts {
            names.append((fact.subjectName, fact.subjectType))
            if case .entity(let name, let type) = fact.object { names.append((name, type)) }
        }
        let entities = EntityResolver(db: db, namespace: namespace, now: now, rules: ontologyRules)
        var seen = Set<String>()
        let unmatched: [(key: String, text: String)] = try names.compactMap { name, written in
            let type = (try? ontologyRules.type(written).name) ?? OntologyRules.topType
            let key = CandidateResolver.key(name, type)
            guard type != OntologyRules.topType, seen.insert(key).inserted,
                try entities.findIDs(.name(name, type: nil)).isEmpty
            else { return nil }
            return (key, "\(name) (\(type))")
        }
        return NamesToEmbed(unmatched: unmatched, recordedModel: try Self.embeddingModel(db))
    }

    /// Embeds `names` with `embedder`, refusing a model other than the store's.
    private func embed(_ names: NamesToEmbed, with embedder: (any Embedder)?) async throws -> [String:
        [Float]]
    {
        guard let embedder else { return [:] }
        if let recorded = names.recordedModel, recorded != embedder.modelIdentity {
            throw MemographError.embeddingModelMismatch(recorded: recorded, given: embedder.modelIdentity)
        }
        guard !names.unmatched.isEmpty else { return [:] }
        let vectors = try await embedder.embed(names.unmatched.map(\.text))
        guard vectors.count == names.unmatched.count else {
            throw MemographError.invalidArgument(
                field: "embedder",
                reason:
                    "\(embedder.modelIdentity) returned \(vectors.count) vectors for \(names.unmatched.count) texts"
            )
        }
        return Dictionary(zip(names.unmatched.map(\.key), vectors), uniquingKeysWith: { first, _ in first })
    }

    /// The texts an extractor reads, each with the person "I" refers to.
    static func segments(of episode: IncomingEpisode) -> [ExtractionSegment] {
        switch episode.content {
        case .text(let text):
            return [ExtractionSegment(text: text, speaker: episode.speaker)]
        case .messages(let messages):
            return messages.map { message in
                let speaker = message.name ?? (message.role == "user" ? episode.speaker : nil)
                return ExtractionSegment(text: message.content, speaker: speaker, role: message.role)
            }
        }
    }

    private static func known(_ entity: Entity) -> KnownEntity {
        KnownEntity(id: entity.id, type: entity.type, name: entity.name, aliases: entity.aliases)
    }

    /// The store's entities whose name or alias is a run of up to six words of the text (or the
    /// name of a speaker).
    private static func knownEntities(
        in segments: [ExtractionSegment], db: Database, namespace: String, resolver: EntityResolver
    ) throws -> [KnownEntity] {
        var keys = Set<String>()
        for segment in segments {
            if let speaker = segment.speaker { keys.insert(NameNormalizer.normalize(speaker)) }
            for (_, tokens) in TextToken.sentences(of: segment.text) {
                let words = tokens.map {
                    NameNormalizer.normalize($0.kind == .handle ? String($0.text.dropFirst()) : $0.text)
                }
                for start in words.indices {
                    var phrase = ""
                    for end in start..<min(start + 6, words.count) {
                        if tokens[end].kind == .separator { break }
                        phrase += (end == start ? "" : " ") + words[end]
                        keys.insert(phrase)
                    }
                }
            }
        }
        guard !keys.isEmpty else { return [] }
        var ids: [EntityID] = []
        try HotStatement.query(
            db.cachedStatement(
                sql: """
                    SELECT n.id FROM json_each(?1) k JOIN entities n ON n.namespace = ?2 AND n.normalized_name = k.value
                    UNION
                    SELECT a.entity_id FROM json_each(?1) k JOIN aliases a ON a.namespace = ?2 AND a.normalized_alias = k.value
                    """),
            [.text(Self.jsonArray(Array(keys))), .text(namespace)]
        ) { ids.append(EntityID($0.int64(0))) }
        return try resolver.load(ids).map(known)
    }

    /// A JSON array of strings, for `json_each`.
    static func jsonArray(_ strings: [String]) -> String {
        var json = "["
        for (index, string) in strings.enumerated() {
            if index > 0 { json += "," }
            json += "\""
            if string.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") })
            {
                json += string
            } else {
                for scalar in string.unicodeScalars {
                    switch scalar {
                    case "\"": json += "\\\""
                    case "\\": json += "\\\\"
                    case _ where scalar.value < 0x20: json += String(format: "\\u%04x", scalar.value)
                    default: json.unicodeScalars.append(scalar)
                    }
                }
            }
            json += "\""
        }
        return json + "]"
    }
}
