import Foundation
import GRDB

extension GraphStore {
    /// Merges `duplicate` into `keeper` by hand, when two entities turn out to be one: the
    /// duplicate's edges, mentions and names (as aliases) move to the keeper, facts that become
    /// identical are folded into one with both provenances, facts between the two are withdrawn
    /// (they would be loops), and the duplicate is deleted.
    ///
    /// - Throws: ``MemographError/invalidArgument(field:reason:)`` when both name the same entity
    ///   or their types are disjoint in the ontology (a person is never an agent).
    @discardableResult
    public func merge(_ keeper: EntityReference, _ duplicate: EntityReference) throws -> Entity {
        let now = self.now
        return try database.write { db in
            let entities = EntityResolver(db: db, namespace: namespace, now: now, rules: ontologyRules)
            let kept = try entities.resolve(keeper)
            let gone = try entities.resolve(duplicate)
            guard kept.id != gone.id else {
                throw MemographError.invalidArgument(
                    field: "merge", reason: "\(kept.reference) is the same entity")
            }
            if let ontology, ontology.areDisjoint(kept.type, gone.type) {
                throw MemographError.invalidArgument(
                    field: "merge",
                    reason: "\(kept.type) and \(gone.type) are disjoint: \(kept.reference) "
                        + "and \(gone.reference) cannot be one entity")
            }
            let keep = kept.id.rawValue
            let drop = gone.id.rawValue
            let between = try Int64.fetchSet(
                db,
                sql: """
                    SELECT id FROM edges WHERE (end_kind IS NULL OR end_kind <> 'withdrawn')
                      AND ((subject_id = ?1 AND object_id = ?2) OR (subject_id = ?2 AND object_id = ?1))
                    """, arguments: [keep, drop])
            // The full-text row of a fact without a sentence spells its subject's name: the moved
            // ones are rebuilt (`fact = fact` fires the search trigger), and only those, so a merge
            // into a hub does not rewrite, and log for the in-memory adjacency, every edge it has.
            try db.execute(
                sql: """
                    UPDATE edges SET subject_id = ?1, fact = fact
                    WHERE subject_id = ?2 AND fact IS NULL AND object_value IS NOT NULL
                    """, arguments: [keep, drop])
            try db.execute(
                sql: "UPDATE edges SET subject_id = ? WHERE subject_id = ?", arguments: [keep, drop])
            try db.execute(
                sql: "UPDATE edges SET object_id = ? WHERE object_id = ?", arguments: [keep, drop])
            try foldDuplicateEdges(of: kept.id, db: db)
            // A fact between the two ("Ada knows Ada Lovelace") would now be a loop: it is withdrawn,
            // which keeps it in history.
            let repair = TimelineRepair(db: db, now: now)
            let loops = try RowDecoding.edges(
                db.makeStatement(
                    sql:
                        "SELECT \(RowDecoding.edgeColumns) FROM edges e WHERE e.subject_id = ?1 AND e.object_id = ?1"
                ),
                [.int(keep)])
            for loop in loops where between.contains(loop.id.rawValue) { try repair.withdraw(loop) }
            try db.execute(
                sql: "UPDATE OR IGNORE mentions SET entity_id = ? WHERE entity_id = ?",
                arguments: [keep, drop])
            try db.execute(
                sql: "DELETE FROM embeddings WHERE owner_kind = 'entity' AND owner_id IN (?, ?)",
                arguments: [keep, drop])
            let names = ([gone.name] + gone.aliases).filter {
                NameNormalizer.normalize($0) != NameNormalizer.normalize(kept.name)
            }
            let attributes = gone.attributes.merging(kept.attributes) { _, kept in kept }
            try db.execute(
                sql:
                    "UPDATE entities SET summary = coalesce(summary, ?), attributes = ?, updated_at = ? WHERE id = ?",
                arguments: [gone.summary, AttributeCoding.encode(attributes), StoreTime.encode(now), keep])
            try db.execute(sql: "DELETE FROM entities WHERE id = ?", arguments: [drop])
            try entities.addAliases(names, to: kept.id)
            return try entities.load([kept.id])[0]
        }
    }

    /// Folds edges of `entity` that became the same open fact (same subject, relation and object)
    /// into the oldest one, which gains their provenance.
    private func foldDuplicateEdges(of entity: EntityID, db: Database) throws {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT e.id, k.id FROM edges e JOIN edges k
                  ON k.subject_id = e.subject_id AND k.relation = e.relation
                 AND k.object_id IS e.object_id AND k.object_value IS e.object_value AND k.id < e.id
                WHERE (e.subject_id = ?1 OR e.object_id = ?1)
                  AND e.valid_to IS NULL AND e.expired_at IS NULL AND k.valid_to IS NULL AND k.expired_at IS NULL
                """, arguments: [entity.rawValue])
        var folded = Set<Int64>()
        for row in rows {
            let duplicate: Int64 = row[0]
            let original: Int64 = row[1]
            guard folded.insert(duplicate).inserted else { continue }
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO edge_sources (edge_id, episode_id, recorded_at)
                    SELECT ?, episode_id, recorded_at FROM edge_sources WHERE edge_id = ?
                    """, arguments: [original, duplicate])
            try db.execute(
                sql: "UPDATE edges SET superseded_by = ? WHERE superseded_by = ?",
                arguments: [original, duplicate])
            try db.execute(
                sql: "DELETE FROM embeddings WHERE owner_kind = 'edge' AND owner_id = ?",
                arguments: [duplicate])
            try db.execute(sql: "DELETE FROM edges WHERE id = ?", arguments: [duplicate])
        }
    }
}
