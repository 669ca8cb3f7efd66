/// Lookup tables derived from an ontology's classes and properties, built once so that
/// name resolution and subclass, subproperty and disjointness queries are dictionary and
/// set lookups.
struct OntologyIndex: Hashable, Sendable {
    let classPosition: [String: Int]
    let propertyPosition: [String: Int]
    /// Name keys (local name, then labels, then altLabels) to class positions.
    let classKeys: [String: Int]
    /// Name keys (local name, then labels, then altLabels) to property positions.
    let propertyKeys: [String: Int]
    /// Each class's ancestors including itself, nearest first.
    let classAncestorOrder: [[Int]]
    let classAncestors: [Set<Int>]
    /// Each property's ancestors including itself, nearest first.
    let propertyAncestorOrder: [[Int]]
    let propertyAncestors: [Set<Int>]
    /// For each class, the classes declared disjoint with it.
    let disjointClasses: [Set<Int>]

    init(classes: [OntologyClass], properties: [OntologyProperty]) {
        let classPosition = Dictionary(
            classes.enumerated().map { ($1.iri, $0) }, uniquingKeysWith: { first, _ in first })
        let propertyPosition = Dictionary(
            properties.enumerated().map { ($1.iri, $0) }, uniquingKeysWith: { first, _ in first })
        self.classPosition = classPosition
        self.propertyPosition = propertyPosition
        classKeys = Self.nameKeys(classes.map { [[$0.name], $0.labels, $0.altLabels] })
        propertyKeys = Self.nameKeys(properties.map { [[$0.name], $0.labels, $0.altLabels] })
        classAncestorOrder = classes.indices.map { start in
            Self.ancestors(from: start) { classes[$0].superclasses.compactMap { classPosition[$0] } }
        }
        classAncestors = classAncestorOrder.map(Set.init)
        propertyAncestorOrder = properties.indices.map { start in
            Self.ancestors(from: start) { properties[$0].superProperties.compactMap { propertyPosition[$0] } }
        }
        propertyAncestors = propertyAncestorOrder.map(Set.init)
        var disjoint = Array(repeating: Set<Int>(), count: classes.count)
        for (position, ontologyClass) in classes.enumerated() {
            for other in ontologyClass.disjointClasses.compactMap({ classPosition[$0] }) {
                disjoint[position].insert(other)
                disjoint[other].insert(position)
            }
        }
        disjointClasses = disjoint
    }

    /// Maps every name's key to its owner, earlier tiers (local names) winning over later
    /// ones (labels, then altLabels), and earlier owners (by IRI) within a tier.
    private static func nameKeys(_ tiersPerOwner: [[[String]]]) -> [String: Int] {
        var keys: [String: Int] = [:]
        for tier in 0..<3 {
            for (position, tiers) in tiersPerOwner.enumerated() {
                for name in tiers[tier] {
                    let key = OntologyName.key(name)
                    if !key.isEmpty, keys[key] == nil { keys[key] = position }
                }
            }
        }
        return keys
    }

    /// Breadth-first closure over parents, the start first; safe on cycles.
    private static func ancestors(from start: Int, parents: (Int) -> [Int]) -> [Int] {
        var order = [start]
        var seen: Set<Int> = [start]
        var next = 0
        while next < order.count {
            for parent in parents(order[next]) where seen.insert(parent).inserted {
                order.append(parent)
            }
            next += 1
        }
        return order
    }
}
