import ArgumentParser
import Foundation
import Memograph
import Synchronization

struct BenchStore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "Insert throughput and read latency of the graph store on a generated graph.",
        discussion: """
            Builds a graph of --entities entities and --edges edges (uniformly random ends, 8 relations) \
            with batched inserts, then times --singles single-fact writes (one transaction each) and \
            --queries random neighbours(depth: 2) and facts(about:) reads, --paths paths between random \
            entities and --searches searches (depth 2), all after the walk that loads the in-memory \
            adjacency and entity table; then --write-walks walks right after a single-fact write, \
            alone and while another thread walks without pause; then, on a second view of the \
            file, walks made while another thread's walk loads that view's rows. Use a release \
            build.
            """)

    @Option(help: "Entities in the generated graph.") var entities = 100_000
    @Option(help: "Edges in the generated graph.") var edges = 1_000_000
    @Option(help: "Assertions per transaction in the batched phase.") var batch = 1_000
    @Option(help: "Single-fact writes to time.") var singles = 5_000
    @Option(help: "Reads of each kind to time.") var queries = 2_000
    @Option(help: "Paths between random entities to time.") var paths = 200
    @Option(help: "Searches to time.") var searches = 200
    @Option(help: "Walks to time right after a single-fact write, alone and beside a concurrent reader.")
    var writeWalks = 200
    @Option(help: "Store file (default: a new file in a temporary directory, removed afterwards).") var db:
        String?
    @Flag(help: "Print one JSON object.") var json = false

    func validate() throws {
        guard [entities, edges, batch, singles, queries, paths, searches, writeWalks].allSatisfy({ $0 > 0 })
        else {
            throw ValidationError(
                "--entities, --edges, --batch, --singles, --queries, --paths, --searches and --write-walks must be positive"
            )
        }
    }

    func run() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "memograph-bench-\(UUID())")
        let path = db ?? directory.appendingPathComponent("bench.sqlite").path
        defer { if db == nil { try? FileManager.default.removeItem(at: directory) } }
        let store = try GraphStore(path: path)
        defer { try? store.close() }
        var random = SeededGenerator(seed: 42)
        let types = ["Person", "Team", "Service", "Repository", "Tool", "Project", "Device", "Document"]
        let relations = [
            "uses", "dependsOn", "knows", "memberOf", "maintains", "worksOn", "contributesTo", "owns",
        ]

        var ids: [EntityID] = []
        let entitySeconds = try Measurements.seconds {
            for start in stride(from: 0, to: entities, by: 10_000) {
                let drafts = (start..<min(start + 10_000, entities)).map {
                    (name: "entity-\($0)", type: types[$0 % types.count])
                }
                ids += try store.upsertEntities(drafts)
            }
        }
        log("entities: \(entities) in \(format(entitySeconds)) s")

        var written = 0
        let batchSeconds = try Measurements.seconds {
            while written < edges {
                let count = min(batch, edges - written)
                let assertions = (0..<count).map { _ in
                    Assertion(
                        .id(ids.randomElement(using: &random)!), relations.randomElement(using: &random)!,
                        .entity(.id(ids.randomElement(using: &random)!)))
                }
                try store.relate(assertions)
                written += count
                if written % 100_000 == 0 { log("edges: \(written)") }
            }
        }
        let batchRate = Double(edges) / batchSeconds

        let singleSeconds = try Measurements.seconds {
            for index in 0..<singles {
                try store.relate(
                    .id(ids.randomElement(using: &random)!), "listensOnPort", value: "\(8000 + index % 1000)")
            }
        }
        let singleRate = Double(singles) / singleSeconds

        // Walks read the in-memory adjacency from a store's second walk on: the first queries SQL,
        // the second loads every edge and entity of the namespace.
        func randomEntity() -> EntityID { ids.randomElement(using: &random)! }
        let firstWalkMs = try walkMilliseconds(store, from: randomEntity())
        let residentBefore = Measurements.residentMegabytes()
        let loadingWalkMs = try walkMilliseconds(store, from: randomEntity())
        let residentAfter = Measurements.residentMegabytes()

        var neighbourTimes: [Double] = []
        var factTimes: [Double] = []
        var reached = 0
        for _ in 0..<queries {
            let entity = randomEntity()
            neighbourTimes.append(
                try Measurements.seconds { reached += try store.neighbours(of: .id(entity), depth: 2).count }
                    * 1000)
            factTimes.append(try Measurements.seconds { _ = try store.facts(about: .id(entity)) } * 1000)
        }
        var pathTimes: [Double] = []
        var pathSteps = 0
        for _ in 0..<paths {
            let (from, to) = (randomEntity(), randomEntity())
            pathTimes.append(
                try Measurements.seconds {
                    pathSteps += try store.path(from: .id(from), to: .id(to))?.count ?? 0
                } * 1000)
        }

        // A walk right after a write catches the in-memory rows up with it (or waits while the
        // other thread's walk does); beside a reader that holds them at that moment, the
        // catch-up cannot change them in place.
        func walksAfterWrites() throws -> [Double] {
            try (0..<writeWalks).map { _ in
                try store.relate(.id(randomEntity()), "uses", .id(randomEntity()))
                return try walkMilliseconds(store, from: randomEntity())
            }
        }
        let alone = try walksAfterWrites()
        let stop = StopFlag()
        let stopped = DispatchSemaphore(value: 0)
        let readerIDs = ids
        Thread {
            var random = SeededGenerator(seed: 7)
            while !stop.raised.load(ordering: .relaxed) {
                _ = try? store.neighbours(of: .id(readerIDs.randomElement(using: &random)!), depth: 2)
            }
            stopped.signal()
        }.start()
        let beside: [Double]
        do {
            defer {
                stop.raised.store(true, ordering: .relaxed)
                stopped.wait()
            }
            beside = try walksAfterWrites()
        }

        let searchOptions = SearchOptions(limit: 10, depth: 2)
        let searchTimes = try (0..<searches).map { _ in
            let name = "entity-\(Int.random(in: 0..<entities, using: &random))"
            return try Measurements.seconds {
                _ = try store.search(name, vector: nil, options: searchOptions)
            }
                * 1000
        }

        // A second view of the file loads its own rows in a walk on a thread of its own;
        // meanwhile this thread walks the view without pause, reading the store while the rows
        // load instead of waiting. The loading walk starts 50 ms ahead, so it is the one that
        // loads the adjacency; the entity table it loads next may be loaded by a walk of this
        // thread instead, which then counts among the walks beside the load. The peak RSS
        // reported is the one before this phase, which holds a second copy of the rows.
        let peakResident = Measurements.peakResidentMegabytes()
        var besideLoadTimes: [Double] = []
        let besideLoadLoadingMs: Double
        do {
            let view = try GraphStore(path: path)
            defer { try? view.close() }
            _ = try view.neighbours(of: .id(randomEntity()), depth: 2)
            let loading = BackgroundWalk(store: view, from: randomEntity())
            defer { _ = try? loading.milliseconds() }
            Thread.sleep(forTimeInterval: 0.05)
            while !loading.isFinished {
                besideLoadTimes.append(try walkMilliseconds(view, from: randomEntity()))
            }
            besideLoadLoadingMs = try loading.milliseconds()
        }

        let report = BenchStoreReport(
            entities: entities, edges: edges, batchEdgesPerSecond: batchRate,
            singleEdgesPerSecond: singleRate,
            neighboursDepth2P50Ms: Measurements.quantile(neighbourTimes, 0.5),
            neighboursDepth2P95Ms: Measurements.quantile(neighbourTimes, 0.95),
            meanNeighboursReached: Double(reached) / Double(queries),
            factsP50Ms: Measurements.quantile(factTimes, 0.5),
            factsP95Ms: Measurements.quantile(factTimes, 0.95),
            pathP50Ms: Measurements.quantile(pathTimes, 0.5),
            pathP95Ms: Measurements.quantile(pathTimes, 0.95),
            meanPathLength: Double(pathSteps) / Double(paths),
            firstWalkMs: firstWalkMs, adjacencyLoadingWalkMs: loadingWalkMs,
            besideLoadLoadingWalkMs: besideLoadLoadingMs, walksBesideLoad: besideLoadTimes.count,
            walkBesideLoadP50Ms: besideLoadTimes.isEmpty ? nil : Measurements.quantile(besideLoadTimes, 0.5),
            walkBesideLoadMaxMs: besideLoadTimes.max(),
            adjacencyMegabytes: residentBefore.flatMap { before in residentAfter.map { $0 - before } },
            walkAfterWriteP50Ms: Measurements.quantile(alone, 0.5),
            walkAfterWriteP95Ms: Measurements.quantile(alone, 0.95),
            walkAfterWriteBesideReaderP50Ms: Measurements.quantile(beside, 0.5),
            walkAfterWriteBesideReaderP95Ms: Measurements.quantile(beside, 0.95),
            searchP50Ms: Measurements.quantile(searchTimes, 0.5),
            searchP95Ms: Measurements.quantile(searchTimes, 0.95),
            fileMegabytes: Double(
                (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) / 1_048_576,
            peakResidentMegabytes: peakResident)
        if json { return try Output.json(report) }
        print(
            "graph                 \(entities) entities, \(edges) edges (\(format(report.fileMegabytes)) MB file)"
        )
        print("batched inserts       \(Int(batchRate)) edges/s (batch \(batch); goal ≥ 50000)")
        print("single inserts        \(Int(singleRate)) edges/s (one transaction each; goal ≥ 2000)")
        print(
            "neighbours(depth: 2)  p50 \(format(report.neighboursDepth2P50Ms)) ms, p95 \(format(report.neighboursDepth2P95Ms)) ms (\(Int(report.meanNeighboursReached)) entities reached on average; goal p50 ≤ 1 ms)"
        )
        print(
            "facts(about:)         p50 \(format(report.factsP50Ms)) ms, p95 \(format(report.factsP95Ms)) ms (goal p50 ≤ 1 ms)"
        )
        print(
            "path(maxDepth: 6)     p50 \(format(report.pathP50Ms)) ms, p95 \(format(report.pathP95Ms)) ms (between random entities, \(format(report.meanPathLength)) steps on average)"
        )
        print(
            "walk after a write    p50 \(format(report.walkAfterWriteP50Ms)) ms, p95 \(format(report.walkAfterWriteP95Ms)) ms alone; p50 \(format(report.walkAfterWriteBesideReaderP50Ms)) ms, p95 \(format(report.walkAfterWriteBesideReaderP95Ms)) ms beside a reader walking without pause"
        )
        print(
            "search(depth: 2)      p50 \(format(report.searchP50Ms)) ms, p95 \(format(report.searchP95Ms)) ms (BM25 over entity names)"
        )
        print(
            "adjacency             the first walk \(format(firstWalkMs)) ms queries SQL, the second \(format(loadingWalkMs)) ms loads every edge and entity"
                + (report.adjacencyMegabytes.map { " (+\(format($0)) MB resident)" } ?? "")
                + "; the timed walks and searches read it")
        if let p50 = report.walkBesideLoadP50Ms, let max = report.walkBesideLoadMaxMs {
            print(
                "walks beside a load   \(besideLoadTimes.count) walks on a second view while another thread's walk loaded its rows (\(format(besideLoadLoadingMs)) ms) read SQL: p50 \(format(p50)) ms, max \(format(max)) ms"
            )
        }
        if let peak = report.peakResidentMegabytes { print("peak RSS              \(format(peak)) MB") }
    }

    private func log(_ message: String) {
        if !json { FileHandle.standardError.write(Data("… \(message)\n".utf8)) }
    }

    private func format(_ value: Double) -> String { String(format: "%.3f", value) }
}

/// The time of one `neighbours(depth: 2)` walk from `entity`, in milliseconds.
private func walkMilliseconds(_ store: GraphStore, from entity: EntityID) throws -> Double {
    try Measurements.seconds { _ = try store.neighbours(of: .id(entity), depth: 2) } * 1000
}

/// Tells the background reader of `bench store` to stop.
private final class StopFlag: Sendable {
    let raised = Atomic<Bool>(false)
}

/// One `neighbours(depth: 2)` walk on a thread of its own, timed.
private final class BackgroundWalk: Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let outcome = Mutex<Result<Double, any Error>?>(nil)

    init(store: GraphStore, from entity: EntityID) {
        Thread { [self] in
            let result = Result { try walkMilliseconds(store, from: entity) }
            outcome.withLock { $0 = result }
            done.signal()
        }.start()
    }

    var isFinished: Bool { outcome.withLock { $0 != nil } }

    /// The walk's time, once it has ended; its error if it failed. Any number of calls wait for
    /// the same walk.
    func milliseconds() throws -> Double {
        done.wait()
        done.signal()
        return try outcome.withLock { $0! }.get()
    }
}

/// The figures `bench store --json` prints.
struct BenchStoreReport: Encodable {
    var entities: Int
    var edges: Int
    var batchEdgesPerSecond: Double
    var singleEdgesPerSecond: Double
    var neighboursDepth2P50Ms: Double
    var neighboursDepth2P95Ms: Double
    var meanNeighboursReached: Double
    var factsP50Ms: Double
    var factsP95Ms: Double
    var pathP50Ms: Double
    var pathP95Ms: Double
    /// Steps of the paths found; a pair with no path within the depth counts 0.
    var meanPathLength: Double
    /// The first `neighbours` walk, which queries SQL.
    var firstWalkMs: Double
    /// The second, which loads the in-memory adjacency and entity table.
    var adjacencyLoadingWalkMs: Double
    /// The walk that loaded a second view's rows on a thread of its own.
    var besideLoadLoadingWalkMs: Double
    /// Walks of the second view made meanwhile on another thread: they read the store instead
    /// of waiting for the load.
    var walksBesideLoad: Int
    /// Their median time; nil when the load ended before any began.
    var walkBesideLoadP50Ms: Double?
    /// Their longest time; nil when the load ended before any began.
    var walkBesideLoadMaxMs: Double?
    /// Resident memory the walk's in-memory rows added: the adjacency of every edge and the table
    /// of every entity.
    var adjacencyMegabytes: Double?
    /// `neighbours(depth: 2)` right after a single-fact write, which it catches up with.
    var walkAfterWriteP50Ms: Double
    var walkAfterWriteP95Ms: Double
    /// The same while another thread walks without pause.
    var walkAfterWriteBesideReaderP50Ms: Double
    var walkAfterWriteBesideReaderP95Ms: Double
    var searchP50Ms: Double
    var searchP95Ms: Double
    var fileMegabytes: Double
    /// Peak resident memory before the second view loads its own copy of the rows.
    var peakResidentMegabytes: Double?
}
