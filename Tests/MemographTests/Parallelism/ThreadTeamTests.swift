import Dispatch
import Foundation
import Synchronization
import Testing

@testable import Memograph

/// The thread team that shares a query's forward pass: every member runs, a meeting makes all
/// earlier writes visible, and a busy team refuses a second job instead of deadlocking.
@Suite struct ThreadTeamTests {
    @Test func everyMemberSeesTheOthersWritesAfterEachMeeting() {
        let team = ThreadTeam(size: 3)
        let stages = 2_000
        nonisolated(unsafe) let slots = UnsafeMutablePointer<Int>.allocate(capacity: team.size)
        slots.initialize(repeating: 0, count: team.size)
        defer { slots.deallocate() }
        let mismatches = Atomic<Int>(0)
        let ran = team.run { part in
            for stage in 1...stages {
                slots[part] = stage
                team.synchronize()
                for other in 0..<team.size where slots[other] != stage {
                    mismatches.wrappingAdd(1, ordering: .relaxed)
                }
                team.synchronize()
            }
        }
        #expect(ran)
        #expect(mismatches.load(ordering: .relaxed) == 0)
        #expect((0..<team.size).map { slots[$0] } == Array(repeating: stages, count: team.size))
    }

    @Test func aBusyTeamRefusesASecondJobAndServesTheNext() {
        let team = ThreadTeam(size: 2)
        let nested = Atomic<Int>(0)
        let parts = Atomic<Int>(0)
        #expect(
            team.run { part in
                parts.wrappingAdd(1, ordering: .relaxed)
                if part == 0, !team.run({ _ in }) { nested.wrappingAdd(1, ordering: .relaxed) }
            })
        #expect(nested.load(ordering: .relaxed) == 1)
        #expect(parts.load(ordering: .relaxed) == 2)
        #expect(team.run { _ in parts.wrappingAdd(1, ordering: .relaxed) })
        #expect(parts.load(ordering: .relaxed) == 4)
    }

    /// `overlap` runs the helper beside the caller; the caller's error still waits for the
    /// helper, and leaves the team free.
    @Test func overlapRunsTheHelperBesideTheCallerAndFreesTheTeamOnError() throws {
        let team = ThreadTeam(size: 2)
        // Each side waits for the other to start: both finish only if they run at the same time.
        let started = Atomic<Int>(0)
        let helped = Atomic<Bool>(false)
        @Sendable func meet() -> Bool {
            started.wrappingAdd(1, ordering: .acquiringAndReleasing)
            let deadline = DispatchTime.now().uptimeNanoseconds + 5_000_000_000
            while started.load(ordering: .acquiring) < 2 {
                if DispatchTime.now().uptimeNanoseconds > deadline { return false }
            }
            return true
        }
        let called = team.overlap({ helped.store(meet(), ordering: .releasing) }) { meet() }
        #expect(called && helped.load(ordering: .acquiring))

        struct Refused: Error {}
        let finished = Atomic<Int>(0)
        #expect(throws: Refused.self) {
            try team.overlap({
                Thread.sleep(forTimeInterval: 0.05)
                finished.wrappingAdd(1, ordering: .releasing)
            }) { throw Refused() }
        }
        #expect(finished.load(ordering: .acquiring) == 1)
        #expect(team.run { _ in })

        // A busy team, or a team of one, leaves both pieces to the caller, helper first.
        let order = Mutex<[String]>([])
        #expect(
            team.run { part in
                guard part == 0 else { return }
                team.overlap({ order.withLock { $0.append("helper") } }) {
                    order.withLock { $0.append("caller") }
                }
            })
        ThreadTeam(size: 1).overlap({ order.withLock { $0.append("helper") } }) {
            order.withLock { $0.append("caller") }
        }
        #expect(order.withLock { $0 } == ["helper", "caller", "helper", "caller"])
    }

    @Test func aTeamOfOneRunsNothingSoTheCallerWorksAlone() {
        let team = ThreadTeam(size: 1)
        let parts = Atomic<Int>(0)
        #expect(!team.run { _ in parts.wrappingAdd(1, ordering: .relaxed) })
        #expect(parts.load(ordering: .relaxed) == 0)
    }
}
