import Foundation

/// Passes a list of ids to SQL as one bound JSON array, read back with `json_each`, so that one
/// cached statement serves lists of any length.
enum IDList {
    /// Written digit by digit into one buffer: a string per id took a tenth of a depth-2 walk.
    static func json(_ ids: [Int64]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(ids.count * 8 + 2)
        bytes.append(UInt8(ascii: "["))
        for id in ids {
            if bytes.count > 1 { bytes.append(UInt8(ascii: ",")) }
            if id < 0 { bytes.append(UInt8(ascii: "-")) }
            let start = bytes.count
            var rest = id.magnitude
            repeat {
                bytes.append(UInt8(ascii: "0") + UInt8(rest % 10))
                rest /= 10
            } while rest > 0
            bytes[start...].reverse()
        }
        bytes.append(UInt8(ascii: "]"))
        return String(decoding: bytes, as: UTF8.self)
    }

    static func json(_ names: [String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: names)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
