import Foundation
import GRDB

/// Resolves the names an extractor found to entities, inside the ingestion transaction: by
/// name, then alias, then (when vectors are given) embedding similarity within the same type;
/// otherwise it creates the entity. It never matches across types the ontology declares
/// disjoint, and a name that matches several compatible entities resolves to none.
struct CandidateResolver {
    let db: Database
    let namespace: String
    let now: Date
    let rules: OntologyRules
    /// Vectors of candidate names (`name (Type)`), keyed like ``key(_:_:)``, with their model.
    let vectors: [String: [Float]]
    let model: String?
    let threshold: Float

    static func key(_ name: String, _ type: String) -> String {
        type + "\u{1F}" + NameNormalizer.normalize(name)
    }

    /// The entity for a candidate, or nil when the name is ambiguous.
    func resolve(name: String, type written: String, aliases: [String] = []) throws -> EntityResolution? {
        let type = (try? rules.type(written).name) ?? OntologyRules.topType
        let entities = EntityResolver(db: db, namespace: namespace, now: now, rules: rules)
        let normalized = NameNormalizer.normalize(name)
        let found = try entities.load(entities.findIDs(.name(name, type: nil)))
        let compatible = found.filter { isCompatible($0.type, type) }
        let chosen: Entity?
        if compatible.count == 1 {
            chosen = compatible[0]
        } else if compatible.count > 1 {
            let same = compatible.filter { $0.type == type }
            guard same.count == 1 else { return nil }
            chosen = same[0]
        } else {
            chosen = nil
        }
        if let chosen {
            try refine(chosen, to: type)
            try entities.addAliases(aliases, to: chosen.id)
            let method: EntityResolution.Method =
                NameNormalizer.normalize(chosen.name) == normalized ? .name : .alias
            return EntityResolution(surface: name, candidateType: written, entity: chosen.id, method: method)
        }
        if type != OntologyRules.topType, let (id, score) = try similar(name: name, type: type) {
            try entities.addAliases([name] + aliases, to: id)
            return EntityResolution(
                surface: name, candidateType: written, entity: id, method: .similarity, score: Double(score))
        }
        let id = try entities.insert(name: name, type: type, summary: nil, attributes: [:])
        try entities.addAliases(aliases, to: id)
        if let model, let vector = vectors[Self.key(name, type)] {
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO embeddings (owner_kind, owner_id, namespace, model, vector)
                    VALUES ('entity', ?, ?, ?, ?)
                    """, arguments: [id.rawValue, namespace, model, VectorCoding.encode(vector)])
        }
        return EntityResolution(surface: name, candidateType: written, entity: id, method: .created)
    }

    /// Whether an entity of type `stored` may be the one a candidate of type `candidate` names:
    /// the same type, an unknown one on either side, or one a subclass of the other.
    private func isCompatible(_ stored: String, _ candidate: String) -> Bool {
        if stored == candidate || stored == OntologyRules.topType || candidate == OntologyRules.topType {
            return true
        }
        guard let ontology = rules.ontology else { return false }
        if ontology.areDisjoint(stored, candidate) { return false }
        return ontology.isSubclass(stored, of: candidate) || ontology.isSubclass(candidate, of: stored)
    }

    /// Gives an entity of unknown or more general type the candidate's more specific type, unless
    /// another entity already has that type and name.
    private func refine(_ entity: Entity, to type: String) throws {
        guard type != OntologyRules.topType, entity.type != type else { return }
        let moreSpecific =
            entity.type == OntologyRules.topType
            || (rules.ontology?.isSubclass(type, of: entity.type) ?? false)
        guard moreSpecific else { return }
        let taken =
            try Bool.fetchOne(
                db, sql: "SELECT 1 FROM entities WHERE namespace = ? AND type = ? AND normalized_name = ?",
                arguments: [namespace, type, NameNormalizer.normalize(entity.name)]) ?? false
        guard !taken else { return }
        try db.execute(
            sql: "UPDATE entities SET type = ?, updated_at = ? WHERE id = ?",
            arguments: [type, StoreTime.encode(now), entity.id.rawValue])
    }

    /// The stored entity of the same type whose vector is closest to the name's, when close enough.
    private func similar(name: String, type: String) throws -> (EntityID, Float)? {
        guard let vector = vectors[Self.key(name, type)] else { return nil }
        var best: (EntityID, Float)?
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT m.owner_id, m.vector FROM embeddings m JOIN entities n ON n.id = m.owner_id
                WHERE m.owner_kind = 'entity' AND n.namespace = ? AND n.type = ?
                """, arguments: [namespace, type])
        while let row = try rows.next() {
            let other = VectorCoding.decode(row[1])
            guard other.count == vector.count else { continue }
            let score = VectorSimilarity.cosine(vector, other)
            if score >= threshold, score > (best?.1 ?? -1) { best = (EntityID(row[0]), score) }
        }
        return best
    }
}
