import Memograph
import Testing

@Suite struct OntologyNameTests {
    @Test(arguments: [
        ("memberOf", "memberof"), ("member_of", "memberof"), ("member-of", "memberof"),
        ("Member Of", "memberof"),
        ("HTTPServer", "httpserver"), ("listensOnPort", "listensonport"), ("Café", "cafe"), ("  ", ""),
    ])
    func keysIgnoreCaseSeparatorsAndDiacritics(_ name: String, _ key: String) {
        #expect(OntologyName.key(name) == key)
    }

    @Test func localNames() {
        #expect(OntologyName.localName(of: "https://memograph.dev/ontology/memograph#Person") == "Person")
        #expect(OntologyName.localName(of: "http://example.org/relative/Cat") == "Cat")
        #expect(OntologyName.localName(of: "urn:example:thing") == "thing")
        #expect(OntologyName.localName(of: "plain") == "plain")
    }

    @Test func datatypeLiterals() {
        #expect(XSDDatatype.integer.accepts("-42"))
        #expect(XSDDatatype.integer.accepts(" 8080 "))
        #expect(!XSDDatatype.integer.accepts("80.5"))
        #expect(!XSDDatatype.integer.accepts("-"))
        #expect(XSDDatatype.decimal.accepts("0.25"))
        #expect(XSDDatatype.decimal.accepts(".5"))
        #expect(!XSDDatatype.decimal.accepts("."))
        #expect(!XSDDatatype.decimal.accepts("1e3"))
        #expect(XSDDatatype.boolean.accepts("false"))
        #expect(!XSDDatatype.boolean.accepts("yes"))
        #expect(XSDDatatype.dateTime.accepts("2026-11-24T20:42:00Z"))
        #expect(XSDDatatype.dateTime.accepts("2026-11-24T20:42:00.123+01:00"))
        #expect(!XSDDatatype.dateTime.accepts("2026-11-24"))
        #expect(XSDDatatype(iri: "http://www.w3.org/2001/XMLSchema#anyURI") == .anyURI)
        #expect(XSDDatatype(iri: "http://www.w3.org/2001/XMLSchema#float") == nil)
    }
}
