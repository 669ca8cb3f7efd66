/// A stretch of a clause that names something: an entity (known, typed, a handle, a host, a
/// proper name, the speaker, the episode's scope) or a literal value (a port, a version).
struct Mention: Hashable, Sendable {
    enum Referent: Hashable, Sendable {
        case entity(name: String, type: String, aliases: [String])
        case literal(String)
        /// "I" without a known speaker, "this repo" without such a scope: facts about it are dropped.
        case unresolved
    }

    /// How sure the extractor is of the entity's type.
    enum Origin: Hashable, Sendable {
        /// Already in the store, or given as speaker or scope.
        case known
        /// Typed by the way it is written: `repo acme/api`, `@ada`, `db1.acme.io`, `the platform team`.
        case typed
        /// A capitalised name of unknown type.
        case properName
        case value
    }

    var range: Range<Int>
    var referent: Referent
    var origin: Origin
}
