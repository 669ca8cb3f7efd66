import GRDB

/// Every edge of one namespace as a walk needs it — its ends, relation and lifetime, no text —
/// held in memory as of one entry of the store's edge log (see ``AdjacencyCache``).
///
/// A walk over it reads no rows: each entity's edges are listed by id on both sides, so the
/// newest ones visible in a slice are found from the end of a list without a query or a sort.
struct Adjacency: Equatable, Sendable {
    /// One edge, without its text.
    struct Link: Equatable, Sendable {
        var subject: EntityID
        /// Nil for a literal value.
        var object: EntityID?
        var relation: String
        var lifetime: EdgeLifetime
    }

    /// The last edge-log entry this reflects.
    private(set) var through: Int64
    private(set) var links: [Int64: Link] = [:]
    /// Edge ids in ascending order, by subject and by (entity) object.
    private var outgoing: [EntityID: [Int64]] = [:]
    private var incoming: [EntityID: [Int64]] = [:]

    private static let columns = """
        e.id, e.subject_id, e.object_id, e.relation, e.recorded_at, e.valid_from, e.valid_to, e.expired_at,
        e.end_kind IN ('superseded', 'ended'), e.expires_at
        """

    /// Reads every edge of `namespace` that `db` sees, which is the state after log entry `through`.
    static func load(namespace: String, through: Int64, db: Database) throws -> Adjacency {
        var adjacency = Adjacency(through: through)
        try HotStatement.query(
            db.makeStatement(sql: "SELECT \(columns) FROM edges e WHERE e.namespace = ? ORDER BY e.id"),
            [.text(namespace)]
        ) { adjacency.insert(id: $0.int64(0), Self.link($0)) }
        return adjacency
    }

    /// Brings this up to log entry `through` by reading again the edges `changed` names: a
    /// changed edge replaces its old link, a deleted (or other namespace's) edge has none.
    mutating func apply(changed: Set<Int64>, through: Int64, namespace: String, db: Database) throws {
        for id in changed { remove(id: id) }
        try HotStatement.query(
            db.cachedStatement(
                sql: """
                    SELECT \(Self.columns) FROM json_each(?) AS c CROSS JOIN edges e ON e.id = c.value
                    WHERE e.namespace = ?
                    """), [.text(IDList.json(changed.sorted())), .text(namespace)]
        ) { insert(id: $0.int64(0), Self.link($0)) }
        self.through = through
    }

    /// The newest `count` edges on one side of `entity` (where it is the subject, or the object)
    /// that pass `visible`, oldest first.
    func newest(
        _ count: Int, of entity: EntityID, outgoing side: Bool, where visible: (Link) -> Bool
    ) -> [(id: Int64, link: Link)] {
        guard let ids = (side ? outgoing : incoming)[entity] else { return [] }
        var kept: [(id: Int64, link: Link)] = []
        for id in ids.reversed() {
            guard let link = links[id], visible(link) else { continue }
            kept.append((id, link))
            if kept.count == count { break }
        }
        return kept.reversed()
    }

    private static func link(_ row: SQLRow) -> Link {
        Link(
            subject: EntityID(row.int64(1)), object: row.optionalInt64(2).map { EntityID($0) },
            relation: row.text(3),
            lifetime: EdgeLifetime(
                recordedAt: row.int64(4), validFrom: row.int64(5), validTo: row.optionalInt64(6),
                expiredAt: row.optionalInt64(7), keepsInterval: row.int64(8) == 1,
                expiresAt: row.optionalInt64(9)))
    }

    private mutating func insert(id: Int64, _ link: Link) {
        links[id] = link
        Self.add(id, to: &outgoing[link.subject, default: []])
        if let object = link.object { Self.add(id, to: &incoming[object, default: []]) }
    }

    private mutating func remove(id: Int64) {
        guard let link = links.removeValue(forKey: id) else { return }
        Self.drop(id, from: &outgoing, of: link.subject)
        if let object = link.object { Self.drop(id, from: &incoming, of: object) }
    }

    /// Adds `id` to an ascending list: at the end for a new edge, in place for a re-read one.
    private static func add(_ id: Int64, to list: inout [Int64]) {
        guard let last = list.last, last > id else { return list.append(id) }
        list.insert(id, at: position(of: id, in: list))
    }

    /// The index of the first id in an ascending list that is not below `id`.
    private static func position(of id: Int64, in list: [Int64]) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private static func drop(_ id: Int64, from lists: inout [EntityID: [Int64]], of entity: EntityID) {
        guard var list = lists.removeValue(forKey: entity) else { return }
        let index = position(of: id, in: list)
        if index < list.count, list[index] == id { list.remove(at: index) }
        if !list.isEmpty { lists[entity] = list }
    }
}
