import Foundation
import GRDB

/// Finds entities by reference inside a transaction, creating them when a write may.
struct EntityResolver {
    let db: Database
    let namespace: String
    let now: Date
    let rules: OntologyRules
    /// Types already read for some ids (see ``types(of:)``), consulted before the store.
    var knownTypes: [EntityID: String] = [:]

    func find(_ reference: EntityReference) throws -> [Entity] {
        if case .id(let id) = reference { return try load([id]) }
        return try load(findIDs(reference)).sorted { ($0.type, $0.id) < ($1.type, $1.id) }
    }

    /// The ids of the entities `reference` matches, without loading them.
    func findIDs(_ reference: EntityReference) throws -> [EntityID] {
        switch reference {
        case .id(let id):
            return try exists(id) ? [id] : []
        case .name(let name, let type):
            let normalized = NameNormalizer.normalize(name)
            var sql = """
                SELECT id FROM entities WHERE namespace = ? AND normalized_name = ?
                UNION SELECT entity_id FROM aliases WHERE namespace = ? AND normalized_alias = ?
                """
            var parameters: [SQLParameter] = [
                .text(namespace), .text(normalized), .text(namespace), .text(normalized),
            ]
            if let type {
                sql = "SELECT id FROM entities WHERE type = ? AND id IN (\(sql))"
                parameters = [.text(try rules.type(type).name)] + parameters
            }
            var ids: [EntityID] = []
            try HotStatement.query(db.cachedStatement(sql: sql), parameters) {
                ids.append(EntityID($0.int64(0)))
            }
            return ids
        }
    }

    /// Exactly one entity for `reference`, or a typed error saying why not.
    func resolve(_ reference: EntityReference) throws -> Entity {
        let found = try find(reference)
        if found.count == 1 { return found[0] }
        if found.isEmpty {
            if case .id(let id) = reference { throw MemographError.unknownEntity("#\(id.rawValue)") }
            throw MemographError.unknownEntity(reference.description)
        }
        throw MemographError.ambiguousEntity(reference.description, candidates: found.map(\.reference))
    }

    /// The id and type for `reference`, creating the entity (of `defaultType` when the
    /// reference has no type) when it is a name that matches nothing.
    func resolveOrCreate(
        _ reference: EntityReference, defaultType: String = OntologyRules.topType
    ) throws -> (id: EntityID, type: String) {
        if case .id(let id) = reference {
            if let type = knownTypes[id] { return (id, type) }
            guard let type = try typeOf(id) else { throw MemographError.unknownEntity("#\(id.rawValue)") }
            return (id, type)
        }
        let found = try find(reference)
        if found.count == 1 { return (found[0].id, found[0].type) }
        guard found.isEmpty, case .name(let name, let type) = reference else {
            throw MemographError.ambiguousEntity(reference.description, candidates: found.map(\.reference))
        }
        let id = try insert(name: name, type: type ?? defaultType, summary: nil, attributes: [:])
        return (id, try typeOf(id) ?? defaultType)
    }

    func exists(_ id: EntityID) throws -> Bool {
        try typeOf(id) != nil
    }

    /// The entity's type, or nil when there is no such entity in this namespace.
    func typeOf(_ id: EntityID) throws -> String? {
        var type: String?
        try HotStatement.query(
            db.cachedStatement(sql: "SELECT type FROM entities WHERE id = ? AND namespace = ?"),
            [.int(id.rawValue), .text(namespace)]
        ) { type = $0.text(0) }
        return type
    }

    /// The types of the entities among `ids` in this namespace, in one query: a batch of
    /// assertions by id reads them once rather than one statement per reference.
    func types(of ids: [EntityID]) throws -> [EntityID: String] {
        guard !ids.isEmpty else { return [:] }
        var types: [EntityID: String] = [:]
        try HotStatement.query(
            db.cachedStatement(
                sql: """
                    SELECT n.id, n.type FROM json_each(?) AS wanted CROSS JOIN entities n ON n.id = wanted.value
                    WHERE n.namespace = ?
                    """), [.text(IDList.json(ids.map(\.rawValue))), .text(namespace)]
        ) { types[EntityID($0.int64(0))] = $0.text(1) }
        return types
    }

    /// Inserts a new entity; its type is made canonical by the ontology, and in lenient mode
    /// a type the ontology lacks is kept and marked.
    func insert(name: String, type: String, summary: String?, attributes: [String: String]) throws -> EntityID
    {
        let name = try TextRules.nonEmpty(name, field: "name")
        let (type, violation) = try rules.type(type)
        var attributes = attributes
        if let violation { attributes[OntologyRules.violationAttribute] = violation }
        let micros = StoreTime.encode(now)
        try HotStatement.execute(
            db.cachedStatement(
                sql: """
                    INSERT INTO entities (namespace, type, name, normalized_name, summary, attributes, created_at, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """),
            [
                .text(namespace), .text(type), .text(name), .text(NameNormalizer.normalize(name)),
                .text(summary),
                .text(AttributeCoding.encode(attributes)), .int(micros), .int(micros),
            ])
        return EntityID(db.lastInsertedRowID)
    }

    func addAliases(_ aliases: [String], to id: EntityID) throws {
        for alias in aliases {
            let alias = try TextRules.nonEmpty(alias, field: "alias")
            try db.cachedStatement(
                sql: """
                    INSERT OR IGNORE INTO aliases (entity_id, namespace, alias, normalized_alias)
                    VALUES (?, ?, ?, ?)
                    """
            ).execute(arguments: [id.rawValue, namespace, alias, NameNormalizer.normalize(alias)])
        }
    }

    /// Entities by id, in the order asked, skipping ids outside this namespace.
    func load(_ ids: [EntityID]) throws -> [Entity] {
        let byID = try loadByID(ids)
        return ids.compactMap { byID[$0] }
    }

    /// Entities by id, keyed by it, skipping ids outside this namespace.
    func loadByID(_ ids: [EntityID]) throws -> [EntityID: Entity] {
        guard !ids.isEmpty else { return [:] }
        var byID: [EntityID: Entity] = [:]
        byID.reserveCapacity(ids.count)
        try HotStatement.query(
            db.cachedStatement(
                sql: """
                    SELECT \(RowDecoding.entityWithAliasesColumns)
                    FROM json_each(?) AS wanted CROSS JOIN entities n ON n.id = wanted.value
                    WHERE n.namespace = ?
                    """), [.text(IDList.json(ids.map(\.rawValue))), .text(namespace)]
        ) { row in
            let entity = RowDecoding.entityWithAliases(row)
            byID[entity.id] = entity
        }
        return byID
    }

    static func validType(_ type: String) throws -> String {
        let type = type.trimmingCharacters(in: .whitespaces)
        guard EntityReference.looksLikeType(type), type.count <= 100 else {
            throw MemographError.invalidArgument(
                field: "type",
                reason: "'\(type)' is not a type name (a capitalised identifier such as Person)")
        }
        return type
    }
}
