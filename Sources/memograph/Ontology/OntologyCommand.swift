import ArgumentParser

/// `memograph ontology`: check, show and time the OWL ontologies that give the memory its
/// entity types and relation rules.
struct OntologyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ontology",
        abstract: "Check, show and time OWL 2 (RDF/XML) ontologies.",
        subcommands: [OntologyCheckCommand.self, OntologyShowCommand.self, OntologyBenchCommand.self]
    )
}
