import Foundation
import GRDB

extension GraphStore {
    /// Creates the entity `type:name`, or updates it when it exists: aliases and attributes are
    /// merged, a given summary replaces the old one.
    @discardableResult
    public func upsertEntity(
        name: String, type: String, summary: String? = nil, aliases: [String] = [],
        attributes: [String: String] = [:]
    ) throws -> Entity {
        let now = self.now
        return try database.write { db in
            let resolver = EntityResolver(db: db, namespace: namespace, now: now, rules: ontologyRules)
            let type = try ontologyRules.type(type).name
            let name = try TextRules.nonEmpty(name, field: "name")
            if let summary { try TextRules.check(summary, field: "summary", allowNewlines: true) }
            let id: EntityID
            if let existing = try resolver.find(.name(name, type: type)).first {
                id = existing.id
                let merged = existing.attributes.merging(attributes) { _, new in new }
                try db.execute(
                    sql: "UPDATE entities SET summary = ?, attributes = ?, updated_at = ? WHERE id = ?",
                    arguments: [
                        summary ?? existing.summary, AttributeCoding.encode(merged), StoreTime.encode(now),
                        id.rawValue,
                    ])
            } else {
                id = try resolver.insert(name: name, type: type, summary: summary, attributes: attributes)
            }
            try resolver.addAliases(aliases, to: id)
            return try resolver.load([id])[0]
        }
    }

    /// Creates the entities that do not exist yet, all in one transaction, and returns every
    /// entity's id in the order given; existing ones are left as they are.
    public func upsertEntities(_ drafts: [(name: String, type: String)]) throws -> [EntityID] {
        let now = self.now
        return try database.write { db in
            let resolver = EntityResolver(db: db, namespace: namespace, now: now, rules: ontologyRules)
            return try drafts.map { draft in
                let type = try ontologyRules.type(draft.type).name
                if let existing = try resolver.findIDs(.name(draft.name, type: type)).first {
                    return existing
                }
                return try resolver.insert(name: draft.name, type: type, summary: nil, attributes: [:])
            }
        }
    }

    /// The entity with this id, or nil when there is none in this namespace.
    public func entity(_ id: EntityID) throws -> Entity? {
        try read { db in
            try EntityResolver(db: db, namespace: namespace, now: now, rules: ontologyRules).load([id]).first
        }
    }

    /// Entities whose name or alias matches `name` (case- and space-insensitively), optionally of one type.
    public func findEntities(named name: String, type: String? = nil) throws -> [Entity] {
        try read { db in
            try EntityResolver(db: db, namespace: namespace, now: now, rules: ontologyRules).find(
                .name(name, type: type))
        }
    }

    /// The one entity `reference` names.
    ///
    /// - Throws: ``MemographError/unknownEntity(_:)`` or ``MemographError/ambiguousEntity(_:candidates:)``.
    public func resolve(_ reference: EntityReference) throws -> Entity {
        try read { db in
            try EntityResolver(db: db, namespace: namespace, now: now, rules: ontologyRules).resolve(
                reference)
        }
    }

    /// Adds other names that resolve to the entity.
    public func addAliases(_ aliases: [String], to reference: EntityReference) throws {
        let now = self.now
        try database.write { db in
            let resolver = EntityResolver(db: db, namespace: namespace, now: now, rules: ontologyRules)
            try resolver.addAliases(aliases, to: try resolver.resolve(reference).id)
        }
    }
}
