import Foundation

/// How long a namespace keeps facts: for one relation, or for every relation without a rule
/// of its own. A fact expires `seconds` after it was recorded or last confirmed by an episode;
/// from then on it is out of the current view, and ``GraphStore/maintain(vacuum:)`` purges it.
public struct RetentionRule: Hashable, Sendable, Codable {
    /// The relation the rule is for; nil for the namespace's default.
    public var relation: String?
    /// How long a fact is kept after its last confirmation.
    public var seconds: Int64

    /// The longest rule: a thousand years.
    public static let maximumSeconds: Int64 = 1_000 * 365 * 86_400

    public init(relation: String?, seconds: Int64) {
        self.relation = relation
        self.seconds = seconds
    }
}

extension RetentionRule {
    private static let units: [(suffix: Character, seconds: Int64)] = [
        ("w", 604_800), ("d", 86_400), ("h", 3_600), ("m", 60), ("s", 1),
    ]

    /// Reads a duration written as a whole number and a unit: `90s`, `45m`, `12h`, `30d`, `2w`.
    ///
    /// - Throws: ``MemographError/invalidArgument(field:reason:)`` naming `field`.
    public static func seconds(parsing text: String, field: String = "retention") throws -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let last = trimmed.last, let unit = units.first(where: { $0.suffix == last }),
            let count = Int64(trimmed.dropLast()), count > 0
        else {
            throw MemographError.invalidArgument(
                field: field, reason: "'\(text)' is not a duration such as 90s, 45m, 12h, 30d or 2w")
        }
        let (product, overflow) = count.multipliedReportingOverflow(by: unit.seconds)
        guard !overflow, product <= maximumSeconds else {
            throw MemographError.invalidArgument(field: field, reason: "'\(text)' is too long")
        }
        return product
    }

    /// The duration in the largest unit that divides it: `30d`, `36h`, `90s`.
    public var durationText: String {
        let unit = Self.units.first { seconds % $0.seconds == 0 }!
        return "\(seconds / unit.seconds)\(unit.suffix)"
    }
}
