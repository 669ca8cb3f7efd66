/// The characters XML 1.0 allows in a document (`Char` production): a text with any other
/// (C0 controls but tab, newline and carriage return; U+FFFE, U+FFFF) cannot be written, so
/// exports drop them; the markup characters are escaped by the writer.
enum XMLCharacters {
    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// `text` without the characters XML 1.0 forbids; the same string when it has none.
    static func clean(_ text: String) -> String {
        var needsCleaning = false
        for byte in text.utf8 where byte < 0x20 || byte == 0xEF {
            needsCleaning = true
            break
        }
        guard needsCleaning, !text.unicodeScalars.allSatisfy(isAllowed) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.filter(isAllowed))
        return String(scalars)
    }
}
