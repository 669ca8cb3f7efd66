import Foundation
import Memograph
import MemographTestSupport

/// A clock the test moves by hand, so that system times (recordedAt, expiredAt) are known.
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) { current = start }

    var now: Date { lock.withLock { current } }

    func set(_ date: Date) { lock.withLock { current = date } }
}

/// A real store file in a fresh temporary directory.
struct StoreFixture {
    let directory: URL
    let path: String
    let clock: ManualClock
    let store: GraphStore

    init(
        namespace: String = "default", rules: RelationRules = .builtIn, ontology: Ontology? = nil,
        validation: Validation = .strict, start: Date = day(60)
    ) throws {
        directory = try ScratchDirectory.make("memograph")
        path = directory.appendingPathComponent("memory.sqlite").path
        let clock = ManualClock(start)
        self.clock = clock
        store = try GraphStore(
            path: path, namespace: namespace, ontology: ontology, validation: validation, rules: rules,
            clock: { clock.now })
    }

    /// The bytes of the store file and its WAL, to prove a failed call changed nothing.
    func snapshot() throws -> [Data] {
        [path, path + "-wal"].map { FileManager.default.contents(atPath: $0) ?? Data() }
    }
}

/// Midnight UTC on day `n` of March 2026: readable instants for tests.
func day(_ n: Int, hour: Int = 0) -> Date {
    Date(timeIntervalSince1970: 1_772_323_200 + Double((n - 1) * 86_400 + hour * 3_600))
}
