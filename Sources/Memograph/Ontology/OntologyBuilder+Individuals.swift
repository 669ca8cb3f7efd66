extension OntologyBuilder {
    /// Reads named individuals (typed owl:NamedIndividual or with a declared class) and their
    /// property assertions, checking literals against datatypes, disjoint types, and that
    /// functional and inverse-functional properties have one value where they must.
    mutating func buildIndividuals(in ontology: Ontology) -> [OntologyIndividual] {
        var typeStatements: [String: [RDFTriple]] = [:]
        for triple in triples where triple.predicate == V.rdfType {
            guard case .iri(let subject) = triple.subject, let type = triple.object.iriValue else { continue }
            if type == V.owlNamedIndividual || classDeclarations[type] != nil {
                typeStatements[subject, default: []].append(triple)
            } else if !V.isBuiltIn(type) {
                report(
                    .undefinedClass, at: triple.location,
                    "'\(name(subject))' is typed '\(name(type))', which is not a declared class")
            }
        }
        var subjectsByValue: [String: [String: RDFTriple]] = [:]
        var individuals: [OntologyIndividual] = []
        for iri in typeStatements.keys.sorted() {
            let typeTriples = typeStatements[iri] ?? []
            let types = typeTriples.compactMap(\.object.iriValue).filter { $0 != V.owlNamedIndividual }
            checkDisjointTypes(of: iri, typeTriples: typeTriples, in: ontology)
            var assertions: [OntologyIndividual.Assertion] = []
            var valuesByProperty: [String: [(value: String, triple: RDFTriple)]] = [:]
            for triple in statements(about: .iri(iri)) {
                guard let property = ontology.property(iri: triple.predicate),
                    let assertion = assertion(of: property, on: iri, triple)
                else { continue }
                assertions.append(assertion)
                if !valuesByProperty[property.iri, default: []].contains(where: {
                    $0.value == assertion.value
                }) {
                    valuesByProperty[property.iri, default: []].append((assertion.value, triple))
                }
                if property.isInverseFunctional {
                    let key = property.iri + " " + assertion.value
                    if let earlier = subjectsByValue[key]?.first(where: { $0.key != iri }) {
                        report(
                            .functionalPropertyConflict, at: triple.location,
                            "inverse-functional property '\(property.name)' has the value '\(name(assertion.value))' "
                                + "on two individuals: '\(name(earlier.key))' (\(earlier.value.location)) and "
                                + "'\(name(iri))'")
                    }
                    subjectsByValue[key, default: [:]][iri] = triple
                }
            }
            for (propertyIRI, values) in valuesByProperty where values.count > 1 {
                guard let property = ontology.property(iri: propertyIRI), property.isFunctional else {
                    continue
                }
                report(
                    .functionalPropertyConflict, at: values[1].triple.location,
                    "functional property '\(property.name)' has two values on '\(name(iri))': "
                        + "'\(name(values[0].value))' (\(values[0].triple.location)) and '\(name(values[1].value))'; "
                        + "a functional property holds one value at a time")
            }
            individuals.append(
                OntologyIndividual(
                    iri: iri, types: Array(Set(types)), labels: literals(of: .iri(iri), V.rdfsLabel),
                    assertions: assertions))
        }
        return individuals
    }

    private mutating func assertion(
        of property: OntologyProperty, on subject: String, _ triple: RDFTriple
    ) -> OntologyIndividual.Assertion? {
        switch (property.kind, triple.object) {
        case (.object, .iri(let value)):
            return .init(property: property.iri, value: value, isLiteral: false)
        case (.datatype, .literal(let lexical, _)):
            let datatype = property.range.datatype ?? .string
            guard datatype.accepts(lexical) else {
                report(
                    .invalidLiteral, at: triple.location,
                    "'\(lexical)' is not a valid xsd:\(datatype.rawValue) for '\(property.name)' on '\(name(subject))'"
                )
                return nil
            }
            let value =
                datatype == .string ? lexical : lexical.trimmingWhitespace()
            return .init(property: property.iri, value: value, isLiteral: true)
        case (.object, _):
            report(
                .conflictingPropertyKind, at: triple.location,
                "object property '\(property.name)' on '\(name(subject))' needs an individual (rdf:resource), "
                    + "not \(triple.object.displayText)")
            return nil
        case (.datatype, _):
            report(
                .conflictingPropertyKind, at: triple.location,
                "datatype property '\(property.name)' on '\(name(subject))' needs a literal, not "
                    + "\(triple.object.displayText)")
            return nil
        }
    }

    private mutating func checkDisjointTypes(of iri: String, typeTriples: [RDFTriple], in ontology: Ontology)
    {
        let typed = typeTriples.filter { $0.object.iriValue != V.owlNamedIndividual }
        for (offset, first) in typed.enumerated() {
            for second in typed.dropFirst(offset + 1) {
                guard let a = first.object.iriValue, let b = second.object.iriValue, a != b,
                    ontology.areDisjoint(a, b)
                else { continue }
                report(
                    .disjointnessViolation, at: second.location,
                    "'\(name(iri))' is typed both '\(name(a))' and '\(name(b))', which are disjoint")
            }
        }
    }
}
