import Foundation
import Synchronization

/// A fixed team of threads, one per core, that runs one job at a time with every member at
/// once: the caller runs part 0 and parked helper threads the others.
///
/// A job wakes the helpers once and its stages then meet at a ``SpinBarrier``; dispatching each
/// stage to a thread pool instead costs a wake-up of tens of microseconds per stage, which
/// for a query's forward pass (40 stages) is half of its time. A job that finds the team busy
/// is refused, and its caller works alone, so concurrent callers never oversubscribe the cores.
final class ThreadTeam: Sendable {
    /// The team every kernel shares: one member per active core.
    static let shared = ThreadTeam(size: ProcessInfo.processInfo.activeProcessorCount)

    /// Members, the caller included.
    let size: Int
    private let crew: Crew
    private let busy = Mutex(false)

    /// A team of `size` members: the caller of ``run(_:)`` and `size - 1` helper threads,
    /// which end when the team is released.
    init(size: Int) {
        self.size = max(1, size)
        crew = Crew(size: self.size)
        for part in 1..<self.size {
            let thread = Thread { [crew] in crew.serve(part: part) }
            thread.name = "memograph.team.\(part)"
            thread.start()
        }
    }

    deinit {
        crew.dismiss()
    }

    /// Runs `job(part)` for every part in `0..<size` at once and returns true once all have
    /// returned; returns false without running it when another job holds the team (or the
    /// team is the caller alone). Inside the job, ``synchronize()`` separates stages that read
    /// each other's results.
    func run(_ job: @escaping @Sendable (Int) -> Void) -> Bool {
        guard claim() else { return false }
        crew.perform(job) { job(0) }
        busy.withLock { $0 = false }
        return true
    }

    /// Runs `helper` on every helper thread while the caller runs `body`, and returns `body`'s
    /// result once all have finished: work in memory (that the caller may join when done) takes
    /// no time from work only the caller can do, such as queries on its database connection.
    /// When another job holds the team, or the team is the caller alone, the caller runs `helper`
    /// and then `body`.
    func overlap<Result>(_ helper: @escaping @Sendable () -> Void, with body: () throws -> Result) rethrows
        -> Result
    {
        guard claim() else {
            helper()
            return try body()
        }
        defer { busy.withLock { $0 = false } }
        return try crew.perform({ _ in helper() }, caller: body)
    }

    /// Takes the team for one job: false when another job holds it or the team is the caller alone.
    private func claim() -> Bool {
        size > 1
            && busy.withLock { busy in
                if busy { return false }
                busy = true
                return true
            }
    }

    /// Waits, inside a job, until every member has reached this point.
    func synchronize() {
        crew.barrier.wait()
    }

    /// The helper threads and what they share; kept apart from the team so that releasing the
    /// team can dismiss threads that still hold their crew.
    private final class Crew: Sendable {
        let barrier: SpinBarrier
        private let starts: [DispatchSemaphore]
        private let job = Mutex<(@Sendable (Int) -> Void)?>(nil)
        private let dismissed = Atomic(false)

        init(size: Int) {
            barrier = SpinBarrier(parties: size)
            starts = (1..<size).map { _ in DispatchSemaphore(value: 0) }
        }

        /// Runs `job` on the helpers while the caller runs `caller` (part 0), and returns once
        /// all have finished, `caller` throwing or not.
        func perform<Result>(_ job: @escaping @Sendable (Int) -> Void, caller: () throws -> Result) rethrows
            -> Result
        {
            self.job.withLock { $0 = job }
            for start in starts { start.signal() }
            defer {
                barrier.wait()
                self.job.withLock { $0 = nil }
            }
            return try caller()
        }

        func serve(part: Int) {
            while true {
                starts[part - 1].wait()
                if dismissed.load(ordering: .acquiring) { return }
                if let job = job.withLock({ $0 }) { job(part) }
                barrier.wait()
            }
        }

        func dismiss() {
            dismissed.store(true, ordering: .releasing)
            for start in starts { start.signal() }
        }
    }
}
