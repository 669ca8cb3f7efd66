import CLibXML2
import Foundation

/// Reads an RDF/XML document into triples with libxml2, never touching the network.
///
/// It covers the RDF/XML grammar that ontology editors write: node elements (typed or
/// rdf:Description) named by rdf:about, rdf:ID or rdf:nodeID, property elements with
/// rdf:resource, nested node elements, literals with rdf:datatype, property attributes,
/// rdf:parseType "Resource", "Collection" and "Literal", and xml:base scoping.
struct RDFXMLParser {
    private let path: String
    /// Scopes blank node IDs to this document, so that nodes of two files never merge.
    private let blankNodePrefix: String
    private var triples: [RDFTriple] = []
    private var blankNodeCounter = 0

    private init(path: String, documentIRI: String) {
        self.path = path
        self.blankNodePrefix = "_:" + documentIRI + "#"
    }

    /// Parses `data` (the file at `path`) into triples; `documentIRI` is the base IRI when the
    /// document sets no xml:base.
    static func triples(in data: Data, path: String, documentIRI: String) throws(OntologyError) -> [RDFTriple]
    {
        let document = try XMLDocumentReader.read(data, path: path, documentIRI: documentIRI)
        defer { xmlFreeDoc(document) }
        var parser = RDFXMLParser(path: path, documentIRI: documentIRI)
        try parser.parseDocument(document, documentIRI: documentIRI)
        return parser.triples
    }

    private mutating func parseDocument(_ document: xmlDocPtr, documentIRI: String) throws(OntologyError) {
        guard let root = xmlDocGetRootElement(document) else {
            throw OntologyError(.malformedRDF, at: location(line: 1), "the document has no root element")
        }
        let base = try baseIRI(of: root, inheritingFrom: documentIRI)
        if namespace(of: root) == OntologyVocabulary.rdf && name(of: root) == "RDF" {
            for child in elementChildren(of: root) {
                _ = try parseNodeElement(child, inheritedBase: base)
            }
        } else {
            _ = try parseNodeElement(root, inheritedBase: documentIRI)
        }
    }

    // MARK: Node elements

    private mutating func parseNodeElement(
        _ node: xmlNodePtr, inheritedBase: String
    ) throws(OntologyError) -> RDFTerm {
        let base = try baseIRI(of: node, inheritingFrom: inheritedBase)
        let here = location(of: node)
        let elementIRI = try qualifiedName(of: node)
        let subject = try subjectTerm(of: node, base: base)
        if elementIRI != OntologyVocabulary.rdfDescription {
            add(subject, OntologyVocabulary.rdfType, .iri(elementIRI), at: here)
        }
        for attribute in attributes(of: node) {
            switch (attribute.namespace, attribute.name) {
            case (OntologyVocabulary.rdf, "about"), (OntologyVocabulary.rdf, "ID"),
                (OntologyVocabulary.rdf, "nodeID"):
                continue
            case (OntologyVocabulary.rdf, "type"):
                let type = try resolve(attribute.value, against: base, at: here)
                add(subject, OntologyVocabulary.rdfType, .iri(type), at: here, written: attribute.value)
            case (OntologyVocabulary.xml, _):
                continue
            case (nil, _):
                throw OntologyError(
                    .malformedRDF, at: here,
                    "attribute '\(attribute.name)' has no namespace; RDF/XML needs qualified names such as rdf:about"
                )
            case (let namespace?, let name):
                add(subject, namespace + name, .literal(lexical: attribute.value, datatype: nil), at: here)
            }
        }
        for child in elementChildren(of: node) {
            try parsePropertyElement(child, of: subject, inheritedBase: base)
        }
        return subject
    }

    private mutating func subjectTerm(of node: xmlNodePtr, base: String) throws(OntologyError) -> RDFTerm {
        let here = location(of: node)
        if let about = attribute(OntologyVocabulary.rdf, "about", of: node) {
            return .iri(try resolve(about, against: base, at: here))
        }
        if let id = attribute(OntologyVocabulary.rdf, "ID", of: node) {
            return .iri(try resolve("#" + id, against: base, at: here))
        }
        if let nodeID = attribute(OntologyVocabulary.rdf, "nodeID", of: node) {
            return .blank(blankNodePrefix + nodeID)
        }
        return newBlankNode()
    }

    // MARK: Property elements

    private mutating func parsePropertyElement(
        _ node: xmlNodePtr, of subject: RDFTerm, inheritedBase: String
    ) throws(OntologyError) {
        let base = try baseIRI(of: node, inheritingFrom: inheritedBase)
        let here = location(of: node)
        let predicate = try qualifiedName(of: node)
        if predicate == OntologyVocabulary.rdf + "li" {
            throw OntologyError(
                .malformedRDF, at: here, "rdf:li containers are not supported in ontology files")
        }
        var resource: String?
        var nodeID: String?
        var datatype: String?
        var parseType: String?
        var propertyAttributes: [(predicate: String, value: String)] = []
        for attribute in attributes(of: node) {
            switch (attribute.namespace, attribute.name) {
            case (OntologyVocabulary.rdf, "resource"): resource = attribute.value
            case (OntologyVocabulary.rdf, "nodeID"): nodeID = attribute.value
            case (OntologyVocabulary.rdf, "datatype"): datatype = attribute.value
            case (OntologyVocabulary.rdf, "parseType"): parseType = attribute.value
            case (OntologyVocabulary.rdf, "ID"), (OntologyVocabulary.xml, _): continue
            case (nil, _):
                throw OntologyError(
                    .malformedRDF, at: here,
                    "attribute '\(attribute.name)' of <\(name(of: node))> has no namespace")
            case (let namespace?, let name): propertyAttributes.append((namespace + name, attribute.value))
            }
        }
        let children = elementChildren(of: node)
        switch parseType {
        case "Resource":
            let object = newBlankNode()
            add(subject, predicate, object, at: here)
            for child in children {
                try parsePropertyElement(child, of: object, inheritedBase: base)
            }
        case "Collection":
            var items: [RDFTerm] = []
            for child in children {
                items.append(try parseNodeElement(child, inheritedBase: base))
            }
            add(subject, predicate, makeList(items, at: here), at: here)
        case .some:
            add(subject, predicate, .literal(lexical: textContent(of: node), datatype: nil), at: here)
        case nil:
            if let child = children.first {
                guard children.count == 1, resource == nil, nodeID == nil else {
                    throw OntologyError(
                        .malformedRDF, at: here,
                        "property element <\(name(of: node))> must hold exactly one node element and no rdf:resource"
                    )
                }
                add(subject, predicate, try parseNodeElement(child, inheritedBase: base), at: here)
                return
            }
            let object: RDFTerm
            var written: String?
            if let resource {
                object = .iri(try resolve(resource, against: base, at: here))
                written = resource
            } else if let nodeID {
                object = .blank(blankNodePrefix + nodeID)
            } else if !propertyAttributes.isEmpty {
                object = newBlankNode()
            } else {
                let datatypeIRI = try datatype.map { (value) throws(OntologyError) in
                    try resolve(value, against: base, at: here)
                }
                object = .literal(lexical: textContent(of: node), datatype: datatypeIRI)
            }
            add(subject, predicate, object, at: here, written: written)
            for attribute in propertyAttributes {
                add(object, attribute.predicate, .literal(lexical: attribute.value, datatype: nil), at: here)
            }
        }
    }

    private mutating func makeList(_ items: [RDFTerm], at location: OntologySourceLocation) -> RDFTerm {
        var rest = RDFTerm.iri(OntologyVocabulary.rdfNil)
        for item in items.reversed() {
            let cell = newBlankNode()
            add(cell, OntologyVocabulary.rdfFirst, item, at: location)
            add(cell, OntologyVocabulary.rdfRest, rest, at: location)
            rest = cell
        }
        return rest
    }

    // MARK: Building blocks

    private mutating func add(
        _ subject: RDFTerm, _ predicate: String, _ object: RDFTerm, at location: OntologySourceLocation,
        written: String? = nil
    ) {
        triples.append(
            RDFTriple(
                subject: subject, predicate: predicate, object: object, writtenReference: written,
                location: location))
    }

    private mutating func newBlankNode() -> RDFTerm {
        blankNodeCounter += 1
        return .blank(blankNodePrefix + "genid-\(blankNodeCounter)")
    }

    private func location(line: Int) -> OntologySourceLocation {
        OntologySourceLocation(file: path, line: line)
    }

    private func location(of node: xmlNodePtr) -> OntologySourceLocation {
        location(line: Int(xmlGetLineNo(node)))
    }

    private func qualifiedName(of node: xmlNodePtr) throws(OntologyError) -> String {
        guard let namespace = namespace(of: node) else {
            throw OntologyError(
                .malformedRDF, at: location(of: node),
                "element <\(name(of: node))> has no namespace; RDF/XML needs qualified names such as owl:Class"
            )
        }
        return namespace + name(of: node)
    }

    private func baseIRI(of node: xmlNodePtr, inheritingFrom parentBase: String) throws(OntologyError)
        -> String
    {
        guard let base = attribute(OntologyVocabulary.xml, "base", of: node) else { return parentBase }
        return try resolve(base, against: parentBase, at: location(of: node))
    }

    /// Resolves an IRI reference against a base, as RDF/XML requires for rdf:about,
    /// rdf:resource, rdf:ID and rdf:datatype.
    private func resolve(
        _ reference: String, against base: String, at location: OntologySourceLocation
    ) throws(OntologyError) -> String {
        if Self.hasScheme(reference) { return reference }
        if reference.isEmpty {
            return String(base.prefix { $0 != "#" })
        }
        guard let resolved = xmlBuildURI(reference, base) else {
            throw OntologyError(
                .malformedRDF, at: location,
                "cannot resolve IRI reference '\(reference)' against base '\(base)'")
        }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private static func hasScheme(_ reference: String) -> Bool {
        guard let colon = reference.firstIndex(of: ":"), colon != reference.startIndex,
            reference.first?.isLetter == true
        else { return false }
        return reference[..<colon].allSatisfy {
            $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "."
        }
    }

    private func namespace(of node: xmlNodePtr) -> String? {
        node.pointee.ns?.pointee.href.map { String(cString: $0) }
    }

    private func name(of node: xmlNodePtr) -> String {
        String(cString: node.pointee.name)
    }

    private func elementChildren(of node: xmlNodePtr) -> [xmlNodePtr] {
        var result: [xmlNodePtr] = []
        var child = node.pointee.children
        while let current = child {
            if current.pointee.type == XML_ELEMENT_NODE { result.append(current) }
            child = current.pointee.next
        }
        return result
    }

    private func attributes(of node: xmlNodePtr) -> [(namespace: String?, name: String, value: String)] {
        var result: [(namespace: String?, name: String, value: String)] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            let namespace = current.pointee.ns?.pointee.href.map { String(cString: $0) }
            result.append((namespace, String(cString: current.pointee.name), value(of: current, in: node)))
            attribute = current.pointee.next
        }
        return result
    }

    private func attribute(_ namespace: String, _ name: String, of node: xmlNodePtr) -> String? {
        guard let attribute = xmlHasNsProp(node, name, namespace) else { return nil }
        return value(of: attribute, in: node)
    }

    private func value(of attribute: xmlAttrPtr, in node: xmlNodePtr) -> String {
        guard let text = xmlNodeListGetString(node.pointee.doc, attribute.pointee.children, 1) else {
            return ""
        }
        defer { free(text) }
        return String(cString: text)
    }

    private func textContent(of node: xmlNodePtr) -> String {
        guard let text = xmlNodeGetContent(node) else { return "" }
        defer { free(text) }
        return String(cString: text)
    }
}
