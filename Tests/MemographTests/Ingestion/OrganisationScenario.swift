import Foundation
import Memograph

/// The hand-labelled organisation scenario (`Fixtures/org-scenario.json`): episodes over March
/// 2026 with the facts a person reads in each.
struct OrganisationScenario: Decodable {
    struct Episode: Decodable {
        var day: Int
        var text: String
        var speaker: String?
        var scope: [String]
        var gold: [String]
    }

    var episodes: [Episode]

    static func load() throws -> OrganisationScenario {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/org-scenario.json")
        return try JSONDecoder().decode(OrganisationScenario.self, from: Data(contentsOf: url))
    }
}
