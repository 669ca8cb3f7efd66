import CLibXML2
import Foundation

/// Parses XML bytes into a libxml2 document without network access, turning libxml2's own
/// error reports into an `OntologyError` with file and line instead of letting them reach stderr.
enum XMLDocumentReader {
    /// The first error libxml2 reported while parsing, captured by the parser context's
    /// structured error handler.
    private final class FirstError {
        var message: String?
        var line = 0
    }

    /// Returns the parsed document; the caller frees it with `xmlFreeDoc`.
    static func read(_ data: Data, path: String, documentIRI: String) throws(OntologyError) -> xmlDocPtr {
        guard data.count < Int(Int32.max) else {
            throw OntologyError(
                .malformedXML, at: OntologySourceLocation(file: path, line: 0),
                "the file is too large for an ontology")
        }
        guard let context = xmlNewParserCtxt() else {
            throw OntologyError(
                .malformedXML, at: OntologySourceLocation(file: path, line: 0), "libxml2 is out of memory")
        }
        defer { xmlFreeParserCtxt(context) }
        let firstError = FirstError()
        let options = Int32(
            XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document: xmlDocPtr? = withExtendedLifetime(firstError) {
            context.pointee._private = Unmanaged.passUnretained(firstError).toOpaque()
            context.pointee.sax.pointee.serror = { userData, error in
                guard let userData, let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else {
                    return
                }
                let context = userData.assumingMemoryBound(to: xmlParserCtxt.self)
                guard let box = context.pointee._private else { return }
                let firstError = Unmanaged<FirstError>.fromOpaque(box).takeUnretainedValue()
                guard firstError.message == nil else { return }
                let text = error.pointee.message.map { String(cString: $0) } ?? "unknown XML error"
                firstError.message = text.trimmingWhitespace()
                firstError.line = Int(error.pointee.line)
            }
            return data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) -> xmlDocPtr? in
                let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
                return xmlCtxtReadMemory(context, base, Int32(bytes.count), documentIRI, nil, options)
            }
        }
        context.pointee._private = nil
        if let message = firstError.message {
            if let document { xmlFreeDoc(document) }
            throw OntologyError(
                .malformedXML, at: OntologySourceLocation(file: path, line: firstError.line),
                "malformed XML: \(message)")
        }
        guard let document else {
            throw OntologyError(
                .malformedXML, at: OntologySourceLocation(file: path, line: 0), "malformed XML")
        }
        return document
    }
}
