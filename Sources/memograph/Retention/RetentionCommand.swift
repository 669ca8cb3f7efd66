import ArgumentParser
import Memograph

/// `memograph retention set|clear|list`: how long this namespace keeps facts.
struct RetentionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retention",
        abstract: "How long facts are kept: per relation, or a default for the namespace.",
        discussion: """
            A fact expires its duration after it was recorded or last confirmed by an episode: it leaves \
            the current view at once, and `memograph maintain` purges it. \
            Example: memograph retention set 30d --relation prefers
            """,
        subcommands: [SetRule.self, ClearRule.self, ListRules.self])

    struct SetRule: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract:
                "Keep facts (of --relation, or all without a rule) for DURATION: 90s, 45m, 12h, 30d, 2w.")
        @OptionGroup var store: StoreOptions
        @Argument(help: "How long: 90s, 45m, 12h, 30d or 2w.") var duration: String
        @Option(help: "The relation the rule is for (default: every relation without its own rule).")
        var relation: String?

        func run() throws {
            let seconds = try RetentionRule.seconds(parsing: duration, field: "DURATION")
            try store.use { try $0.setRetention(seconds, relation: relation) }
        }
    }

    struct ClearRule: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "clear", abstract: "Remove a rule: facts it covered are kept again.")
        @OptionGroup var store: StoreOptions
        @Option(help: "The relation whose rule goes (default: the namespace's default rule).") var relation:
            String?

        func run() throws {
            try store.use { try $0.setRetention(nil, relation: relation) }
        }
    }

    struct ListRules: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "Print the namespace's retention rules.")
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let rules = try store.use { try $0.retentionRules() }
            if json { return try Output.json(rules) }
            for rule in rules { print("\(rule.relation ?? "*")\t\(rule.durationText)") }
        }
    }
}
