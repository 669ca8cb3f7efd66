import ArgumentParser
import Memograph
import MemographLLM

/// `--extractor rules|llm`.
enum ExtractorChoice: String, ExpressibleByArgument, CaseIterable {
    case rules
    case llm

    func make(ontology: Ontology?, llm: LLMOptions) throws -> any Extractor {
        switch self {
        case .rules: try RuleExtractor(ontology: ontology)
        case .llm:
            LLMExtractor(configuration: try .fromEnvironment(overriding: llm.overrides), ontology: ontology)
        }
    }
}
