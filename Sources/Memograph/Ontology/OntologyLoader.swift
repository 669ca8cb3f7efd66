import Foundation
import MemographOntologies

/// Loads OWL 2 RDF/XML ontology files, following owl:imports within the importing file's
/// folder (never the network), and finds the bundled default ontology.
public struct OntologyLoader: Sendable {
    /// The file name of the default agent-memory ontology.
    public static let defaultFileName = BundledOntologies.defaultFileName
    /// The environment variable that, when set, names the default ontology file.
    public static let environmentVariable = "MEMOGRAPH_ONTOLOGY"

    /// Creates a loader.
    public init() {}

    /// Loads the ontology at `path` and its imports, or throws the first problem (by file
    /// and line) — see ``check(path:)`` for all of them.
    public func load(path: String) throws(OntologyError) -> Ontology {
        let result = check(path: path)
        if let error = result.errors.first { throw error }
        guard let ontology = result.ontology else {
            throw OntologyError(.malformedRDF, at: OntologySourceLocation(file: path, line: 0), "no ontology")
        }
        return ontology
    }

    /// Loads the ontology in the file at `url` and its imports.
    public func load(contentsOf url: URL) throws(OntologyError) -> Ontology {
        try load(path: url.path)
    }

    /// Reads the ontology at `path` and its imports and reports every error and warning,
    /// with the ontology when there are no errors.
    public func check(path: String) -> OntologyCheckResult {
        do {
            let files = try readFiles(startingAt: path)
            var builder = OntologyBuilder(triples: files.triples)
            let outcome = builder.build(iri: files.ontologyIRI, imports: files.imports, files: files.paths)
            return OntologyCheckResult(
                ontology: outcome.ontology, errors: outcome.errors, warnings: outcome.warnings)
        } catch {
            return OntologyCheckResult(ontology: nil, errors: [error], warnings: [])
        }
    }

    // MARK: Default ontology

    /// Loads the default agent-memory ontology from ``defaultOntologyPath()``.
    public static func loadDefault() throws(OntologyError) -> Ontology {
        guard let path = defaultOntologyPath() else {
            throw OntologyError(
                .unreadableFile, at: OntologySourceLocation(file: defaultFileName, line: 0),
                "cannot find the bundled \(defaultFileName); set \(environmentVariable) to its path")
        }
        return try OntologyLoader().load(path: path)
    }

    /// Where the default ontology is: `$MEMOGRAPH_ONTOLOGY` when set, else the first that
    /// exists of the package's resource bundle next to the executable or a loaded bundle
    /// (what `swift build` and `swift test` produce), an `Ontologies/` folder next to the
    /// executable or in `../share/memograph/`, and the source checkout's `Ontologies/` folder.
    public static func defaultOntologyPath() -> String? {
        if let path = ProcessInfo.processInfo.environment[environmentVariable], !path.isEmpty {
            return path
        }
        return defaultCandidates().first { FileManager.default.fileExists(atPath: $0) }
    }

    private static func defaultCandidates() -> [String] {
        var folders: [URL] = [Bundle.main.bundleURL]
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            folders.append(executable.deletingLastPathComponent())
        }
        folders += Bundle.allBundles.map { $0.bundleURL.deletingLastPathComponent() }
        var candidates: [URL] = []
        for folder in folders {
            candidates += [
                folder.appendingPathComponent(BundledOntologies.resourceBundleName),
                folder.appendingPathComponent("Memograph_MemographOntologies.bundle/Contents/Resources"),
                folder.appendingPathComponent("Ontologies"),
                folder.appendingPathComponent("../share/memograph/Ontologies"),
            ]
        }
        let checkout = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Ontologies")
        candidates.append(checkout)
        return candidates.map { $0.appendingPathComponent(defaultFileName).standardizedFileURL.path }
    }

    // MARK: Files and imports

    private struct LoadedFiles {
        var triples: [RDFTriple] = []
        var paths: [String] = []
        var imports: [String] = []
        var ontologyIRI: String?
    }

    private func readFiles(startingAt path: String) throws(OntologyError) -> LoadedFiles {
        var loaded = LoadedFiles()
        var queue = [path]
        var seen: Set<String> = [Self.canonical(path)]
        var parsed: [String: [RDFTriple]] = [:]
        while !queue.isEmpty {
            let file = queue.removeFirst()
            let triples: [RDFTriple]
            if let cached = parsed[Self.canonical(file)] {
                triples = cached
            } else {
                triples = try Self.parse(file)
            }
            loaded.paths.append(file)
            loaded.triples += triples
            if loaded.ontologyIRI == nil { loaded.ontologyIRI = Self.ontologyIRIs(in: triples).first }
            for triple in triples where triple.predicate == OntologyVocabulary.owlImports {
                let imported = try resolveImport(triple, from: file, parsed: &parsed)
                if let iri = triple.object.iriValue, !loaded.imports.contains(iri) {
                    loaded.imports.append(iri)
                }
                if seen.insert(Self.canonical(imported)).inserted { queue.append(imported) }
            }
        }
        return loaded
    }

    /// The file an owl:imports names: a relative path or file URL in the importing file's
    /// folder, or an ontology IRI declared by (or a file name of) a file in that folder.
    private func resolveImport(
        _ triple: RDFTriple, from file: String, parsed: inout [String: [RDFTriple]]
    ) throws(OntologyError) -> String {
        let folder = (file as NSString).deletingLastPathComponent
        let written = triple.writtenReference ?? triple.object.iriValue ?? ""
        if written.hasPrefix("file:") || !written.contains(":") {
            let relative =
                written.hasPrefix("file:") ? (URL(string: written)?.path ?? written) : written
            let candidate =
                relative.hasPrefix("/") ? relative : (folder as NSString).appendingPathComponent(relative)
            guard Self.canonical((candidate as NSString).deletingLastPathComponent) == Self.canonical(folder)
            else {
                throw OntologyError(
                    .importOutsideFolder, at: triple.location,
                    "import '\(written)' is outside this file's folder; Memograph imports files from the same "
                        + "folder only")
            }
            guard FileManager.default.fileExists(atPath: candidate) else {
                throw OntologyError(
                    .missingImport, at: triple.location,
                    "imported file '\(written)' does not exist in this folder")
            }
            return candidate
        }
        let iri = triple.object.iriValue ?? written
        let siblings = Self.ontologyFiles(in: folder).filter { Self.canonical($0) != Self.canonical(file) }
        for sibling in siblings {
            guard let triples = parsed[Self.canonical(sibling)] ?? (try? Self.parse(sibling)) else {
                continue
            }
            parsed[Self.canonical(sibling)] = triples
            if Self.ontologyIRIs(in: triples).contains(iri) { return sibling }
        }
        let lastSegment = OntologyName.localName(of: iri.hasSuffix("/") ? String(iri.dropLast()) : iri)
        for name in [lastSegment, lastSegment + ".owl", lastSegment + ".rdf"] {
            if let sibling = siblings.first(where: { ($0 as NSString).lastPathComponent == name }) {
                return sibling
            }
        }
        throw OntologyError(
            .missingImport, at: triple.location,
            "no file in '\(folder.isEmpty ? "." : folder)' declares the imported ontology <\(iri)>; Memograph "
                + "resolves imports within the importing file's folder, never over the network")
    }

    private static func parse(_ path: String) throws(OntologyError) -> [RDFTriple] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw OntologyError(
                .unreadableFile, at: OntologySourceLocation(file: path, line: 0), "cannot read the file")
        }
        let documentIRI = URL(fileURLWithPath: path).standardizedFileURL.absoluteString
        return try RDFXMLParser.triples(in: data, path: path, documentIRI: documentIRI)
    }

    /// The IRIs (and version IRIs) of the owl:Ontology headers among `triples`.
    private static func ontologyIRIs(in triples: [RDFTriple]) -> [String] {
        let headers = triples.filter {
            $0.predicate == OntologyVocabulary.rdfType && $0.object == .iri(OntologyVocabulary.owlOntology)
        }.compactMap(\.subject.iriValue)
        let versions = triples.filter {
            $0.predicate == OntologyVocabulary.owl + "versionIRI"
                && headers.contains($0.subject.iriValue ?? "")
        }.compactMap(\.object.iriValue)
        return headers + versions
    }

    private static func ontologyFiles(in folder: String) -> [String] {
        let directory = folder.isEmpty ? "." : folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".owl") || $0.hasSuffix(".rdf") }.sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
    }

    private static func canonical(_ path: String) -> String {
        URL(fileURLWithPath: path.isEmpty ? "." : path).standardizedFileURL.path
    }
}

extension Ontology {
    /// The default agent-memory ontology (`Ontologies/memograph.owl`), found as
    /// ``OntologyLoader/defaultOntologyPath()`` describes.
    public static func bundledDefault() throws(OntologyError) -> Ontology {
        try OntologyLoader.loadDefault()
    }
}
