import Foundation
import Memograph
import MemographTestSupport

/// A fresh temporary folder for ontology files written by a test, with helpers to wrap
/// fragments in an RDF/XML document and to find the line a snippet is on.
struct OntologyTestFolder {
    let path: String

    init() throws {
        path = try ScratchDirectory.make("memograph-ontology-tests").path
    }

    /// Writes `text` to `name` in the folder and returns the file's path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = (path as NSString).appendingPathComponent(name)
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        return file
    }

    /// Writes `body` inside an rdf:RDF element (base `http://example.org/test`) and returns the path.
    @discardableResult
    func writeOntology(_ name: String, _ body: String) throws -> String {
        try write(name, Self.document(body))
    }

    /// `body` wrapped in an rdf:RDF element with the usual namespaces; the body starts on line 11.
    static func document(_ body: String, base: String = "http://example.org/test") -> String {
        """
        <?xml version="1.0"?>
        <rdf:RDF xmlns="\(base)#"
             xml:base="\(base)"
             xmlns:owl="http://www.w3.org/2002/07/owl#"
             xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
             xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"
             xmlns:xsd="http://www.w3.org/2001/XMLSchema#"
             xmlns:skos="http://www.w3.org/2004/02/skos/core#"
             xmlns:mg="https://memograph.dev/ontology/annotations#">
            <owl:Ontology rdf:about="\(base)"/>
        \(body)
        </rdf:RDF>

        """
    }

    /// The 1-based line of the first line of the file at `file` containing `snippet`.
    static func line(of snippet: String, in file: String) throws -> Int {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let lines = text.components(separatedBy: "\n")
        guard let index = lines.firstIndex(where: { $0.contains(snippet) }) else { return -1 }
        return index + 1
    }

    /// Loads `file` and returns the error it must fail with, or nil when it loads.
    static func loadError(_ file: String) -> OntologyError? {
        do {
            _ = try OntologyLoader().load(path: file)
            return nil
        } catch {
            return error
        }
    }
}
