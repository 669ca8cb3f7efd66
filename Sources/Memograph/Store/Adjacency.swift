import Foundation
import GRDB

/// Every edge of one namespace, held in memory as of one entry of the store's edge log (see
/// ``AdjacencyCache``): what a walk tests — ends, relation, lifetime — packed, and the rest of
/// each edge (its text and bookkeeping) beside it, so that a walk returns edges too.
///
/// A walk over it reads no rows: each entity's edges are listed by id on both sides, so the
/// newest ones visible in a slice are found from the end of a list without a query or a sort.
/// Links are kept packed (64 bytes an edge) rather than as dictionary values (which took 259 MB
/// for a million edges), and the lists point straight at them; the details (about 80 bytes an
/// edge, and the texts) are kept beside them. Everything is kept in chunks (``ChunkedArray``,
/// ``ChunkedTable``), so that catching up while a reader still walks the value held copies the
/// chunks a write touched, not the whole adjacency.
struct Adjacency: Sendable {
    /// One edge.
    struct Link: Equatable, Sendable {
        var subject: EntityID
        /// Nil for a literal value.
        var object: EntityID?
        var relation: String
        var lifetime: EdgeLifetime
        var details: Details
    }

    /// What an edge holds beyond what a walk tests.
    struct Details: Equatable, Sendable {
        var objectValue: String?
        var fact: String?
        var end: EdgeEnd?
        var supersededBy: Int64?
        var confidence: Double
        /// As stored (JSON), decoded when an edge is built; nil for none.
        var attributes: String?
    }

    /// The last edge-log entry this reflects.
    private(set) var through: Int64
    /// Where each edge's link is kept in ``store``.
    private var slots = ChunkedTable<Int32>()
    private var store = LinkStore()
    /// Slots of removed links, reused before the store grows.
    private var freeSlots: [Int32] = []
    /// Edges in ascending id order, by subject and by (entity) object.
    private var outgoing = ChunkedTable<[Entry]>()
    private var incoming = ChunkedTable<[Entry]>()

    /// An edge in an entity's list: its id, and where its link is kept.
    private struct Entry {
        var id: Int64
        var slot: Int32
    }

    private static let selected = """
        e.id, e.subject_id, e.object_id, e.relation, e.recorded_at, e.valid_from, e.valid_to, e.expired_at,
        e.end_kind IN ('superseded', 'ended'), e.expires_at, e.object_value, e.fact, e.end_kind,
        e.superseded_by, e.confidence, nullif(e.attributes, '{}')
        """

    /// Reads every edge of `namespace` that `db` sees, which is the state after log entry `through`.
    ///
    /// Edges come in id order and take slots in that order; each entity's lists are then built
    /// whole from one sort of the edges by end, rather than grown an edge at a time (which took
    /// 1.1 µs an edge, 2.1–3.1 s for a million, in a dictionary of lists).
    static func load(namespace: String, through: Int64, db: Database) throws -> Adjacency {
        var adjacency = Adjacency(through: through)
        var ids: [Int64] = []
        try HotStatement.query(
            db.makeStatement(sql: "SELECT \(selected) FROM edges e WHERE e.namespace = ? ORDER BY e.id"),
            [.text(namespace)]
        ) { row in
            ids.append(row.int64(0))
            adjacency.store.append(Self.link(row))
        }
        for (slot, id) in ids.enumerated() { adjacency.slots[id] = Int32(slot) }
        adjacency.outgoing = lists(of: adjacency.store, outgoing: true, ids: ids)
        adjacency.incoming = lists(of: adjacency.store, outgoing: false, ids: ids)
        return adjacency
    }

    /// Each entity's list of the edges in `store` it is the subject (or the entity object) of,
    /// ascending by id as `ids` (by slot) are.
    private static func lists(of store: LinkStore, outgoing: Bool, ids: [Int64]) -> ChunkedTable<[Entry]> {
        var order: [(end: Int64, slot: Int32)] = []
        order.reserveCapacity(store.count)
        for slot in 0..<store.count {
            let end = store.end(at: slot, outgoing: outgoing)
            if end != LinkStore.none { order.append((end, Int32(slot))) }
        }
        order.sort { $0.end < $1.end || ($0.end == $1.end && $0.slot < $1.slot) }
        var lists = ChunkedTable<[Entry]>()
        var start = 0
        while start < order.count {
            let end = order[start].end
            var stop = start + 1
            while stop < order.count, order[stop].end == end { stop += 1 }
            lists[end] = order[start..<stop].map { Entry(id: ids[Int($0.slot)], slot: $0.slot) }
            start = stop
        }
        return lists
    }

    /// How many edges this holds.
    var count: Int { slots.count }

    /// The ids of the edges this holds.
    var edgeIDs: [Int64] { slots.entries.map(\.id) }

    /// The link of edge `id`, or nil when the namespace has no such edge.
    func link(_ id: Int64) -> Link? {
        slots[id].map { store.link(at: Int($0)) }
    }

    /// Edge `id` of `namespace` whole, as a row read would give it; nil when the namespace has no
    /// such edge.
    func edge(_ id: Int64, namespace: String) -> Edge? {
        slots[id].map { store.edge(at: Int($0), id: id, namespace: namespace) }
    }

    /// The subject and (entity) object of edge `id`, or nil when the namespace has no such edge:
    /// ``link(_:)`` without its name, lifetime or details.
    func ends(of id: Int64) -> (subject: EntityID, object: EntityID?)? {
        slots[id].map { slot in
            let object = store.end(at: Int(slot), outgoing: false)
            return (
                EntityID(store.end(at: Int(slot), outgoing: true)),
                object == LinkStore.none ? nil : EntityID(object)
            )
        }
    }

    /// The lifetime of edge `id`, or nil when the namespace has no such edge: ``link(_:)`` without
    /// its relation's name or details, for a time test.
    func lifetime(of id: Int64) -> EdgeLifetime? {
        slots[id].map { store.lifetime(at: Int($0)) }
    }

    /// Brings this up to log entry `through` by reading again the edges `changed` names: a
    /// changed edge replaces its old link, a deleted (or other namespace's) edge has none.
    mutating func apply(changed: Set<Int64>, through: Int64, namespace: String, db: Database) throws {
        for id in changed { remove(id: id) }
        try HotStatement.query(
            db.cachedStatement(
                sql: """
                    SELECT \(Self.selected) FROM json_each(?) AS c CROSS JOIN edges e ON e.id = c.value
                    WHERE e.namespace = ?
                    """), [.text(IDList.json(changed.sorted())), .text(namespace)]
        ) { insert(id: $0.int64(0), Self.link($0)) }
        self.through = through
    }

    /// An edge as a walk leaves one of its ends by it: the entity at the other end (nil for a
    /// literal) and the number of its relation (see ``relationName(_:)``), no text decoded.
    struct Hop {
        var edge: Int64
        var to: EntityID?
        var relation: Int32
    }

    /// How many relations the links name; their numbers run from 0 to one less.
    var relationCount: Int { store.relationCount }

    /// The name of relation `number` of a ``Hop``.
    func relationName(_ number: Int32) -> String { store.relationName(number) }

    /// Appends to `hops` the newest `count` edges on one side of `entity` (where it is the subject,
    /// or the object) visible at `instants` (event time, and the system time it is known at), oldest
    /// first; nil `instants` takes every edge, closed or not (the timeline).
    func appendNewest(
        _ count: Int, of entity: EntityID, outgoing side: Bool, at instants: (event: Int64, system: Int64)?,
        to hops: inout [Hop]
    ) {
        guard let entries = (side ? outgoing : incoming)[entity.rawValue] else { return }
        let start = hops.count
        for entry in entries.reversed()
        where instants.map({
            store.lifetime(at: Int(entry.slot)).isVisible(event: $0.event, system: $0.system)
        })
            ?? true
        {
            hops.append(store.hop(at: Int(entry.slot), edge: entry.id, outgoing: side))
            if hops.count - start == count { break }
        }
        hops[start...].reverse()
    }

    private static func link(_ row: SQLRow) -> Link {
        Link(
            subject: EntityID(row.int64(1)), object: row.optionalInt64(2).map { EntityID($0) },
            relation: row.text(3),
            lifetime: EdgeLifetime(
                recordedAt: row.int64(4), validFrom: row.int64(5), validTo: row.optionalInt64(6),
                expiredAt: row.optionalInt64(7), keepsInterval: row.int64(8) == 1,
                expiresAt: row.optionalInt64(9)),
            details: Details(
                objectValue: row.optionalText(10), fact: row.optionalText(11),
                end: row.optionalText(12).flatMap(EdgeEnd.init(rawValue:)),
                supersededBy: row.optionalInt64(13),
                confidence: row.double(14), attributes: row.optionalText(15)))
    }

    private mutating func insert(id: Int64, _ link: Link) {
        let slot: Int32
        if let free = freeSlots.popLast() {
            slot = free
            store.set(link, at: Int(slot))
        } else {
            slot = Int32(store.count)
            store.append(link)
        }
        slots[id] = slot
        let entry = Entry(id: id, slot: slot)
        outgoing.update(link.subject.rawValue) { Self.add(entry, to: &$0) }
        if let object = link.object { incoming.update(object.rawValue) { Self.add(entry, to: &$0) } }
    }

    private mutating func remove(id: Int64) {
        guard let slot = slots[id] else { return }
        slots[id] = nil
        let (subject, object) = (
            store.end(at: Int(slot), outgoing: true), store.end(at: Int(slot), outgoing: false)
        )
        store.release(at: Int(slot))
        freeSlots.append(slot)
        outgoing.update(subject) { Self.drop(id, from: &$0) }
        if object != LinkStore.none { incoming.update(object) { Self.drop(id, from: &$0) } }
    }

    /// Adds an edge to an ascending list (nil for none yet): at the end for a new edge, in place
    /// for a re-read one.
    private static func add(_ entry: Entry, to list: inout [Entry]?) {
        guard list != nil else { return list = [entry] }
        if let last = list!.last, last.id > entry.id {
            let index = position(of: entry.id, in: list!)
            list!.insert(entry, at: index)
        } else {
            list!.append(entry)
        }
    }

    /// The index of the first edge in an ascending list whose id is not below `id`.
    private static func position(of id: Int64, in list: [Entry]) -> Int {
        var low = 0
        var high = list.count
        while low < high {
            let middle = (low + high) / 2
            if list[middle].id < id { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Removes an edge from an ascending list; a list left empty becomes nil.
    private static func drop(_ id: Int64, from list: inout [Entry]?) {
        guard list != nil else { return }
        let index = position(of: id, in: list!)
        if index < list!.count, list![index].id == id { list!.remove(at: index) }
        if list!.isEmpty { list = nil }
    }
}

extension Adjacency: Equatable {
    /// The same edges with the same links as of the same log entry, wherever each is kept.
    static func == (lhs: Adjacency, rhs: Adjacency) -> Bool {
        func ids(_ lists: ChunkedTable<[Entry]>) -> [Int64: [Int64]] {
            Dictionary(uniqueKeysWithValues: lists.entries.map { ($0.id, $0.value.map(\.id)) })
        }
        return lhs.through == rhs.through && lhs.count == rhs.count && ids(lhs.outgoing) == ids(rhs.outgoing)
            && ids(lhs.incoming) == ids(rhs.incoming)
            && lhs.edgeIDs.allSatisfy { lhs.link($0) == rhs.link($0) }
    }
}

extension Adjacency {
    /// Links packed side by side, so that reading one touches one cache line; a time the edge
    /// does not have, and a literal object, are ``none``, which no stored microsecond or row id is.
    fileprivate struct LinkStore: Sendable {
        static let none = Int64.min

        private struct Packed {
            var subject: Int64
            var object: Int64
            var recordedAt: Int64
            var validFrom: Int64
            var validTo: Int64
            var expiredAt: Int64
            var expiresAt: Int64
            var relation: Int32
            var keepsInterval: Bool
        }

        private var packed = ChunkedArray<Packed>()
        /// Each link's details, at its slot.
        private var details = ChunkedArray<Details>()
        /// Each relation name once, where ``Packed/relation`` points.
        private var relationNames: [String] = []
        private var relationNumbers: [String: Int32] = [:]

        var count: Int { packed.count }

        var relationCount: Int { relationNames.count }

        func relationName(_ number: Int32) -> String { relationNames[Int(number)] }

        func link(at slot: Int) -> Link {
            let link = packed[slot]
            return Link(
                subject: EntityID(link.subject),
                object: link.object == Self.none ? nil : EntityID(link.object),
                relation: relationNames[Int(link.relation)], lifetime: lifetime(at: slot),
                details: details[slot])
        }

        /// The edge at `slot` whole, built from its packed link and details without a ``Link``
        /// between: a two-hop walk builds hundreds.
        func edge(at slot: Int, id: Int64, namespace: String) -> Edge {
            func date(_ value: Int64) -> Date? { value == Self.none ? nil : StoreTime.decode(value) }
            let link = packed[slot]
            let details = details[slot]
            return Edge(
                id: EdgeID(id), namespace: namespace, subject: EntityID(link.subject),
                relation: relationNames[Int(link.relation)],
                object: link.object == Self.none
                    ? .literal(details.objectValue ?? "") : .entity(EntityID(link.object)),
                fact: details.fact, validFrom: StoreTime.decode(link.validFrom), validTo: date(link.validTo),
                recordedAt: StoreTime.decode(link.recordedAt), expiredAt: date(link.expiredAt),
                end: details.end,
                supersededBy: details.supersededBy.map { EdgeID($0) }, confidence: details.confidence,
                attributes: AttributeCoding.decode(details.attributes),
                expiresAt: date(link.expiresAt))
        }

        func hop(at slot: Int, edge: Int64, outgoing: Bool) -> Hop {
            let link = packed[slot]
            let to = outgoing ? link.object : link.subject
            return Hop(edge: edge, to: to == Self.none ? nil : EntityID(to), relation: link.relation)
        }

        func lifetime(at slot: Int) -> EdgeLifetime {
            func optional(_ value: Int64) -> Int64? { value == Self.none ? nil : value }
            let link = packed[slot]
            return EdgeLifetime(
                recordedAt: link.recordedAt, validFrom: link.validFrom, validTo: optional(link.validTo),
                expiredAt: optional(link.expiredAt), keepsInterval: link.keepsInterval,
                expiresAt: optional(link.expiresAt))
        }

        /// The subject's id, or the object's (``none`` for a literal), of the link at `slot`.
        func end(at slot: Int, outgoing: Bool) -> Int64 {
            outgoing ? packed[slot].subject : packed[slot].object
        }

        mutating func append(_ link: Link) {
            packed.append(pack(link))
            details.append(link.details)
        }

        /// Lets go of the texts of a removed link, whose slot waits for reuse.
        mutating func release(at slot: Int) {
            details[slot] = Details(confidence: 0)
        }

        mutating func set(_ link: Link, at slot: Int) {
            packed[slot] = pack(link)
            details[slot] = link.details
        }

        private mutating func pack(_ link: Link) -> Packed {
            Packed(
                subject: link.subject.rawValue, object: link.object?.rawValue ?? Self.none,
                recordedAt: link.lifetime.recordedAt, validFrom: link.lifetime.validFrom,
                validTo: link.lifetime.validTo ?? Self.none, expiredAt: link.lifetime.expiredAt ?? Self.none,
                expiresAt: link.lifetime.expiresAt ?? Self.none, relation: number(of: link.relation),
                keepsInterval: link.lifetime.keepsInterval)
        }

        private mutating func number(of name: String) -> Int32 {
            if let number = relationNumbers[name] { return number }
            let number = Int32(relationNames.count)
            relationNames.append(name)
            relationNumbers[name] = number
            return number
        }
    }
}
