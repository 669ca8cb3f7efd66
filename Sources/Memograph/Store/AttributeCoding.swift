import Foundation

/// String maps (entity attributes, episode metadata) are stored as JSON objects with sorted keys.
enum AttributeCoding {
    static func encode(_ attributes: [String: String]) -> String {
        guard !attributes.isEmpty else { return "{}" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(attributes) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Decodes a stored object; reads select `nullif(column, '{}')`, so an empty one arrives as nil.
    static func decode(_ json: String?) -> [String: String] {
        guard let json, json != "{}" else { return [:] }
        return (try? JSONDecoder().decode([String: String].self, from: Data(json.utf8))) ?? [:]
    }
}
