import CLibXML2
import Foundation

/// A thin wrapper over libxml2's pull parser (`xmlTextReader`): one node at a time, with the
/// line it is on, and parse errors turned into ``ImportError``s that carry libxml2's line and
/// message. The network and external entities stay off.
final class XMLStreamReader {
    enum NodeKind {
        case startElement, endElement, text, other
    }

    /// The first error libxml2 reported, kept by its callback.
    private final class ErrorBox {
        var line = 0
        var message: String?
    }

    private let reader: xmlTextReaderPtr
    private let errors = ErrorBox()
    let path: String

    init(path: String) throws {
        self.path = path
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw ImportError(file: path, line: 0, field: "file", reason: "cannot be opened for reading")
        }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_HUGE.rawValue)
        guard let reader = xmlReaderForFile(path, nil, options) else {
            throw ImportError(file: path, line: 0, field: "file", reason: "libxml2 cannot open it")
        }
        self.reader = reader
        xmlTextReaderSetStructuredErrorHandler(
            reader,
            { context, error in
                guard let context, let error else { return }
                let box = Unmanaged<ErrorBox>.fromOpaque(context).takeUnretainedValue()
                guard box.message == nil else { return }
                box.line = Int(error.pointee.line)
                box.message =
                    error.pointee.message.map { String(cString: $0) }?
                    .trimmingCharacters(in: .whitespacesAndNewlines) ?? "malformed XML"
            }, Unmanaged.passUnretained(errors).toOpaque())
    }

    deinit { xmlFreeTextReader(reader) }

    /// Moves to the next node; false at the end of the document.
    func read() throws -> Bool {
        let status = xmlTextReaderRead(reader)
        if let message = errors.message {
            throw ImportError(file: path, line: errors.line, field: "XML", reason: message)
        }
        if status < 0 {
            throw ImportError(file: path, line: line, field: "XML", reason: "malformed XML")
        }
        return status == 1
    }

    var kind: NodeKind {
        switch xmlTextReaderNodeType(reader) {
        case Int32(XML_READER_TYPE_ELEMENT.rawValue): .startElement
        case Int32(XML_READER_TYPE_END_ELEMENT.rawValue): .endElement
        case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
            Int32(XML_READER_TYPE_WHITESPACE.rawValue),
            Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue):
            .text
        default: .other
        }
    }

    /// The element's local name (without prefix).
    var name: String { Self.string(xmlTextReaderConstLocalName(reader)) ?? "" }

    /// The element's namespace URI, or nil when it has none.
    var namespaceURI: String? { Self.string(xmlTextReaderConstNamespaceUri(reader)) }

    var depth: Int { Int(xmlTextReaderDepth(reader)) }

    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(reader) == 1 }

    /// The text of a text node.
    var value: String { Self.string(xmlTextReaderConstValue(reader)) ?? "" }

    /// The line of the current node (1-based), or the parser's line when the node has none.
    var line: Int {
        if let node = xmlTextReaderCurrentNode(reader) {
            let line = Int(xmlGetLineNo(node))
            if line > 0 { return line }
        }
        return Int(xmlTextReaderGetParserLineNumber(reader))
    }

    func attribute(_ name: String) -> String? {
        guard name.withXMLChars({ xmlTextReaderMoveToAttribute(reader, $0) }) == 1 else { return nil }
        defer { xmlTextReaderMoveToElement(reader) }
        return Self.string(xmlTextReaderConstValue(reader)) ?? ""
    }

    private static func string(_ pointer: UnsafePointer<xmlChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}
