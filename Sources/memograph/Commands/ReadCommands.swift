import ArgumentParser
import Foundation
import Memograph

struct FactsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facts",
        abstract: "List the facts about an entity (current view unless --as-of/--known-at).")

    @OptionGroup var store: StoreOptions
    @OptionGroup var time: TimeOptions
    @Argument(help: "The entity: Type:name or a name.") var entity: String
    @Option(help: "Only this relation.") var relation: String?
    @Option(help: "outgoing, incoming or both.") var direction: EdgeDirection = .both
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let slice = try time.slice()
        let facts = try store.use {
            try $0.facts(
                about: EntityReference(parsing: entity), relation: relation, direction: direction,
                asOf: slice.asOf,
                knownAt: slice.knownAt)
        }
        if json { return try Output.json(facts) }
        if facts.isEmpty { print("no facts") }
        facts.forEach { print(Output.line($0)) }
    }
}

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show every version of SUBJECT —RELATION→ …, superseded ones included, oldest first.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The subject: Type:name or a name.") var subject: String
    @Argument(help: "The relation.") var relation: String
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let history = try store.use {
            try $0.history(of: EntityReference(parsing: subject), relation: relation)
        }
        if json { return try Output.json(history) }
        if history.isEmpty { print("no history") }
        history.forEach { print(Output.line($0)) }
    }
}

struct NeighboursCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "neighbours",
        abstract: "List the entities within --depth hops of an entity over valid edges.",
        aliases: ["neighbors"])

    @OptionGroup var store: StoreOptions
    @OptionGroup var time: TimeOptions
    @Argument(help: "The entity: Type:name or a name.") var entity: String
    @Option(help: "How many hops (1–10).") var depth = 1
    @Option(help: "Only follow this relation.") var relation: String?
    @Option(help: "outgoing, incoming or both.") var direction: EdgeDirection = .both
    @Flag(
        help: """
            Follow --relation, which the ontology must declare transitive, to its end (up to 10 hops): \
            everything the entity is, transitively, partOf.
            """)
    var closure = false
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let slice = try time.slice()
        let found = try store.use {
            try $0.neighbours(
                of: EntityReference(parsing: entity), relation: relation, direction: direction, depth: depth,
                closure: closure, asOf: slice.asOf, knownAt: slice.knownAt)
        }
        if json { return try Output.json(found) }
        if found.isEmpty { print("no neighbours") }
        for neighbour in found {
            print(
                "\(neighbour.hops)  \(neighbour.entity.reference)  via \(neighbour.via.relation) (#\(neighbour.via.id.rawValue))"
            )
        }
    }
}

struct PathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "Find a shortest path between two entities over valid edges.",
        discussion: """
            Edges are walked either way unless --direction says otherwise: with outgoing, each step \
            goes from an edge's subject to its object ("what does Ada reach through what she \
            maintains and what that depends on?"). --relation keeps one relation (its inverse and \
            subproperties with an ontology).
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var time: TimeOptions
    @Argument(help: "Where the path starts.") var from: String
    @Argument(help: "Where the path ends.") var to: String
    @Option(help: "Only follow this relation.") var relation: String?
    @Option(help: "outgoing, incoming or both.") var direction: EdgeDirection = .both
    @Option(help: "The longest path to look for (1–12).") var maxDepth = 6
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let slice = try time.slice()
        let graph = try store.open()
        defer { try? graph.close() }
        let steps = try graph.path(
            from: EntityReference(parsing: from), to: EntityReference(parsing: to), relation: relation,
            direction: direction, maxDepth: maxDepth, asOf: slice.asOf, knownAt: slice.knownAt)
        if json { return try Output.json(steps) }
        guard let steps else {
            print("no path within \(maxDepth) hops")
            throw ExitCode(1)
        }
        var names: [EntityID: String] = [:]
        for step in steps {
            for id in [step.from, step.to] where names[id] == nil {
                names[id] = try graph.entity(id)?.reference
            }
        }
        for step in steps {
            let arrow = step.reversed ? "←\(step.edge.relation)—" : "—\(step.edge.relation)→"
            print("\(names[step.from] ?? "?") \(arrow) \(names[step.to] ?? "?")")
        }
    }
}

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Count entities, edges and episodes in the namespace.")

    @OptionGroup var store: StoreOptions
    @Flag(help: "Print JSON.") var json = false

    func run() throws {
        let graph = try store.open()
        defer { try? graph.close() }
        let stats = try graph.statistics()
        if json { return try Output.json(stats) }
        print("store      \(graph.path) (\(stats.fileBytes) bytes)")
        print(
            "namespace  \(stats.namespace) (of \(stats.namespaces.count): \(stats.namespaces.joined(separator: ", ")))"
        )
        print("entities   \(stats.entities)")
        print("edges      \(stats.currentEdges) current, \(stats.totalEdges) versions")
        print("episodes   \(stats.episodes)")
        for type in stats.types { print("  type      \(type.type): \(type.entities)") }
        for relation in stats.relations { print("  relation  \(relation.relation): \(relation.edges)") }
    }
}

extension EdgeDirection: ExpressibleByArgument {}
