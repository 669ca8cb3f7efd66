import Dispatch
import GRDB
import GRDBSQLite
import Synchronization

/// Folds the write-ahead log back into the store file on a connection of its own, so that a
/// writer does not wait for a checkpoint's copy and its two fsyncs.
///
/// With SQLite's automatic checkpoint, the commit that takes the log past 8,192 frames does
/// that work itself; in batched inserts into a graph of a million edges, waiting for those
/// fsyncs took about a third of the time (measured against `synchronous = OFF`).
/// Here the writer's WAL hook asks a background queue for a passive checkpoint at
/// ``backgroundFrames`` and goes on writing. Only when the log reaches ``writerFrames`` —
/// the background cannot keep up, or a long read pins old frames — does the committing writer
/// checkpoint itself, as SQLite would; what the background already copied is not copied again,
/// and a log copied in full starts again from its beginning, so the log stays bounded.
final class WALCheckpointer: Sendable {
    /// Log size, in frames (pages), at which a background checkpoint is asked for.
    let backgroundFrames: Int32
    /// Log size at which the committing writer checkpoints itself.
    let writerFrames: Int32
    private let path: String
    private let queue = DispatchQueue(label: "memograph.wal-checkpointer", qos: .utility)
    private let state = Mutex(State())

    private struct State {
        var requested = false
        var closed = false
        /// Opened by the first background checkpoint.
        var connection: DatabaseQueue?
        var backgroundCheckpoints = 0
        var writerCheckpoints = 0
    }

    /// A checkpointer for the store file at `path`; see ``install(on:)``.
    init(path: String, backgroundFrames: Int32 = 8_192, writerFrames: Int32 = 32_768) {
        self.path = path
        self.backgroundFrames = backgroundFrames
        self.writerFrames = writerFrames
    }

    /// Replaces the connection's automatic checkpoint with this one. The checkpointer must
    /// outlive the connection: the hook holds it unretained.
    func install(on db: Database) {
        sqlite3_wal_hook(
            db.sqliteConnection,
            { context, connection, name, frames in
                guard let context else { return SQLITE_OK }
                Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue()
                    .committed(frames: frames, connection: connection, name: name)
                return SQLITE_OK
            }, Unmanaged.passUnretained(self).toOpaque())
    }

    /// Passive checkpoints run so far: by the background queue, and by committing writers.
    var checkpointCounts: (background: Int, writer: Int) {
        state.withLock { ($0.backgroundCheckpoints, $0.writerCheckpoints) }
    }

    /// Returns once the checkpoints asked for so far have run.
    func waitUntilIdle() {
        queue.sync {}
    }

    /// Stops background checkpoints, waits for a running one and closes its connection.
    func close() {
        state.withLock { $0.closed = true }
        waitUntilIdle()
        let connection = state.withLock { state in
            defer { state.connection = nil }
            return state.connection
        }
        try? connection?.close()
    }

    /// The WAL hook: a transaction committed and the log now holds `frames` frames.
    private func committed(frames: Int32, connection: OpaquePointer?, name: UnsafePointer<CChar>?) {
        if frames >= writerFrames {
            // Busy (a background checkpoint is running) is fine: the next commit tries again.
            if sqlite3_wal_checkpoint_v2(connection, name, SQLITE_CHECKPOINT_PASSIVE, nil, nil) == SQLITE_OK {
                state.withLock { $0.writerCheckpoints += 1 }
            }
        } else if frames >= backgroundFrames {
            requestCheckpoint()
        }
    }

    /// Asks the background queue for a passive checkpoint, unless one is already asked for or
    /// the checkpointer is closed.
    func requestCheckpoint() {
        let start = state.withLock { state in
            guard !state.closed, !state.requested else { return false }
            state.requested = true
            return true
        }
        if start { queue.async { self.checkpointInBackground() } }
    }

    /// One passive checkpoint on the checkpointer's own connection. A failure (the file is
    /// busy or gone) leaves the frames in the log for the next request or the writer.
    private func checkpointInBackground() {
        let (closed, opened) = state.withLock { state in
            state.requested = false
            return (state.closed, state.connection)
        }
        // `close()` waits for this queue, so the connection cannot be closed under us.
        guard !closed, let connection = opened ?? (try? DatabaseQueue(path: path)) else { return }
        if opened == nil { state.withLock { $0.connection = connection } }
        guard (try? connection.writeWithoutTransaction({ try $0.checkpoint(.passive) })) != nil else {
            return
        }
        state.withLock { $0.backgroundCheckpoints += 1 }
    }
}
