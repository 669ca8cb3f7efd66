/// A property being read from triples, before its inverse's characteristics are folded in.
struct PropertyDraft {
    let iri: String
    let kind: OntologyProperty.Kind
    var labels: [String] = []
    var altLabels: [String] = []
    var comment: String?
    var domain: [String] = []
    var range: OntologyRange = .entity(classes: [])
    var isFunctional = false
    var isInverseFunctional = false
    var isSymmetric = false
    var isTransitive = false
    var inverse: String?
    var superProperties: Set<String> = []
    var extractionPhrases: [String] = []
    var retrievalWeight: Double?

    /// The finished property. OWL entails that a property is functional when its inverse is
    /// inverse-functional and the other way round, so those flags are folded in here.
    func property(inverseDraft: PropertyDraft?) -> OntologyProperty {
        OntologyProperty(
            iri: iri, kind: kind, labels: labels, altLabels: altLabels, comment: comment, domain: domain,
            range: range, isFunctional: isFunctional || inverseDraft?.isInverseFunctional == true,
            isInverseFunctional: isInverseFunctional || inverseDraft?.isFunctional == true,
            isSymmetric: isSymmetric, isTransitive: isTransitive || inverseDraft?.isTransitive == true,
            inverse: inverse, superProperties: Array(superProperties), extractionPhrases: extractionPhrases,
            retrievalWeight: retrievalWeight ?? 1)
    }
}
