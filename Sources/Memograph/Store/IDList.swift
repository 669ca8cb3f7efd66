import Foundation

/// Passes a list of ids to SQL as one bound JSON array, read back with `json_each`, so that one
/// cached statement serves lists of any length.
enum IDList {
    static func json(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    static func json(_ names: [String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: names)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
