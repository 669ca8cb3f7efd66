/// One row element (`<node>`, `<edge>`) serialised into bytes, handed to the ``XMLStreamWriter``
/// as a single raw write: a million edges are a million libxml2 calls instead of tens of millions.
///
/// Text is escaped as libxml2's writer does it (`&`, `<`, `>`; in attributes also quotes, tab
/// and line breaks as character references; `\r` everywhere, so it survives parsing) and the
/// characters XML 1.0 forbids are dropped.
struct XMLFragment {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(4096) }

    mutating func reset() { bytes.removeAll(keepingCapacity: true) }

    /// `  <name` at row depth.
    mutating func open(_ name: StaticString) {
        append("  <")
        append(name)
    }

    mutating func attribute(_ name: StaticString, _ value: String) {
        append(" ")
        append(name)
        append("=\"")
        escape(value, inAttribute: true)
        append("\"")
    }

    /// An id attribute made of a one-letter prefix and a row id: `id="e42"`.
    mutating func attribute(_ name: StaticString, prefix: UInt8, id: Int64) {
        append(" ")
        append(name)
        append("=\"")
        bytes.append(prefix)
        digits(id)
        append("\"")
    }

    mutating func endStartTag() { append(">\n") }

    mutating func close(_ name: StaticString) {
        append("  </")
        append(name)
        append(">\n")
    }

    mutating func data(_ key: GraphMLKey, _ value: String) {
        openData(key)
        escape(value, inAttribute: false)
        append("</data>\n")
    }

    mutating func data(_ key: GraphMLKey, micros: Int64) {
        openData(key)
        ExchangeTime.append(micros: micros, to: &bytes)
        append("</data>\n")
    }

    mutating func data(_ key: GraphMLKey, prefix: UInt8, id: Int64) {
        openData(key)
        bytes.append(prefix)
        digits(id)
        append("</data>\n")
    }

    /// Raw markup (a nested extension element); the caller guarantees it is well-formed.
    mutating func markup(_ text: String) { bytes.append(contentsOf: text.utf8) }

    private mutating func openData(_ key: GraphMLKey) {
        append("   <data key=\"")
        bytes.append(contentsOf: key.id.utf8)
        append("\">")
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func digits(_ value: Int64) {
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func escape(_ text: String, inAttribute: Bool) {
        var text = text
        text.withUTF8 { utf8 in
            var index = 0
            let count = utf8.count
            while index < count {
                let byte = utf8[index]
                switch byte {
                case UInt8(ascii: "&"): append("&amp;")
                case UInt8(ascii: "<"): append("&lt;")
                case UInt8(ascii: ">"): append("&gt;")
                case UInt8(ascii: "\r"): append("&#13;")
                case UInt8(ascii: "\""): inAttribute ? append("&quot;") : bytes.append(byte)
                case UInt8(ascii: "\n"): inAttribute ? append("&#10;") : bytes.append(byte)
                case UInt8(ascii: "\t"): inAttribute ? append("&#9;") : bytes.append(byte)
                case 0..<0x20: break
                case 0xEF where index + 2 < count && utf8[index + 1] == 0xBF && utf8[index + 2] >= 0xBE:
                    index += 2
                default: bytes.append(byte)
                }
                index += 1
            }
        }
    }
}
