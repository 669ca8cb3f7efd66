/// A way in which an ontology is not a compatible extension of an older one: a store
/// created with the older one would hold data the newer one reads differently.
public enum OntologyIncompatibility: Hashable, Sendable, CustomStringConvertible {
    /// A class of the older ontology is missing.
    case classRemoved(iri: String)
    /// A class no longer has one of its former superclasses (directly or not).
    case superclassRemoved(class: String, superclass: String)
    /// A property of the older ontology is missing.
    case propertyRemoved(iri: String)
    /// A property's kind, characteristic, inverse, superproperties, domain or range changed in
    /// a way that is not a widening.
    case propertyChanged(iri: String, aspect: String, old: String, new: String)

    public var description: String {
        switch self {
        case .classRemoved(let iri):
            return "class '\(OntologyName.localName(of: iri))' was removed"
        case .superclassRemoved(let child, let parent):
            return "class '\(OntologyName.localName(of: child))' is no longer a subclass of "
                + "'\(OntologyName.localName(of: parent))'"
        case .propertyRemoved(let iri):
            return "property '\(OntologyName.localName(of: iri))' was removed"
        case .propertyChanged(let iri, let aspect, let old, let new):
            return "property '\(OntologyName.localName(of: iri))' changed its \(aspect) from \(old) to \(new)"
        }
    }
}

extension Ontology {
    /// What stops this ontology from replacing `older` for an existing store: removed
    /// classes or properties, lost superclasses, and changed property characteristics
    /// (kind, functional, inverse-functional, symmetric, transitive, inverse, superproperties)
    /// or narrowed domain and range. Additions, widened domains and ranges, and changed
    /// labels, synonyms, comments, phrases and weights are compatible. Empty when compatible.
    public func incompatibilities(comparedTo older: Ontology) -> [OntologyIncompatibility] {
        var found: [OntologyIncompatibility] = []
        for oldClass in older.classes {
            guard ontologyClass(iri: oldClass.iri) != nil else {
                found.append(.classRemoved(iri: oldClass.iri))
                continue
            }
            for ancestor in older.superclasses(of: oldClass.iri)
            where !isSubclass(oldClass.iri, of: ancestor.iri) {
                found.append(.superclassRemoved(class: oldClass.iri, superclass: ancestor.iri))
            }
        }
        for oldProperty in older.properties {
            guard let newProperty = property(iri: oldProperty.iri) else {
                found.append(.propertyRemoved(iri: oldProperty.iri))
                continue
            }
            found += changes(from: oldProperty, to: newProperty)
        }
        return found
    }

    /// Whether this ontology can replace `older` for a store created with it: see
    /// ``incompatibilities(comparedTo:)`` for what differs when it cannot.
    public func isCompatibleExtension(of older: Ontology) -> Bool {
        incompatibilities(comparedTo: older).isEmpty
    }

    private func changes(
        from old: OntologyProperty, to new: OntologyProperty
    ) -> [OntologyIncompatibility] {
        func changed(_ aspect: String, _ oldValue: String, _ newValue: String) -> OntologyIncompatibility? {
            oldValue == newValue
                ? nil : .propertyChanged(iri: old.iri, aspect: aspect, old: oldValue, new: newValue)
        }
        func names(_ iris: [String]) -> String {
            iris.isEmpty ? "none" : iris.map(OntologyName.localName(of:)).sorted().joined(separator: ", ")
        }
        var found = [
            changed("kind", old.kind.rawValue, new.kind.rawValue),
            changed("functional flag", "\(old.isFunctional)", "\(new.isFunctional)"),
            changed("inverse-functional flag", "\(old.isInverseFunctional)", "\(new.isInverseFunctional)"),
            changed("symmetric flag", "\(old.isSymmetric)", "\(new.isSymmetric)"),
            changed("transitive flag", "\(old.isTransitive)", "\(new.isTransitive)"),
            changed(
                "inverse", old.inverse.map(OntologyName.localName(of:)) ?? "none",
                new.inverse.map(OntologyName.localName(of:)) ?? "none"),
            changed("superproperties", names(old.superProperties), names(new.superProperties)),
        ].compactMap { $0 }
        if !widens(old.domain, to: new.domain) {
            found.append(
                .propertyChanged(
                    iri: old.iri, aspect: "domain", old: names(old.domain), new: names(new.domain)))
        }
        let rangeWidened: Bool
        switch (old.range, new.range) {
        case (.entity(let oldClasses), .entity(let newClasses)):
            rangeWidened = widens(oldClasses, to: newClasses)
        default:
            rangeWidened = old.range == new.range
        }
        if !rangeWidened {
            found.append(
                .propertyChanged(
                    iri: old.iri, aspect: "range", old: old.range.description, new: new.range.description))
        }
        return found
    }

    /// Whether every entity allowed by `oldClasses` (empty: anything) is allowed by `newClasses`.
    private func widens(_ oldClasses: [String], to newClasses: [String]) -> Bool {
        if newClasses.isEmpty { return true }
        if oldClasses.isEmpty { return false }
        return oldClasses.allSatisfy { oldClass in newClasses.contains { isSubclass(oldClass, of: $0) } }
    }
}
