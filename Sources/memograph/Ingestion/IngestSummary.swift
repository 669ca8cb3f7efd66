import Memograph

/// What `memograph add` prints: the episode, the facts written and the ones skipped.
struct IngestSummary: Encodable {
    struct WrittenFact: Encodable {
        var edge: Int64
        var outcome: String
        var fact: String
        var candidate: CandidateFact
        var replaced: [Int64]
    }

    struct SkippedFact: Encodable {
        var fact: String
        var reason: String
        var candidate: CandidateFact
    }

    var episode: Int64
    var extractor: String
    var extractionError: String?
    var resolutions: [EntityResolution]
    var facts: [WrittenFact]
    var skipped: [SkippedFact]

    init(_ report: IngestReport) {
        episode = report.episode.id.rawValue
        extractor = report.extractor
        extractionError = report.extractionError
        resolutions = report.resolutions
        facts = report.facts.map { written in
            let outcome =
                switch written.outcome {
                case .inserted: "inserted"
                case .duplicate: "duplicate"
                case .superseded: "superseded"
                case .storedClosed: "stored-closed"
                }
            return WrittenFact(
                edge: written.outcome.edgeID.rawValue, outcome: outcome,
                fact: Self.describe(written.candidate),
                candidate: written.candidate, replaced: written.replaced.map(\.rawValue))
        }
        skipped = report.skipped.map {
            SkippedFact(fact: Self.describe($0.candidate), reason: $0.reason, candidate: $0.candidate)
        }
    }

    /// `Person:Ada —memberOf→ Team:platform`.
    static func describe(_ fact: CandidateFact) -> String {
        let object =
            switch fact.object {
            case .entity(let name, let type): "\(type):\(name)"
            case .literal(let value): "\"\(value)\""
            }
        return "\(fact.subjectType):\(fact.subjectName) —\(fact.relation)→ \(object)"
    }
}
