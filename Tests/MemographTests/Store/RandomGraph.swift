import Foundation
import GRDB

@testable import Memograph

/// A seeded random graph of `Thing` entities with every kind of edge a walk meets: open ones in
/// four relations (`memberOf` single-valued, so some are superseded), literals, self-loops,
/// parallel edges, some retracted on day 28, and `uses` kept 20 days (so those recorded before
/// day 20 have expired by the end). Facts are recorded in order over days 1 to 25 and are valid
/// from random days up to 25; the clock is left at day 40.
enum RandomGraph {
    static func populate(_ fixture: StoreFixture, seed: UInt64, entities: Int = 30, edges: Int = 240) throws {
        let store = fixture.store
        var random = SplitMix(seed: seed)
        let relations = ["knows", "uses", "memberOf", "dependsOn"]
        for index in 0..<edges {
            fixture.clock.set(day(1 + index * 25 / edges))
            let subject = EntityReference.name("e\(random.below(entities))", type: "Thing")
            let relation = relations[random.below(relations.count)]
            let validFrom = day(1 + random.below(25))
            if random.below(10) == 0 {
                try store.relate(subject, "listensOnPort", value: "\(index)", validFrom: validFrom)
            } else {
                let object = EntityReference.name("e\(random.below(entities))", type: "Thing")
                try store.relate(
                    subject, relation, object, validFrom: validFrom, singleValued: relation == "memberOf")
            }
        }
        fixture.clock.set(day(30))
        let open = try store.read { db in
            try Int64.fetchAll(
                db, sql: "SELECT id FROM edges WHERE namespace = ? AND expired_at IS NULL AND id % 7 = 0",
                arguments: [store.namespace])
        }
        for edge in open { try store.retract(EdgeID(edge), at: day(28)) }
        try store.setRetention(20 * 86_400, relation: "uses")
        fixture.clock.set(day(40))
    }
}

/// A seeded generator (SplitMix64), so that a random graph is the same on every run.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func below(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
