import ArgumentParser
import Foundation
import Memograph

/// `memograph export …`: the graph as GraphML, DOT or a JSONL backup.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract:
            "Write the graph as GraphML (Gephi, yEd, Cytoscape, networkx), DOT (Graphviz) or JSONL (backup).",
        subcommands: [ExportGraphML.self, ExportDOT.self, ExportJSONL.self])
}

struct ExportGraphML: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graphml",
        abstract: "Write the namespace's graph (current view unless told otherwise) as GraphML.",
        discussion: """
            Literal values (ports, versions) become node attributes unless --literal-nodes is given. \
            For a file that `import graphml` restores completely, use --complete (every edge version, \
            literal nodes and episodes); JSONL backs up a whole store.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var select: SelectionOptions
    @OptionGroup var destination: ExportDestination
    @Flag(name: .customLong("literal-nodes"), help: "Literal values as nodes joined by edges.")
    var literalNodes = false
    @Flag(help: "Also write the cited episodes (a second <graph>), for provenance.") var episodes = false
    @Flag(help: "Colour nodes by type for Gephi and yEd (the yEd part is outside the plain schema).")
    var styled =
        false
    @Flag(help: "Everything an import needs: --history --literal-nodes --episodes.") var complete = false

    func run() throws {
        var selection = try select.selection()
        if complete { selection.history = true }
        let options = GraphMLOptions(
            literalNodes: literalNodes || complete, episodes: episodes || complete, styled: styled)
        let progress = ProgressLine(label: "edges written")
        let summary = try store.use { graph in
            try destination.write {
                try graph.exportGraphML(
                    to: $0, selection: selection, options: options, progress: progress.update)
            }
        }
        progress.finish()
        if destination.out != "-" {
            print(
                "wrote \(summary.entities) entities, \(summary.edges) edges, \(summary.episodes) episodes to \(destination.out)"
            )
        }
    }
}

struct ExportDOT: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dot", abstract: "Write the namespace's graph as a Graphviz digraph (for small graphs).")

    @OptionGroup var store: StoreOptions
    @OptionGroup var select: SelectionOptions
    @OptionGroup var destination: ExportDestination

    func run() throws {
        let selection = try select.selection()
        let summary = try store.use { graph in
            try destination.write { try graph.exportDOT(to: $0, selection: selection) }
        }
        if destination.out != "-" {
            print("wrote \(summary.entities) entities, \(summary.edges) edges to \(destination.out)")
        }
    }
}

struct ExportJSONL: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jsonl",
        abstract: "Back up the whole store file (every namespace) as JSONL: one JSON object per line.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var destination: ExportDestination

    func run() throws {
        let progress = ProgressLine(label: "edges written")
        let summary = try store.use { graph in
            try destination.write { try graph.exportJSONL(to: $0, progress: progress.update) }
        }
        progress.finish()
        if destination.out != "-" {
            print(
                "wrote \(summary.entities) entities, \(summary.edges) edges, \(summary.episodes) episodes to \(destination.out)"
            )
        }
    }
}
