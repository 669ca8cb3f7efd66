import CLibXML2
import Foundation

/// A thin, throwing wrapper over libxml2's `xmlTextWriter` writing to a file descriptor through
/// libxml2's own output buffer: elements are streamed out as they are written.
///
/// Every text goes through ``XMLCharacters/clean(_:)`` first; libxml2 escapes `<`, `&`, quotes
/// and line breaks.
final class XMLStreamWriter {
    private let writer: xmlTextWriterPtr

    init(fileDescriptor: Int32, indent: Bool) throws {
        guard let buffer = xmlOutputBufferCreateFd(fileDescriptor, nil) else {
            throw MemographError.invalidArgument(field: "output", reason: "libxml2 could not open the output")
        }
        guard let writer = xmlNewTextWriter(buffer) else {
            xmlOutputBufferClose(buffer)
            throw MemographError.invalidArgument(field: "output", reason: "libxml2 could not create a writer")
        }
        self.writer = writer
        if indent { xmlTextWriterSetIndent(writer, 1) }
    }

    deinit { xmlFreeTextWriter(writer) }

    func startDocument() throws {
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "start the document")
    }

    func endDocument() throws {
        try check(xmlTextWriterEndDocument(writer), "end the document")
        try check(xmlTextWriterFlush(writer), "flush the output")
    }

    func start(_ name: String) throws {
        try check(name.withXMLChars { xmlTextWriterStartElement(writer, $0) }, "write <\(name)>")
    }

    func end() throws {
        try check(xmlTextWriterEndElement(writer), "close an element")
    }

    func attribute(_ name: String, _ value: String) throws {
        let clean = XMLCharacters.clean(value)
        let status = name.withXMLChars { name in
            clean.withXMLChars { xmlTextWriterWriteAttribute(writer, name, $0) }
        }
        try check(status, "write the attribute \(name)")
    }

    func text(_ value: String) throws {
        try check(
            XMLCharacters.clean(value).withXMLChars { xmlTextWriterWriteString(writer, $0) }, "write text")
    }

    /// Markup serialised elsewhere (an ``XMLFragment``), written as it is.
    func raw(_ bytes: [UInt8]) throws {
        let status = bytes.withUnsafeBufferPointer {
            xmlTextWriterWriteRawLen(writer, $0.baseAddress, Int32($0.count))
        }
        try check(status, "write a row")
    }

    /// `<name attribute="value">text</name>` in one go.
    func element(_ name: String, attribute: (String, String), text value: String) throws {
        try start(name)
        try self.attribute(attribute.0, attribute.1)
        try text(value)
        try end()
    }

    private func check(_ status: Int32, _ action: String) throws {
        if status < 0 {
            throw MemographError.invalidArgument(
                field: "output",
                reason: "could not \(action) (libxml2 error; is the disk full or the pipe closed?)")
        }
    }
}

extension String {
    /// Calls `body` with the string's NUL-terminated UTF-8 as libxml2's `xmlChar`.
    func withXMLChars<T>(_ body: (UnsafePointer<xmlChar>) throws -> T) rethrows -> T {
        try withCString { try $0.withMemoryRebound(to: xmlChar.self, capacity: utf8.count + 1, body) }
    }
}
