/// Interprets the triples of an ontology and its imports as Memograph's OWL 2 subset,
/// collecting every error (with file and line) and warning instead of stopping at the first.
struct OntologyBuilder {
    typealias V = OntologyVocabulary

    /// What building produced: an ontology when there were no errors.
    struct Outcome {
        let ontology: Ontology?
        let errors: [OntologyError]
        let warnings: [OntologyWarning]
    }

    let triples: [RDFTriple]
    let bySubject: [RDFTerm: [RDFTriple]]
    var errors: [OntologyError] = []
    var warnings: [OntologyWarning] = []

    /// Class IRIs and where each was first declared.
    var classDeclarations: [String: OntologySourceLocation] = [:]
    var objectPropertyDeclarations: [String: OntologySourceLocation] = [:]
    var datatypePropertyDeclarations: [String: OntologySourceLocation] = [:]
    var annotationProperties: Set<String> = [V.skosAltLabel, V.extractionPhrase, V.retrievalWeight]

    /// Predicates the builder reads itself; any other in the RDF, RDFS or OWL namespaces is
    /// reported as unsupported.
    static let understoodPredicates: Set<String> = [
        V.rdfType, V.rdfFirst, V.rdfRest, V.rdfsSubClassOf, V.rdfsSubPropertyOf, V.rdfsDomain, V.rdfsRange,
        V.rdfsLabel, V.rdfsComment, V.rdfs + "seeAlso", V.rdfs + "isDefinedBy", V.owlImports, V.owlInverseOf,
        V.owlUnionOf, V.owlDisjointWith, V.owlMembers, V.owl + "versionInfo", V.owl + "versionIRI",
        V.owl + "priorVersion", V.owl + "backwardCompatibleWith", V.owl + "incompatibleWith",
        V.owl + "deprecated", V.skosAltLabel, V.extractionPhrase, V.retrievalWeight,
    ]

    /// Types the builder reads itself; any other in the RDF, RDFS or OWL namespaces is
    /// reported as unsupported.
    static let understoodTypes: Set<String> = [
        V.owlClass, V.rdfsClass, V.owlOntology, V.owlNamedIndividual, V.owlObjectProperty,
        V.owlDatatypeProperty, V.owlAnnotationProperty, V.owlFunctionalProperty,
        V.owlInverseFunctionalProperty, V.owlSymmetricProperty, V.owlTransitiveProperty,
        V.owlAllDisjointClasses, V.owl + "Restriction", V.rdfs + "Datatype",
    ]

    init(triples: [RDFTriple]) {
        self.triples = triples
        self.bySubject = Dictionary(grouping: triples, by: \.subject)
    }

    /// Builds the ontology named `iri` from the triples of `files`.
    mutating func build(iri: String?, imports: [String], files: [String]) -> Outcome {
        readDeclarations()
        let classes = buildClasses()
        let properties = buildProperties()
        let candidate = Ontology(
            iri: iri, imports: imports, files: files, classes: classes, properties: properties,
            individuals: [], warnings: [])
        checkDisjointSuperclasses(in: candidate)
        warnAboutSharedNames(classes.map { ($0.iri, [$0.name] + $0.labels + $0.altLabels) }, what: "class")
        warnAboutSharedNames(
            properties.map { ($0.iri, [$0.name] + $0.labels + $0.altLabels) }, what: "property")
        let individuals = buildIndividuals(in: candidate)
        warnAboutUnsupportedVocabulary()
        let sortedErrors = errors.sorted { $0.location < $1.location }
        let sortedWarnings = warnings.sorted { ($0.file, $0.line) < ($1.file, $1.line) }
        guard sortedErrors.isEmpty else {
            return Outcome(ontology: nil, errors: sortedErrors, warnings: sortedWarnings)
        }
        let ontology = candidate.adding(individuals: individuals, warnings: sortedWarnings)
        return Outcome(ontology: ontology, errors: [], warnings: sortedWarnings)
    }

    // MARK: Declarations

    private mutating func readDeclarations() {
        var characteristicOnly: [String: (type: String, location: OntologySourceLocation)] = [:]
        for triple in triples where triple.predicate == V.rdfType {
            guard case .iri(let subject) = triple.subject, let type = triple.object.iriValue else { continue }
            switch type {
            case V.owlClass, V.rdfsClass:
                if classDeclarations[subject] == nil { classDeclarations[subject] = triple.location }
            case V.owlObjectProperty:
                if objectPropertyDeclarations[subject] == nil {
                    objectPropertyDeclarations[subject] = triple.location
                }
            case V.owlDatatypeProperty:
                if datatypePropertyDeclarations[subject] == nil {
                    datatypePropertyDeclarations[subject] = triple.location
                }
            case V.owlAnnotationProperty:
                annotationProperties.insert(subject)
            case V.owlFunctionalProperty, V.owlInverseFunctionalProperty, V.owlSymmetricProperty,
                V.owlTransitiveProperty:
                if characteristicOnly[subject] == nil {
                    characteristicOnly[subject] = (type, triple.location)
                }
            default:
                continue
            }
        }
        for (iri, objectLocation) in objectPropertyDeclarations {
            guard let datatypeLocation = datatypePropertyDeclarations[iri] else { continue }
            report(
                .conflictingPropertyKind, at: max(objectLocation, datatypeLocation),
                "property '\(name(iri))' is declared both owl:ObjectProperty (\(objectLocation)) and "
                    + "owl:DatatypeProperty (\(datatypeLocation)); a property links to entities or to literals, not both"
            )
        }
        for (iri, characteristic) in characteristicOnly
        where objectPropertyDeclarations[iri] == nil && datatypePropertyDeclarations[iri] == nil {
            report(
                .undeclaredPropertyKind, at: characteristic.location,
                "property '\(name(iri))' is typed \(prefixed(characteristic.type)) but declared neither "
                    + "owl:ObjectProperty nor owl:DatatypeProperty")
        }
    }

    // MARK: Classes

    private mutating func buildClasses() -> [OntologyClass] {
        var disjoint: [String: Set<String>] = [:]
        var links: [HierarchyCycleFinder.Link] = []
        var superclasses: [String: [String]] = [:]
        for iri in classDeclarations.keys.sorted() {
            for triple in statements(about: .iri(iri)) {
                switch triple.predicate {
                case V.rdfsSubClassOf:
                    switch triple.object {
                    case .iri(V.owlThing):
                        continue
                    case .iri(let parent):
                        guard requireClass(parent, at: triple.location, "superclass of '\(name(iri))'") else {
                            continue
                        }
                        superclasses[iri, default: []].append(parent)
                        links.append(.init(child: iri, parent: parent, location: triple.location))
                    case .blank:
                        warn(
                            at: triple.location,
                            "class expressions (owl:Restriction, owl:intersectionOf, …) in rdfs:subClassOf of "
                                + "'\(name(iri))' are not used by Memograph and are ignored")
                    case .literal:
                        report(
                            .malformedRDF, at: triple.location,
                            "rdfs:subClassOf of '\(name(iri))' is a literal")
                    }
                case V.owlDisjointWith:
                    guard let other = triple.object.iriValue,
                        requireClass(other, at: triple.location, "class disjoint with '\(name(iri))'")
                    else { continue }
                    disjoint[iri, default: []].insert(other)
                    disjoint[other, default: []].insert(iri)
                default:
                    continue
                }
            }
        }
        for triple in triples
        where triple.predicate == V.rdfType && triple.object == .iri(V.owlAllDisjointClasses) {
            let members = statements(about: triple.subject).filter { $0.predicate == V.owlMembers }
            for membersTriple in members {
                let classes = listItems(membersTriple.object).compactMap(\.iriValue).filter {
                    requireClass($0, at: membersTriple.location, "member of owl:AllDisjointClasses")
                }
                for first in classes {
                    disjoint[first, default: []].formUnion(classes.filter { $0 != first })
                }
            }
        }
        for cycle in HierarchyCycleFinder.cycles(in: links) {
            report(
                .subclassCycle, at: cycle.location,
                "rdfs:subClassOf cycle: \(cycle.path.joined(separator: " → ")); a class cannot be its own superclass"
            )
        }
        return classDeclarations.keys.sorted().map { iri in
            OntologyClass(
                iri: iri, labels: literals(of: .iri(iri), V.rdfsLabel),
                altLabels: literals(of: .iri(iri), V.skosAltLabel),
                comment: literals(of: .iri(iri), V.rdfsComment).first,
                superclasses: Array(Set(superclasses[iri] ?? [])), disjointClasses: Array(disjoint[iri] ?? [])
            )
        }
    }

    private mutating func checkDisjointSuperclasses(in ontology: Ontology) {
        for ontologyClass in ontology.classes {
            let lineage = [ontologyClass] + ontology.superclasses(of: ontologyClass.iri)
            let lineageIRIs = Set(lineage.map(\.iri))
            guard
                let clash = lineage.lazy.compactMap({ member in
                    member.disjointClasses.first(where: lineageIRIs.contains).map { (member.iri, $0) }
                }).first
            else { continue }
            report(
                .disjointnessViolation,
                at: classDeclarations[ontologyClass.iri] ?? location(of: ontologyClass.iri),
                "class '\(ontologyClass.name)' is a subclass of '\(name(clash.0))' and '\(name(clash.1))', "
                    + "which are declared disjoint, so nothing can belong to it")
        }
    }

    // MARK: Properties

    private mutating func buildProperties() -> [OntologyProperty] {
        var drafts: [String: PropertyDraft] = [:]
        var links: [HierarchyCycleFinder.Link] = []
        let propertyIRIs = Set(objectPropertyDeclarations.keys).union(datatypePropertyDeclarations.keys)
        for iri in propertyIRIs.sorted() {
            let kind: OntologyProperty.Kind = objectPropertyDeclarations[iri] != nil ? .object : .datatype
            var draft = PropertyDraft(iri: iri, kind: kind)
            readCharacteristics(into: &draft)
            readDomainAndRange(into: &draft)
            readSuperProperties(into: &draft, links: &links)
            readAnnotations(into: &draft)
            drafts[iri] = draft
        }
        readInverses(into: &drafts)
        for cycle in HierarchyCycleFinder.cycles(in: links) {
            report(
                .subpropertyCycle, at: cycle.location,
                "rdfs:subPropertyOf cycle: \(cycle.path.joined(separator: " → ")); a property cannot be its own "
                    + "superproperty")
        }
        return drafts.keys.sorted().compactMap { iri in
            drafts[iri].map { $0.property(inverseDraft: $0.inverse.flatMap { drafts[$0] }) }
        }
    }

    private mutating func readCharacteristics(into draft: inout PropertyDraft) {
        for triple in statements(about: .iri(draft.iri)) where triple.predicate == V.rdfType {
            switch triple.object.iriValue {
            case V.owlFunctionalProperty: draft.isFunctional = true
            case V.owlInverseFunctionalProperty: draft.isInverseFunctional = true
            case V.owlSymmetricProperty: draft.isSymmetric = true
            case V.owlTransitiveProperty: draft.isTransitive = true
            default: continue
            }
            if draft.kind == .datatype, triple.object.iriValue != V.owlFunctionalProperty {
                report(
                    .conflictingPropertyKind, at: triple.location,
                    "datatype property '\(name(draft.iri))' cannot be \(prefixed(triple.object.iriValue ?? "")); "
                        + "only object properties link entities in both directions")
            }
        }
    }

    private mutating func readDomainAndRange(into draft: inout PropertyDraft) {
        var domains: [[String]] = []
        var ranges: [OntologyRange] = []
        for triple in statements(about: .iri(draft.iri)) {
            switch triple.predicate {
            case V.rdfsDomain:
                guard
                    let classes = classList(
                        triple.object, at: triple.location, "domain of '\(name(draft.iri))'")
                else { continue }
                appendSingle(classes, to: &domains, "rdfs:domain", of: draft.iri, at: triple.location)
            case V.rdfsRange:
                guard let range = range(of: draft, triple: triple) else { continue }
                appendSingle(range, to: &ranges, "rdfs:range", of: draft.iri, at: triple.location)
            default:
                continue
            }
        }
        draft.domain = domains.first ?? []
        draft.range = ranges.first ?? (draft.kind == .object ? .entity(classes: []) : .literal(.string))
    }

    /// Appends a domain or range, reporting a second, different one: Memograph reads one
    /// domain and one range per property.
    private mutating func appendSingle<Value: Equatable>(
        _ value: Value, to values: inout [Value], _ statement: String, of iri: String,
        at location: OntologySourceLocation
    ) {
        if !values.isEmpty, !values.contains(value) {
            report(
                .ambiguousPropertyDeclaration, at: location,
                "property '\(name(iri))' has more than one \(statement) (OWL reads several as an intersection); "
                    + "give one and use owl:unionOf for alternatives")
        }
        values.append(value)
    }

    private mutating func range(of draft: PropertyDraft, triple: RDFTriple) -> OntologyRange? {
        let what = "range of '\(name(draft.iri))'"
        switch draft.kind {
        case .object:
            if let iri = triple.object.iriValue, iri.hasPrefix(V.xsd) || iri == V.rdfs + "Literal" {
                report(
                    .conflictingPropertyKind, at: triple.location,
                    "object property '\(name(draft.iri))' has the datatype range \(prefixed(iri)); "
                        + "declare it owl:DatatypeProperty, or give it a class range")
                return nil
            }
            return classList(triple.object, at: triple.location, what).map { .entity(classes: $0.sorted()) }
        case .datatype:
            guard let iri = triple.object.iriValue else {
                report(
                    .unknownDatatype, at: triple.location,
                    "the \(what) must name one datatype (\(Self.supportedDatatypes))")
                return nil
            }
            if let datatype = XSDDatatype(iri: iri) { return .literal(datatype) }
            if classDeclarations[iri] != nil {
                report(
                    .conflictingPropertyKind, at: triple.location,
                    "datatype property '\(name(draft.iri))' has the class range '\(name(iri))'; "
                        + "declare it owl:ObjectProperty, or give it a datatype range")
            } else {
                report(
                    .unknownDatatype, at: triple.location,
                    "unknown datatype \(prefixed(iri)) in the \(what); Memograph supports \(Self.supportedDatatypes)"
                )
            }
            return nil
        }
    }

    static let supportedDatatypes = XSDDatatype.allCases.map { "xsd:" + $0.rawValue }.joined(separator: ", ")

    private mutating func readSuperProperties(
        into draft: inout PropertyDraft, links: inout [HierarchyCycleFinder.Link]
    ) {
        for triple in statements(about: .iri(draft.iri)) where triple.predicate == V.rdfsSubPropertyOf {
            guard let parent = triple.object.iriValue else {
                report(
                    .malformedRDF, at: triple.location,
                    "rdfs:subPropertyOf of '\(name(draft.iri))' must be an IRI")
                continue
            }
            if parent == V.owl + "topObjectProperty" || parent == V.owl + "topDataProperty" { continue }
            let parentKind: OntologyProperty.Kind? =
                objectPropertyDeclarations[parent] != nil
                ? .object : datatypePropertyDeclarations[parent] != nil ? .datatype : nil
            guard let parentKind else {
                report(
                    .undefinedProperty, at: triple.location,
                    "superproperty '\(name(parent))' of '\(name(draft.iri))' is not declared")
                continue
            }
            guard parentKind == draft.kind else {
                report(
                    .conflictingPropertyKind, at: triple.location,
                    "'\(name(draft.iri))' is a \(draft.kind.rawValue) property but its superproperty "
                        + "'\(name(parent))' is a \(parentKind.rawValue) property")
                continue
            }
            draft.superProperties.insert(parent)
            links.append(.init(child: draft.iri, parent: parent, location: triple.location))
        }
    }

    private mutating func readAnnotations(into draft: inout PropertyDraft) {
        draft.labels = literals(of: .iri(draft.iri), V.rdfsLabel)
        draft.altLabels = literals(of: .iri(draft.iri), V.skosAltLabel)
        draft.comment = literals(of: .iri(draft.iri), V.rdfsComment).first
        draft.extractionPhrases = literals(of: .iri(draft.iri), V.extractionPhrase)
        let weights = statements(about: .iri(draft.iri)).filter { $0.predicate == V.retrievalWeight }
        for triple in weights {
            let text = triple.object.literalValue?.trimmingWhitespace() ?? ""
            guard XSDDatatype.decimal.accepts(text), let weight = Double(text), weight >= 0 else {
                report(
                    .invalidLiteral, at: triple.location,
                    "mg:retrievalWeight of '\(name(draft.iri))' must be a non-negative decimal, not '\(text)'"
                )
                continue
            }
            if let existing = draft.retrievalWeight, existing != weight {
                report(
                    .ambiguousPropertyDeclaration, at: triple.location,
                    "property '\(name(draft.iri))' has two retrieval weights (\(existing) and \(weight))")
            }
            draft.retrievalWeight = weight
        }
    }

    private mutating func readInverses(into drafts: inout [String: PropertyDraft]) {
        for triple in triples where triple.predicate == V.owlInverseOf {
            guard case .iri(let first) = triple.subject, let second = triple.object.iriValue else {
                report(.malformedRDF, at: triple.location, "owl:inverseOf must link two named properties")
                continue
            }
            var pairValid = true
            for iri in [first, second] where drafts[iri]?.kind != .object {
                pairValid = false
                report(
                    drafts[iri] == nil ? .undefinedProperty : .conflictingPropertyKind, at: triple.location,
                    drafts[iri] == nil
                        ? "property '\(name(iri))' in owl:inverseOf is not declared"
                        : "owl:inverseOf links object properties only; '\(name(iri))' is a datatype property")
            }
            guard pairValid else { continue }
            for (iri, other) in [(first, second), (second, first)] {
                if let existing = drafts[iri]?.inverse, existing != other {
                    report(
                        .ambiguousPropertyDeclaration, at: triple.location,
                        "property '\(name(iri))' has two inverses, '\(name(existing))' and '\(name(other))'")
                    continue
                }
                drafts[iri]?.inverse = other
            }
        }
    }

    // MARK: Names

    /// Warns when one name (after normalisation) belongs to two classes or two properties:
    /// resolution then picks one, which the author should know about.
    private mutating func warnAboutSharedNames(_ owners: [(iri: String, names: [String])], what: String) {
        var ownerOfKey: [String: String] = [:]
        for owner in owners {
            for name in owner.names {
                let key = OntologyName.key(name)
                guard !key.isEmpty else { continue }
                guard let first = ownerOfKey[key] else {
                    ownerOfKey[key] = owner.iri
                    continue
                }
                if first != owner.iri {
                    warn(
                        at: location(of: owner.iri),
                        "the name '\(name)' of \(what) '\(self.name(owner.iri))' also names '\(self.name(first))'; "
                            + "rename one so that resolving it is unambiguous")
                }
            }
        }
    }

    // MARK: Vocabulary outside the subset

    private mutating func warnAboutUnsupportedVocabulary() {
        var warned = Set<String>()
        for triple in triples {
            if triple.predicate == V.rdfType, let type = triple.object.iriValue,
                V.isBuiltIn(type), !Self.understoodTypes.contains(type), warned.insert(type).inserted
            {
                warn(at: triple.location, "\(prefixed(type)) is not used by Memograph and is ignored")
            }
            let predicate = triple.predicate
            guard !Self.understoodPredicates.contains(predicate), !annotationProperties.contains(predicate),
                objectPropertyDeclarations[predicate] == nil, datatypePropertyDeclarations[predicate] == nil,
                warned.insert(predicate).inserted
            else { continue }
            if predicate.hasPrefix(V.memograph) {
                warn(
                    at: triple.location,
                    "unknown Memograph annotation \(prefixed(predicate)); known: mg:extractionPhrase, "
                        + "mg:retrievalWeight")
            } else if V.isBuiltIn(predicate) {
                warn(at: triple.location, "\(prefixed(predicate)) is not used by Memograph and is ignored")
            } else {
                warn(
                    at: triple.location,
                    "property '\(predicate)' is not declared (owl:AnnotationProperty, owl:ObjectProperty or "
                        + "owl:DatatypeProperty); its statements are ignored")
            }
        }
    }

    // MARK: Reading helpers

    func statements(about subject: RDFTerm) -> [RDFTriple] {
        bySubject[subject] ?? []
    }

    /// Trimmed, non-empty literal values of `predicate` on `subject`, in file order, without repeats.
    func literals(of subject: RDFTerm, _ predicate: String) -> [String] {
        var seen = Set<String>()
        return statements(about: subject).filter { $0.predicate == predicate }
            .compactMap { $0.object.literalValue?.trimmingWhitespace() }
            .filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    /// The members of an RDF list, in order.
    func listItems(_ head: RDFTerm) -> [RDFTerm] {
        var items: [RDFTerm] = []
        var visited = Set<RDFTerm>()
        var cell = head
        while cell != .iri(V.rdfNil), visited.insert(cell).inserted {
            let statements = statements(about: cell)
            guard let first = statements.first(where: { $0.predicate == V.rdfFirst }) else { break }
            items.append(first.object)
            guard let rest = statements.first(where: { $0.predicate == V.rdfRest }) else { break }
            cell = rest.object
        }
        return items
    }

    /// The classes a domain or range names: one class, owl:Thing (none: anything), or an
    /// owl:unionOf; nil (after reporting) when it is something else.
    private mutating func classList(
        _ term: RDFTerm, at location: OntologySourceLocation, _ what: String
    ) -> [String]? {
        switch term {
        case .iri(V.owlThing):
            return []
        case .iri(let iri):
            return requireClass(iri, at: location, what) ? [iri] : nil
        case .blank:
            guard let union = statements(about: term).first(where: { $0.predicate == V.owlUnionOf }) else {
                warn(at: location, "the \(what) is a class expression other than owl:unionOf; it is ignored")
                return nil
            }
            let members = listItems(union.object)
            let named = members.compactMap(\.iriValue).filter { requireClass($0, at: location, what) }
            return named.count == members.count ? named.sorted() : nil
        case .literal:
            report(.malformedRDF, at: location, "the \(what) is a literal; it must name a class")
            return nil
        }
    }

    /// Whether `iri` is a declared class; reports an undefined class otherwise.
    mutating func requireClass(_ iri: String, at location: OntologySourceLocation, _ what: String) -> Bool {
        if classDeclarations[iri] != nil { return true }
        report(
            .undefinedClass, at: location,
            "undefined class '\(name(iri))' as \(what); declare it with <owl:Class rdf:about=\"\(iri)\"/>")
        return false
    }

    mutating func report(_ kind: OntologyError.Kind, at location: OntologySourceLocation, _ message: String) {
        errors.append(OntologyError(kind, at: location, message))
    }

    mutating func warn(at location: OntologySourceLocation, _ message: String) {
        warnings.append(OntologyWarning(at: location, message))
    }

    func location(of subject: String) -> OntologySourceLocation {
        classDeclarations[subject] ?? objectPropertyDeclarations[subject] ?? datatypePropertyDeclarations[
            subject]
            ?? statements(about: .iri(subject)).first?.location ?? OntologySourceLocation(file: "", line: 0)
    }

    func name(_ iri: String) -> String {
        OntologyName.localName(of: iri)
    }

    /// `owl:FunctionalProperty` for an IRI in a well-known namespace, the IRI otherwise.
    func prefixed(_ iri: String) -> String {
        let prefixes = [
            (V.owl, "owl:"), (V.rdfs, "rdfs:"), (V.rdf, "rdf:"), (V.xsd, "xsd:"), (V.memograph, "mg:"),
        ]
        for (namespace, prefix) in prefixes where iri.hasPrefix(namespace) {
            return prefix + iri.dropFirst(namespace.count)
        }
        return iri
    }
}
