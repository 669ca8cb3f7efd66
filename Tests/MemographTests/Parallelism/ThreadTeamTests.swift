import Dispatch
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

    @Test func aTeamOfOneRunsNothingSoTheCallerWorksAlone() {
        let team = ThreadTeam(size: 1)
        let parts = Atomic<Int>(0)
        #expect(!team.run { _ in parts.wrappingAdd(1, ordering: .relaxed) })
        #expect(parts.load(ordering: .relaxed) == 0)
    }
}
