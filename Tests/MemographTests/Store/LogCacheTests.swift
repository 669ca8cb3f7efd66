import Foundation
import GRDB
import Synchronization
import Testing

@testable import Memograph

/// A cache that loads every row must not make the view's other readers wait for the load: they
/// read the store meanwhile, and a load that fails leaves the next request free to load again.
@Suite(.serialized) struct LogCacheTests {
    /// A stand-in held value whose load the test holds at a gate and can make fail: the edges a
    /// namespace has, counted by the reader that loads.
    struct GatedEdgeCount: LogFollowing {
        struct Control {
            var loads = 0
            var failNext = false
            var gated = false
        }
        static let control = Mutex(Control())
        /// Signalled when a load reaches the gate; loads go on once `open` is signalled, each
        /// passing the signal on, so that the gate stays open for any load after.
        static let reached = DispatchSemaphore(value: 0)
        static let open = DispatchSemaphore(value: 0)

        static var log: ChangeLog { .edges }
        static var loggedID: String { "edge_id" }
        var through: Int64
        var count: Int

        static func load(namespace: String, through: Int64, db: Database) throws -> Self {
            let (fails, gated) = control.withLock { control in
                control.loads += 1
                defer { control.failNext = false }
                return (control.failNext, control.gated)
            }
            if gated {
                reached.signal()
                open.wait()
                open.signal()
            }
            if fails { throw MemographError.invalidArgument(field: "load", reason: "failed on purpose") }
            let count = try Int.fetchOne(
                db, sql: "SELECT count(*) FROM edges WHERE namespace = ?", arguments: [namespace])
            return Self(through: through, count: count ?? 0)
        }

        mutating func apply(changed: Set<Int64>, through: Int64, namespace: String, db: Database) throws {
            self = try Self.load(namespace: namespace, through: through, db: db)
        }
    }

    /// One request for the cache's value, made on a thread of its own.
    final class Request: Sendable {
        let done = DispatchSemaphore(value: 0)
        private let result = Mutex<Result<GatedEdgeCount?, any Error>?>(nil)
        /// Whether the request has returned without throwing.
        var answered: Bool {
            result.withLock { if case .success? = $0 { true } else { false } }
        }
        var answer: GatedEdgeCount? {
            result.withLock { if case .success(let value)? = $0 { value } else { nil } }
        }

        init(_ cache: LogCache<GatedEdgeCount>, _ store: GraphStore) {
            Thread { [self] in
                let outcome = Result {
                    try store.read { db in try cache.value(namespace: store.namespace, db: db) }
                }
                result.withLock { $0 = outcome }
                done.signal()
            }.start()
        }
    }

    private func reset(gated: Bool = false, failNext: Bool = false) {
        GatedEdgeCount.control.withLock { $0 = .init(loads: 0, failNext: failNext, gated: gated) }
        while GatedEdgeCount.open.wait(timeout: .now()) == .success {}
        while GatedEdgeCount.reached.wait(timeout: .now()) == .success {}
    }

    @Test func readersDoNotWaitWhileAnotherLoads() throws {
        let fixture = try StoreFixture()
        try fixture.store.relate("Person:Ada", "knows", "Person:Grace")
        try fixture.store.relate("Person:Ada", "memberOf", "Team:platform")
        let cache = LogCache<GatedEdgeCount>(declinesFirst: false)
        reset(gated: true)
        let store = fixture.store

        let loader = Request(cache, store)
        #expect(GatedEdgeCount.reached.wait(timeout: .now() + 10) == .success)

        // A second reader during the load gets nil (read the store) without waiting for it.
        let other = Request(cache, store)
        let otherAnswered = other.done.wait(timeout: .now() + 5) == .success
        #expect(otherAnswered)
        #expect(other.answered && other.answer == nil)
        // (A cache that loads under its lock would make this wait for the gate as well.)
        if otherAnswered { #expect(!cache.isHolding) }

        GatedEdgeCount.open.signal()
        #expect(loader.done.wait(timeout: .now() + 10) == .success)
        if !otherAnswered { _ = other.done.wait(timeout: .now() + 10) }
        #expect(loader.answer?.count == 2)
        #expect(cache.isHolding)

        // Once loaded, the value is answered without loading again.
        let held = try store.read { db in try cache.value(namespace: store.namespace, db: db) }
        #expect(held?.count == 2)
        #expect(GatedEdgeCount.control.withLock { $0.loads } == 1)
    }

    @Test func aFailedLoadLetsTheNextRequestLoad() throws {
        let fixture = try StoreFixture()
        try fixture.store.relate("Person:Ada", "knows", "Person:Grace")
        let cache = LogCache<GatedEdgeCount>(declinesFirst: false)
        reset(failNext: true)
        let store = fixture.store

        #expect(throws: MemographError.self) {
            try store.read { db in try cache.value(namespace: store.namespace, db: db) }
        }
        #expect(!cache.isHolding)
        let value = try store.read { db in try cache.value(namespace: store.namespace, db: db) }
        #expect(value?.count == 1)
        #expect(GatedEdgeCount.control.withLock { $0.loads } == 2)
    }
}
