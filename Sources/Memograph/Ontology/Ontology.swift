/// A loaded ontology: the classes (entity types) and properties (relations and attributes)
/// the memory speaks, with the reasoning the store needs — name resolution, subclass and
/// subproperty closure, disjointness, domain and range checks.
///
/// Build one with ``OntologyLoader`` (or ``Ontology/bundledDefault()``). It is a value:
/// cheap to share across tasks, `Codable` so a store can record the ontology it was created
/// with and compare a later one against it (``incompatibilities(comparedTo:)``).
///
/// Queries that take a class or property accept its IRI or any name the `resolve` methods
/// accept ("Person", "people", "is member of").
public struct Ontology: Hashable, Sendable, Codable {
    /// The IRI of the main ontology (its owl:Ontology header), if it has one.
    public let iri: String?
    /// The IRIs of the ontologies imported, directly or not, in load order.
    public let imports: [String]
    /// The files read: the main one first, then its imports.
    public let files: [String]
    /// Every class of the ontology and its imports, sorted by IRI.
    public let classes: [OntologyClass]
    /// Every property of the ontology and its imports, sorted by IRI.
    public let properties: [OntologyProperty]
    /// The named individuals written in the files, sorted by IRI.
    public private(set) var individuals: [OntologyIndividual]
    /// Constructs read but not used by Memograph.
    public private(set) var warnings: [OntologyWarning]

    private let index: OntologyIndex

    init(
        iri: String?, imports: [String], files: [String], classes: [OntologyClass],
        properties: [OntologyProperty], individuals: [OntologyIndividual], warnings: [OntologyWarning]
    ) {
        self.iri = iri
        self.imports = imports
        self.files = files
        self.classes = classes.sorted { $0.iri < $1.iri }
        self.properties = properties.sorted { $0.iri < $1.iri }
        self.individuals = individuals.sorted { $0.iri < $1.iri }
        self.warnings = warnings
        self.index = OntologyIndex(classes: self.classes, properties: self.properties)
    }

    /// This ontology with individuals and warnings added, keeping the indexes already built.
    func adding(individuals: [OntologyIndividual], warnings: [OntologyWarning]) -> Ontology {
        var copy = self
        copy.individuals = individuals.sorted { $0.iri < $1.iri }
        copy.warnings = warnings
        return copy
    }

    private enum CodingKeys: String, CodingKey {
        case iri, imports, files, classes, properties, individuals, warnings
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            iri: try container.decodeIfPresent(String.self, forKey: .iri),
            imports: try container.decode([String].self, forKey: .imports),
            files: try container.decode([String].self, forKey: .files),
            classes: try container.decode([OntologyClass].self, forKey: .classes),
            properties: try container.decode([OntologyProperty].self, forKey: .properties),
            individuals: try container.decode([OntologyIndividual].self, forKey: .individuals),
            warnings: try container.decode([OntologyWarning].self, forKey: .warnings))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(iri, forKey: .iri)
        try container.encode(imports, forKey: .imports)
        try container.encode(files, forKey: .files)
        try container.encode(classes, forKey: .classes)
        try container.encode(properties, forKey: .properties)
        try container.encode(individuals, forKey: .individuals)
        try container.encode(warnings, forKey: .warnings)
    }

    // MARK: Lookup

    /// The class with exactly this IRI.
    public func ontologyClass(iri: String) -> OntologyClass? {
        index.classPosition[iri].map { classes[$0] }
    }

    /// The property with exactly this IRI.
    public func property(iri: String) -> OntologyProperty? {
        index.propertyPosition[iri].map { properties[$0] }
    }

    /// Finds a class by IRI, local name, label or altLabel, ignoring case and separators,
    /// leading fillers ("the") and a plural ending: "Person", "person", "people" (an
    /// altLabel), "persons" all find Person.
    public func resolveClass(_ name: String) -> OntologyClass? {
        classPosition(of: name).map { classes[$0] }
    }

    /// Finds a property by IRI, local name, label or altLabel, ignoring case, separators and
    /// leading fillers: "memberOf", "member_of", "member-of", "is member of" and an altLabel
    /// such as "belongs to" all find memberOf.
    public func resolveProperty(_ name: String) -> OntologyProperty? {
        propertyPosition(of: name).map { properties[$0] }
    }

    /// The properties declared owl:FunctionalProperty (or entailed by an inverse-functional
    /// inverse): the ones whose new value supersedes the old.
    public var functionalProperties: [OntologyProperty] {
        properties.filter(\.isFunctional)
    }

    // MARK: Classes

    /// Whether `subclass` is `superclass` or one of its subclasses, directly or not.
    /// Every class is a subclass of owl:Thing; unknown names are subclasses of nothing.
    public func isSubclass(_ subclass: String, of superclass: String) -> Bool {
        guard let sub = classPosition(of: subclass) else { return false }
        if superclass == OntologyVocabulary.owlThing { return true }
        guard let sup = classPosition(of: superclass) else { return false }
        return index.classAncestors[sub].contains(sup)
    }

    /// All superclasses of a class, nearest first (the class itself excluded).
    public func superclasses(of className: String) -> [OntologyClass] {
        guard let position = classPosition(of: className) else { return [] }
        return index.classAncestorOrder[position].dropFirst().map { classes[$0] }
    }

    /// All subclasses of a class, directly or not (the class itself excluded), sorted by IRI.
    public func subclasses(of className: String) -> [OntologyClass] {
        guard let position = classPosition(of: className) else { return [] }
        return classes.indices.filter { $0 != position && index.classAncestors[$0].contains(position) }
            .map { classes[$0] }
    }

    /// Whether no entity can be of both classes: some superclass of one (or the class
    /// itself) is declared disjoint with some superclass of the other. Entity resolution
    /// must never merge across disjoint types.
    public func areDisjoint(_ first: String, _ second: String) -> Bool {
        guard let a = classPosition(of: first), let b = classPosition(of: second) else { return false }
        return index.classAncestors[a].contains { ancestor in
            !index.disjointClasses[ancestor].isDisjoint(with: index.classAncestors[b])
        }
    }

    // MARK: Properties

    /// Whether `subproperty` is `superproperty` or one of its subproperties, directly or not.
    public func isSubProperty(_ subproperty: String, of superproperty: String) -> Bool {
        guard let sub = propertyPosition(of: subproperty), let sup = propertyPosition(of: superproperty)
        else {
            return false
        }
        return index.propertyAncestors[sub].contains(sup)
    }

    /// All superproperties of a property, nearest first (the property itself excluded).
    public func superProperties(of propertyName: String) -> [OntologyProperty] {
        guard let position = propertyPosition(of: propertyName) else { return [] }
        return index.propertyAncestorOrder[position].dropFirst().map { properties[$0] }
    }

    /// All subproperties of a property, directly or not (the property itself excluded),
    /// sorted by IRI: a query for memberOf should also match leads if leads ⊑ memberOf.
    public func subProperties(of propertyName: String) -> [OntologyProperty] {
        guard let position = propertyPosition(of: propertyName) else { return [] }
        return properties.indices.filter { $0 != position && index.propertyAncestors[$0].contains(position) }
            .map { properties[$0] }
    }

    /// The inverse of a property (owl:inverseOf), if it has one.
    public func inverse(of propertyName: String) -> OntologyProperty? {
        resolveProperty(propertyName)?.inverse.flatMap { property(iri: $0) }
    }

    /// Whether an entity of class `type` may be the subject of `property`: it must fall
    /// within the domain of the property and of each of its superproperties (subclass
    /// reasoning included). An unknown property or class is never allowed.
    public func allowsSubject(ofType type: String, for propertyName: String) -> Bool {
        guard let position = propertyPosition(of: propertyName), classPosition(of: type) != nil else {
            return false
        }
        return index.propertyAncestorOrder[position].allSatisfy { ancestor in
            let domain = properties[ancestor].domain
            return domain.isEmpty || domain.contains { isSubclass(type, of: $0) }
        }
    }

    /// Whether an entity of class `type` may be the object of `property` (an object
    /// property whose range, and its superproperties' ranges, admit the class).
    public func allowsObject(ofType type: String, for propertyName: String) -> Bool {
        guard let position = propertyPosition(of: propertyName), classPosition(of: type) != nil,
            properties[position].kind == .object
        else { return false }
        return index.propertyAncestorOrder[position].allSatisfy { ancestor in
            let range = properties[ancestor].range.classes
            return range.isEmpty || range.contains { isSubclass(type, of: $0) }
        }
    }

    // MARK: Positions

    private func classPosition(of name: String) -> Int? {
        if let position = index.classPosition[name] { return position }
        for key in OntologyName.candidateKeys(name) {
            if let position = index.classKeys[key] { return position }
        }
        return nil
    }

    private func propertyPosition(of name: String) -> Int? {
        if let position = index.propertyPosition[name] { return position }
        for key in OntologyName.candidateKeys(name) {
            if let position = index.propertyKeys[key] { return position }
        }
        return nil
    }
}
