/// A problem that stops an ontology from loading, with the file and line it was found at.
///
/// Its description reads like a compiler diagnostic (`memograph.owl:42: error: …`) so that
/// editors and people can jump to the spot.
public struct OntologyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, for callers that react to a particular problem.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// The file could not be read.
        case unreadableFile
        /// The file is not well-formed XML (libxml2's own message is kept).
        case malformedXML
        /// The XML is well-formed but not valid RDF/XML.
        case malformedRDF
        /// A domain, range, superclass, type or disjointness names a class that is never declared.
        case undefinedClass
        /// A subPropertyOf or inverseOf names a property that is never declared.
        case undefinedProperty
        /// rdfs:subClassOf statements form a cycle.
        case subclassCycle
        /// rdfs:subPropertyOf statements form a cycle.
        case subpropertyCycle
        /// A datatype range that Memograph does not support.
        case unknownDatatype
        /// An owl:imports names no file in the importing file's folder.
        case missingImport
        /// An owl:imports points outside the importing file's folder.
        case importOutsideFolder
        /// A functional (or inverse-functional) property has two values where one is allowed.
        case functionalPropertyConflict
        /// A property is declared both owl:ObjectProperty and owl:DatatypeProperty, or has a
        /// range or characteristic that does not fit its kind.
        case conflictingPropertyKind
        /// A property has characteristics but is declared neither object nor datatype property.
        case undeclaredPropertyKind
        /// A property has more than one domain, range or inverse.
        case ambiguousPropertyDeclaration
        /// A class is a subclass of two disjoint classes, or an individual is typed with both.
        case disjointnessViolation
        /// A literal does not match its datatype (e.g. `abc` as xsd:integer).
        case invalidLiteral
    }

    /// The kind of problem.
    public let kind: Kind
    /// Where the problem was found.
    public let location: OntologySourceLocation
    /// A sentence saying what is wrong and, where possible, how to fix it.
    public let message: String

    /// Creates an error.
    public init(_ kind: Kind, at location: OntologySourceLocation, _ message: String) {
        self.kind = kind
        self.location = location
        self.message = message
    }

    /// The file the problem is in.
    public var file: String { location.file }
    /// The 1-based line of the problem (0 for the file as a whole).
    public var line: Int { location.line }

    public var description: String { "\(location): error: \(message)" }
}
