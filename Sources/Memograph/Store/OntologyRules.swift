/// Applies the store's ontology (when it has one) to writes and reads: canonical type and
/// relation names, direction of inverse properties, orientation of symmetric ones, which
/// relations are single-valued, and domain/range/datatype checks. Without an ontology the
/// store is free-form and only ``RelationRules`` decide supersession.
struct OntologyRules: Sendable {
    let ontology: Ontology?
    let relationRules: RelationRules
    let validation: Validation

    /// The type that anything without a better one gets.
    static let topType = "Thing"
    /// The attribute that records, in lenient mode, what the ontology would have refused.
    static let violationAttribute = "ontologyViolation"

    /// How a relation name written by a caller maps onto what is stored.
    struct Relation {
        /// The stored (canonical) name.
        var name: String
        /// True when the caller wrote the inverse: subject and object swap places.
        var flipped: Bool
        var singleValued: Bool
        var symmetric: Bool
        var transitive: Bool
        /// The names a read matches: the relation and its subproperties.
        var readNames: [String]
        var property: OntologyProperty?
        var violation: String?
    }

    func relation(_ written: String, singleValued override: Bool? = nil) throws -> Relation {
        let written = try TextRules.nonEmpty(written, field: "relation", maxLength: 200)
        guard let ontology else {
            return Relation(
                name: written, flipped: false,
                singleValued: override ?? relationRules.isSingleValued(written),
                symmetric: false, transitive: false, readNames: [written], property: nil, violation: nil)
        }
        guard var property = ontology.resolveProperty(written) else {
            let suggestions = Self.suggestions(for: written, among: ontology.properties.map(\.name))
            guard validation == .lenient else {
                throw MemographError.unknownRelation(written, suggestions: suggestions)
            }
            return Relation(
                name: written, flipped: false, singleValued: override ?? false, symmetric: false,
                transitive: false,
                readNames: [written], property: nil, violation: "relation '\(written)' is not in the ontology"
            )
        }
        var flipped = false
        if let inverse = ontology.inverse(of: property.name),
            prefersStoring(inverse, over: property, in: ontology)
        {
            property = inverse
            flipped = true
        }
        return Relation(
            name: property.name, flipped: flipped, singleValued: override ?? property.isFunctional,
            symmetric: property.isSymmetric, transitive: property.isTransitive,
            readNames: [property.name] + ontology.subProperties(of: property.name).map(\.name),
            property: property, violation: nil)
    }

    /// Which relation names and which direction a read for `relation` (seen from the entity
    /// asked about, walking `direction`) must match in storage.
    func readFilter(_ relation: String?, direction: EdgeDirection) throws -> (
        names: [String]?, direction: EdgeDirection
    ) {
        guard let relation else { return (nil, direction) }
        let resolved = try self.relation(relation)
        if resolved.symmetric { return (resolved.readNames, .both) }
        return (resolved.readNames, resolved.flipped ? direction.reversed : direction)
    }

    /// Of a property and its inverse, the one stored: the functional one (so that supersession
    /// follows it), else the one with subproperties (so that reads of it match theirs: memberOf
    /// over hasMember, since leads ⊑ memberOf), else the one not named `hasX` (the usual name of
    /// the derived direction: partOf over hasPart), else the one whose name sorts first.
    private func prefersStoring(
        _ candidate: OntologyProperty, over written: OntologyProperty, in ontology: Ontology
    ) -> Bool {
        if candidate.isFunctional != written.isFunctional { return candidate.isFunctional }
        let candidateSubproperties = ontology.subProperties(of: candidate.name).count
        let writtenSubproperties = ontology.subProperties(of: written.name).count
        if candidateSubproperties != writtenSubproperties {
            return candidateSubproperties > writtenSubproperties
        }
        if Self.isHasForm(candidate.name) != Self.isHasForm(written.name) {
            return !Self.isHasForm(candidate.name)
        }
        return candidate.name < written.name
    }

    /// The canonical class name for a type a caller wrote ("person", "people" and "Person" are
    /// all Person), and a violation in lenient mode.
    func type(_ written: String) throws -> (name: String, violation: String?) {
        if let ontology, let found = ontology.resolveClass(written) { return (found.name, nil) }
        let valid = try EntityResolver.validType(written)
        guard let ontology, valid != Self.topType else { return (valid, nil) }
        let suggestions = Self.suggestions(for: valid, among: ontology.classes.map(\.name))
        guard validation == .lenient else {
            throw MemographError.unknownType(valid, suggestions: suggestions)
        }
        return (valid, "type '\(valid)' is not in the ontology")
    }

    /// The type a new entity gets when the caller gave none: the stored property's single
    /// domain (for the stored subject) or range (for the stored object) class, else the top type.
    func inferredType(for relation: Relation, asSubject: Bool) -> String {
        guard let property = relation.property, let ontology else { return Self.topType }
        let classes = asSubject ? property.domain : property.range.classes
        guard classes.count == 1, let found = ontology.ontologyClass(iri: classes[0]) else {
            return Self.topType
        }
        return found.name
    }

    /// What the ontology says is wrong with `subject —relation→ object`, if anything. The top
    /// type is never checked: an entity whose type is unknown contradicts nothing.
    func violation(subjectType: String, relation: Relation, object: ObjectKind) -> String? {
        guard let ontology, let property = relation.property else { return relation.violation }
        if subjectType != Self.topType, !ontology.allowsSubject(ofType: subjectType, for: property.name) {
            return "\(subjectType) is not in the domain of \(property.name) (\(Self.names(property.domain)))"
        }
        switch object {
        case .entity(let type):
            guard property.kind == .object else {
                return "\(property.name) takes a literal value (\(property.range)), not an entity"
            }
            if type != Self.topType, !ontology.allowsObject(ofType: type, for: property.name) {
                return "\(type) is not in the range of \(property.name) (\(property.range))"
            }
        case .literal(let value):
            guard let datatype = property.range.datatype else {
                return "\(property.name) relates entities (\(property.range)), not a literal value"
            }
            if !datatype.accepts(value) { return "'\(value)' is not a valid xsd:\(datatype.rawValue)" }
        }
        return nil
    }

    /// The object of a checked fact.
    enum ObjectKind {
        case entity(type: String)
        case literal(String)
    }

    /// Throws in strict mode; returns the violation to record in lenient mode.
    func enforce(_ violation: String?) throws -> String? {
        guard let violation else { return nil }
        guard validation == .lenient else { throw MemographError.ontologyViolation(violation) }
        return violation
    }

    private static func isHasForm(_ name: String) -> Bool {
        name.hasPrefix("has") && name.dropFirst(3).first?.isUppercase == true
    }

    private static func names(_ iris: [String]) -> String {
        iris.isEmpty ? "anything" : iris.map(OntologyName.localName(of:)).joined(separator: " | ")
    }

    /// Up to three defined names that share a word or a prefix with `name`.
    static func suggestions(for name: String, among candidates: [String]) -> [String] {
        let key = OntologyName.key(name)
        guard key.count >= 3 else { return [] }
        let prefix = String(key.prefix(4))
        return candidates.filter { candidate in
            let other = OntologyName.key(candidate)
            return other.hasPrefix(prefix) || other.contains(key) || key.contains(other)
        }.sorted().prefix(3).map { $0 }
    }
}
