import ArgumentParser
import Memograph

/// `--extractor rules`.
enum ExtractorChoice: String, ExpressibleByArgument, CaseIterable {
    case rules

    func make(ontology: Ontology?) throws -> any Extractor {
        switch self {
        case .rules: try RuleExtractor(ontology: ontology)
        }
    }
}
