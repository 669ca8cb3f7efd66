import GRDB

/// Every entity of one namespace, with its aliases, held in memory as of one entry of the
/// store's entity log, so that a walk returns the entities it reaches without reading their
/// rows. Kept by ``EntityTableCache`` beside the ``Adjacency``, and in chunks as it is (see
/// ``ChunkedTable``).
struct EntityTable: Sendable, Equatable {
    /// The last entity-log entry this reflects.
    private(set) var through: Int64
    private var entities = ChunkedTable<Entity>()

    /// How many entities this holds.
    var count: Int { entities.count }

    /// Entity `id`, or nil when the namespace has no such entity.
    subscript(id: EntityID) -> Entity? { entities[id.rawValue] }

    private mutating func add(_ row: SQLRow) {
        let entity = RowDecoding.entityWithAliases(row)
        entities[entity.id.rawValue] = entity
    }
}

extension EntityTable: LogFollowing {
    static var log: ChangeLog { .entities }
    static var loggedID: String { "entity_id" }

    static func load(namespace: String, through: Int64, db: Database) throws -> EntityTable {
        var table = EntityTable(through: through)
        try HotStatement.query(
            db.makeStatement(
                sql: "SELECT \(RowDecoding.entityWithAliasesColumns) FROM entities n WHERE n.namespace = ?"),
            [.text(namespace)]
        ) { table.add($0) }
        return table
    }

    mutating func apply(changed: Set<Int64>, through: Int64, namespace: String, db: Database) throws {
        for id in changed { entities[id] = nil }
        try HotStatement.query(
            db.cachedStatement(
                sql: """
                    SELECT \(RowDecoding.entityWithAliasesColumns) FROM json_each(?) AS c CROSS JOIN entities n ON n.id = c.value
                    WHERE n.namespace = ?
                    """), [.text(IDList.json(changed.sorted())), .text(namespace)]
        ) { add($0) }
        self.through = through
    }
}

/// The in-memory ``EntityTable`` of one store view, kept current from the store's entity log.
/// Asked for only once a walk holds the adjacency, so it loads on that request.
typealias EntityTableCache = LogCache<EntityTable>

extension LogCache where Value == EntityTable {
    /// Creates `entity_log` and the triggers that fill it from entities and their aliases, and
    /// prune it to its newest 65,536 entries (migration v14).
    static func createLog(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE entity_log (seq INTEGER PRIMARY KEY, entity_id INTEGER NOT NULL);
                CREATE TRIGGER entity_log_insert AFTER INSERT ON entities BEGIN
                    INSERT INTO entity_log (entity_id) VALUES (NEW.id);
                END;
                CREATE TRIGGER entity_log_update AFTER UPDATE ON entities BEGIN
                    INSERT INTO entity_log (entity_id) VALUES (OLD.id);
                    INSERT INTO entity_log (entity_id) SELECT NEW.id WHERE NEW.id <> OLD.id;
                END;
                CREATE TRIGGER entity_log_delete AFTER DELETE ON entities BEGIN
                    INSERT INTO entity_log (entity_id) VALUES (OLD.id);
                END;
                CREATE TRIGGER entity_log_alias_insert AFTER INSERT ON aliases BEGIN
                    INSERT INTO entity_log (entity_id) VALUES (NEW.entity_id);
                END;
                CREATE TRIGGER entity_log_alias_update AFTER UPDATE ON aliases BEGIN
                    INSERT INTO entity_log (entity_id) VALUES (OLD.entity_id);
                    INSERT INTO entity_log (entity_id) SELECT NEW.entity_id WHERE NEW.entity_id <> OLD.entity_id;
                END;
                CREATE TRIGGER entity_log_alias_delete AFTER DELETE ON aliases BEGIN
                    INSERT INTO entity_log (entity_id) VALUES (OLD.entity_id);
                END;
                CREATE TRIGGER entity_log_prune AFTER INSERT ON entity_log WHEN NEW.seq % 4096 = 0 BEGIN
                    DELETE FROM entity_log WHERE seq <= NEW.seq - 65536;
                END;
                """)
    }
}
