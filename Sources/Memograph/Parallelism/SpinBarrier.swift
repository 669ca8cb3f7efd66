import Foundation
import Synchronization

/// A reusable barrier for a fixed number of threads that waits by spinning (yielding the core
/// after a while), for stages of a few hundred microseconds: parking and waking a thread costs
/// tens of microseconds on each stage, spinning costs well under one.
final class SpinBarrier: Sendable {
    let parties: Int
    private let arrived = Atomic<Int>(0)
    private let generation = Atomic<Int>(0)

    /// A barrier that opens each time `parties` threads have called ``wait()``.
    init(parties: Int) {
        precondition(parties > 0, "a barrier needs at least one party")
        self.parties = parties
    }

    /// Returns once every party has arrived; everything a party wrote before arriving is then
    /// visible to all of them.
    func wait() {
        guard parties > 1 else { return }
        let current = generation.load(ordering: .acquiring)
        if arrived.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue == parties {
            arrived.store(0, ordering: .relaxed)
            generation.wrappingAdd(1, ordering: .releasing)
            return
        }
        var spins = 0
        while generation.load(ordering: .acquiring) == current {
            spins += 1
            // A party that is not running (more threads than free cores) must get the core.
            if spins >= 4_096 { sched_yield() }
        }
    }
}
