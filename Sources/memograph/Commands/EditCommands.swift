import ArgumentParser
import Foundation
import Memograph

struct RetractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retract",
        abstract: "End a fact (by edge id) without forgetting it: it stays in history and as-of reads.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The edge id, as printed by facts (#12 → 12).") var edge: Int64
    @Option(help: "When it stopped holding (default now).") var at: String?

    func run() throws {
        try store.use {
            try $0.retract(EdgeID(edge), at: try at.map { try ISO8601.parse($0, field: "--at") })
        }
        print("retracted #\(edge)")
    }
}

struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Remove a fact physically, history included; what it had closed becomes current again.")

    @OptionGroup var store: StoreOptions
    @Argument(help: "The edge id.") var edge: Int64

    func run() throws {
        try store.use { try $0.purge(EdgeID(edge)) }
        print("purged #\(edge)")
    }
}

struct EntityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "entity", abstract: "Create, show and find entities.",
        subcommands: [Add.self, Show.self, Find.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create or update TYPE:NAME.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The entity as Type:name.") var entity: String
        @Option(help: "Another name for it (repeatable).") var alias: [String] = []
        @Option(help: "A short description.") var summary: String?
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            guard case .name(let name, let type?) = EntityReference(parsing: entity) else {
                throw MemographError.invalidArgument(
                    field: "entity", reason: "write it as Type:name, e.g. Person:Ada")
            }
            let created = try store.use {
                try $0.upsertEntity(name: name, type: type, summary: summary, aliases: alias)
            }
            if json { return try Output.json(created) }
            print("#\(created.id.rawValue) \(created.reference)")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one entity.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "Type:name or a name.") var entity: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let found = try store.use { try $0.resolve(EntityReference(parsing: entity)) }
            if json { return try Output.json(found) }
            print("#\(found.id.rawValue) \(found.reference)")
            if !found.aliases.isEmpty { print("aliases: \(found.aliases.joined(separator: ", "))") }
            if let summary = found.summary { print(summary) }
        }
    }

    struct Find: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Find entities by name or alias, of any type.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "A name or alias.") var name: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let found = try store.use { try $0.findEntities(named: name) }
            if json { return try Output.json(found) }
            if found.isEmpty { print("no entity named '\(name)'") }
            found.forEach { print("#\($0.id.rawValue) \($0.reference)") }
        }
    }
}

struct EpisodeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "episode",
        abstract: "Store, show, list and delete episodes (raw input kept as provenance).",
        subcommands: [Add.self, Show.self, List.self, Delete.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Store TEXT verbatim as an episode.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The text.") var text: String
        @Option(help: "Who said it: user, assistant, a name.") var role: String?
        @Option(name: .customLong("id"), help: "Your id for it, unique in the namespace.") var externalID:
            String?
        @Option(help: "When it happened (default now).") var at: String?
        @Option(help: "Metadata as key=value (repeatable).") var meta: [String] = []
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            var metadata: [String: String] = [:]
            for pair in meta {
                guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                    throw MemographError.invalidArgument(
                        field: "--meta", reason: "'\(pair)' is not key=value")
                }
                metadata[String(pair[..<equals])] = String(pair[pair.index(after: equals)...])
            }
            let episode = try store.use {
                try $0.addEpisode(
                    text, role: role, externalID: externalID,
                    occurredAt: try at.map { try ISO8601.parse($0, field: "--at") }, metadata: metadata)
            }
            if json { return try Output.json(episode) }
            print("episode \(episode.id.rawValue)")
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one episode.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The episode id.") var id: Int64
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let episode = try store.use { try $0.episode(EpisodeID(id)) }
            if json { return try Output.json(episode) }
            print(
                "episode \(id) at \(ISO8601.format(episode.occurredAt))\(episode.role.map { " by \($0)" } ?? "")"
            )
            print(episode.content)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List episodes, newest first.")
        @OptionGroup var store: StoreOptions
        @Option(help: "How many.") var limit = 20
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let episodes = try store.use { try $0.episodes(limit: limit) }
            if json { return try Output.json(episodes) }
            for episode in episodes {
                let firstLine = episode.content.split(separator: "\n").first.map(String.init) ?? ""
                print(
                    "\(episode.id.rawValue)  \(ISO8601.format(episode.occurredAt))  \(firstLine.prefix(80))")
            }
        }
    }

    struct Delete: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete an episode; facts it alone supported are withdrawn.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "The episode id.") var id: Int64

        func run() throws {
            let withdrawn = try store.use { try $0.deleteEpisode(EpisodeID(id)) }
            print("deleted episode \(id); withdrew \(withdrawn.count) fact(s)")
        }
    }
}
