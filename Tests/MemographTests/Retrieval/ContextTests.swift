import Foundation
import Memograph
import Testing

@Suite struct ContextTests {
    @Test func contextIsGroupedByEntityNewestFirstAndWithinBudget() async throws {
        let fixture = try StoreFixture()
        let store = fixture.store
        try store.relate("Service:api", "dependsOn", "Tool:redis", validFrom: day(1))
        try store.relate("Service:api", "dependsOn", "Tool:kafka", validFrom: day(20))
        try store.addEpisode("the api team moved to kafka", role: "Ada", occurredAt: day(21))

        let full = try await store.context(for: "api kafka redis", budget: 1_000)
        let lines = full.split(separator: "\n").map(String.init)
        #expect(lines.first == "api (Service)")
        let kafka = try #require(lines.firstIndex { $0.contains("api dependsOn kafka") })
        let redis = try #require(lines.firstIndex { $0.contains("api dependsOn redis") })
        #expect(kafka < redis)
        #expect(lines.contains("Episodes"))
        #expect(
            lines.contains { $0.hasPrefix("- 2026-03-21") && $0.contains("Ada: the api team moved to kafka") }
        )

        for budget in [5, 12, 20, 40] {
            let cut = try await store.context(for: "api kafka redis", budget: budget)
            #expect((cut.count + 3) / 4 <= budget)
        }
        #expect(try await store.context(for: "api kafka redis", budget: 20).contains("dependsOn"))
        await #expect(
            throws: MemographError.invalidArgument(field: "budget", reason: "must be at least 1 token")
        ) {
            try await store.context(for: "api", budget: 0)
        }
    }
}
