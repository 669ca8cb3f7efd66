import ArgumentParser
import Foundation
import Memograph

/// `memograph ontology show`: prints an ontology's class tree and properties with their
/// characteristics, as text or JSON.
struct OntologyShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show the class tree and the properties with their characteristics."
    )

    @OptionGroup var ontology: OntologyOptions

    @Flag(help: "Print the whole ontology as JSON.")
    var json = false

    func run() throws {
        let loaded = try ontology.load()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(loaded), as: UTF8.self))
        } else {
            print(Self.text(of: loaded))
        }
    }

    static func text(of ontology: Ontology) -> String {
        var lines = [
            "ontology \(ontology.iri ?? "(no IRI)")", "  files: " + ontology.files.joined(separator: ", "),
            "  fingerprint: \(ontology.fingerprint)", "", "classes:",
        ]
        func addClass(_ ontologyClass: OntologyClass, depth: Int) {
            let synonyms =
                ontologyClass.altLabels.isEmpty
                ? "" : "  (" + ontologyClass.altLabels.joined(separator: ", ") + ")"
            let disjoint =
                ontologyClass.disjointClasses.isEmpty
                ? ""
                : "  disjoint with " + ontologyClass.disjointClasses.map(localName).joined(separator: ", ")
            lines.append(String(repeating: "  ", count: depth + 1) + ontologyClass.name + synonyms + disjoint)
            for child in ontology.classes where child.superclasses.contains(ontologyClass.iri) {
                addClass(child, depth: depth + 1)
            }
        }
        for root in ontology.classes where root.superclasses.isEmpty {
            addClass(root, depth: 0)
        }
        lines += ["", "properties:"]
        for property in ontology.properties {
            let domain =
                property.domain.isEmpty ? "any" : property.domain.map(localName).joined(separator: " | ")
            var details = ["\(property.kind.rawValue)", "\(domain) → \(property.range)"]
            details += property.characteristics
            if let inverse = property.inverse { details.append("inverse of \(localName(inverse))") }
            if !property.superProperties.isEmpty {
                details.append(
                    "sub-property of " + property.superProperties.map(localName).joined(separator: ", "))
            }
            if property.retrievalWeight != 1 { details.append("weight \(property.retrievalWeight)") }
            lines.append("  \(property.name): " + details.joined(separator: "; "))
            let names = property.labels + property.altLabels
            if !names.isEmpty { lines.append("      names: " + names.joined(separator: ", ")) }
        }
        return lines.joined(separator: "\n")
    }

    private static func localName(_ iri: String) -> String {
        OntologyName.localName(of: iri)
    }
}
