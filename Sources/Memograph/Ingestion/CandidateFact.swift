import Foundation

/// A fact an extractor read in an episode: `subject —relation→ object`, the sentence it came
/// from and, when the text says so, when it started to hold and what it replaces.
public struct CandidateFact: Hashable, Sendable, Codable {
    /// The object: an entity (by name and type, as in ``CandidateEntity``) or a literal value.
    public enum Object: Hashable, Sendable, Codable {
        case entity(name: String, type: String)
        case literal(String)
    }

    /// Which earlier values of a multi-valued relation the text says the new one replaces
    /// (single-valued relations replace their value anyway).
    public enum Replacement: String, Hashable, Sendable, Codable {
        /// Current values whose object has the same type ("Ada moved to the data team" ends her
        /// other team memberships; for preferences, those sharing a word: light mode ends dark mode).
        case sameKind
        /// The most recently stated current value ("ignore my previous preference").
        case latest
    }

    /// The subject's name as written (or the speaker's, for "I").
    public var subjectName: String
    /// The subject's ontology class, or `Thing`.
    public var subjectType: String
    /// The relation, as the ontology names it.
    public var relation: String
    /// What the subject is related to.
    public var object: Object
    /// When it started to hold, if the text says ("since March", "yesterday").
    public var validFrom: Date?
    /// The sentence it was read from.
    public var sentence: String
    /// Earlier values the text says this one replaces, if it says so.
    public var replaces: Replacement?

    /// Creates a candidate fact.
    public init(
        subjectName: String, subjectType: String, relation: String, object: Object, validFrom: Date? = nil,
        sentence: String, replaces: Replacement? = nil
    ) {
        self.subjectName = subjectName
        self.subjectType = subjectType
        self.relation = relation
        self.object = object
        self.validFrom = validFrom
        self.sentence = sentence
        self.replaces = replaces
    }
}
