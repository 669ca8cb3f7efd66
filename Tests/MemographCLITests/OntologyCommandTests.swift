import Foundation
import MemographTestSupport
import Testing

/// Runs the built `memograph` executable and checks what `memograph ontology …` prints.
@Suite struct OntologyCommandTests {
    struct Output {
        let status: Int32
        let standardOutput: String
        let standardError: String
    }

    static func run(_ arguments: [String]) throws -> Output {
        let products = try #require(Bundle.main.executableURL).deletingLastPathComponent()
        let executable = products.appendingPathComponent("memograph")
        try #require(FileManager.default.isExecutableFile(atPath: executable.path))
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let standardOutput = output.fileHandleForReading.readDataToEndOfFile()
        let standardError = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(
            status: process.terminationStatus,
            standardOutput: String(decoding: standardOutput, as: UTF8.self),
            standardError: String(decoding: standardError, as: UTF8.self))
    }

    static var ontologiesFolder: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../Ontologies")
            .standardizedFileURL.path
    }

    @Test func checkSummarisesValidFiles() throws {
        let memograph = Self.ontologiesFolder + "/memograph.owl"
        let output = try Self.run([
            "ontology", "check", memograph, Self.ontologiesFolder + "/home-devices.owl",
        ])
        #expect(output.status == 0)
        #expect(output.standardError == "")
        #expect(
            output.standardOutput.contains(
                "\(memograph): ok — 17 classes, 29 properties (22 object, 7 datatype)"))
        #expect(
            output.standardOutput.contains(
                "functional: hasRole, hasVersion, isDeprecated, listensOnPort, occurredOn, reportsTo"))
        #expect(output.standardOutput.contains("home-devices.owl: ok — 24 classes, 37 properties"))
    }

    @Test func checkPrintsErrorsWithFileAndLineAndFails() throws {
        let folder = try ScratchDirectory.make("memograph-cli")
        let file = folder.appendingPathComponent("bad.owl").path
        try """
        <?xml version="1.0"?>
        <rdf:RDF xmlns:owl="http://www.w3.org/2002/07/owl#"
                 xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
                 xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">
            <owl:ObjectProperty rdf:about="http://example.org/memberOf">
                <rdfs:range rdf:resource="http://example.org/Team"/>
            </owl:ObjectProperty>
        </rdf:RDF>
        """.write(toFile: file, atomically: false, encoding: .utf8)
        let output = try Self.run(["ontology", "check", file])
        #expect(output.status == 1)
        #expect(output.standardOutput == "")
        #expect(
            output.standardError.hasPrefix("\(file):6: error: undefined class 'Team' as range of 'memberOf'"))
        #expect(output.standardError.contains("\(file): 1 error"))
    }

    @Test func showPrintsTheClassTreeAndCharacteristics() throws {
        let output = try Self.run([
            "ontology", "show", "--ontology", Self.ontologiesFolder + "/memograph.owl",
        ])
        #expect(output.status == 0)
        #expect(output.standardOutput.contains("\n  Actor  (party)"))
        #expect(output.standardOutput.contains("\n      User  (end user, human user)\n"))
        #expect(
            output.standardOutput.contains(
                "  reportsTo: object; Actor → Actor; functional; inverse of manages;"))
        #expect(output.standardOutput.contains("  knows: object; Actor → Actor; symmetric; weight 0.5"))
    }

    @Test func showJSONUsesTheBundledDefault() throws {
        let output = try Self.run(["ontology", "show", "--json"])
        #expect(output.status == 0)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [String: Any])
        #expect(json["iri"] as? String == "https://memograph.dev/ontology/memograph")
        #expect((json["classes"] as? [Any])?.count == 17)
        #expect((json["properties"] as? [Any])?.count == 29)
    }

    @Test func showFailsOnAMissingOntology() throws {
        let output = try Self.run(["ontology", "show", "--ontology", "/nonexistent/x.owl"])
        #expect(output.status == 1)
        #expect(output.standardError.hasPrefix("/nonexistent/x.owl:0: error: cannot read the file"))
    }
}
