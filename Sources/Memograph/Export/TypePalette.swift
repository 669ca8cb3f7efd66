/// A stable colour per entity type for styled exports: the same type gets the same colour in
/// every file, whatever else the graph holds.
enum TypePalette {
    private static let colours: [(UInt8, UInt8, UInt8)] = [
        (0x4E, 0x79, 0xA7), (0xF2, 0x8E, 0x2B), (0xE1, 0x57, 0x59), (0x76, 0xB7, 0xB2),
        (0x59, 0xA1, 0x4F), (0xED, 0xC9, 0x48), (0xB0, 0x7A, 0xA1), (0xFF, 0x9D, 0xA7),
        (0x9C, 0x75, 0x5F), (0xBA, 0xB0, 0xAC), (0x1F, 0x77, 0xB4), (0x2C, 0xA0, 0x2C),
    ]

    /// The literal-value colour: a neutral grey.
    static let literal: (UInt8, UInt8, UInt8) = (0xCC, 0xCC, 0xCC)

    static func colour(for type: String) -> (UInt8, UInt8, UInt8) {
        var hash: UInt32 = 2_166_136_261
        for byte in type.utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return colours[Int(hash % UInt32(colours.count))]
    }

    static func hex(_ colour: (UInt8, UInt8, UInt8)) -> String {
        "#"
            + [colour.0, colour.1, colour.2].map { byte in
                let digits = String(byte, radix: 16, uppercase: true)
                return digits.count == 1 ? "0" + digits : digits
            }.joined()
    }
}
