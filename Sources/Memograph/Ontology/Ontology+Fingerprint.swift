extension Ontology {
    /// A canonical, line-per-entity text of everything that defines the ontology's meaning —
    /// classes, properties, their characteristics, names and annotations — sorted, so the
    /// same ontology always yields the same text wherever its files live.
    public var canonicalSummary: String {
        func list(_ values: [String]) -> String { "[" + values.joined(separator: ",") + "]" }
        var lines: [String] = []
        for item in classes {
            lines.append(
                "class \(item.iri) super=\(list(item.superclasses)) disjoint=\(list(item.disjointClasses)) "
                    + "labels=\(list(item.labels)) alt=\(list(item.altLabels)) comment=\(item.comment ?? "")")
        }
        for item in properties {
            lines.append(
                "property \(item.iri) kind=\(item.kind.rawValue) domain=\(list(item.domain)) "
                    + "range=\(rangeText(item.range)) flags=\(list(item.characteristics)) "
                    + "inverse=\(item.inverse ?? "") super=\(list(item.superProperties)) "
                    + "labels=\(list(item.labels)) alt=\(list(item.altLabels)) "
                    + "phrases=\(list(item.extractionPhrases)) weight=\(item.retrievalWeight) "
                    + "comment=\(item.comment ?? "")")
        }
        return lines.joined(separator: "\n")
    }

    /// A stable 64-bit FNV-1a hash of ``canonicalSummary`` as 16 hex digits: equal for the
    /// same ontology on every run and machine, so a store can tell quickly whether it is
    /// opened with the ontology it was created with.
    public var fingerprint: String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in canonicalSummary.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private func rangeText(_ range: OntologyRange) -> String {
        switch range {
        case .entity(let classes): return "entity[" + classes.joined(separator: ",") + "]"
        case .literal(let datatype): return datatype.iri
        }
    }
}
