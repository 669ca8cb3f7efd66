/// A deterministic embedder without a model: feature hashing of lower-cased words, word
/// bigrams and character trigrams into `dimension` signed buckets, L2-normalised. Texts that
/// share words get similar vectors, which is enough for tests that must not need the real model.
public struct HashingEmbedder: Embedder {
    public let dimension: Int
    public var modelIdentity: String { "hashing-fnv1a-v1:dim=\(dimension)" }

    /// Creates an embedder with `dimension` buckets (at least 1).
    public init(dimension: Int = 384) {
        precondition(dimension > 0, "HashingEmbedder needs a positive dimension")
        self.dimension = dimension
    }

    public func embed(_ texts: [String]) async throws -> [[Float]] {
        texts.map(vector)
    }

    /// The vector of `text`; the zero vector when the text has no letters or digits.
    public func vector(_ text: String) -> [Float] {
        var vector = [Float](repeating: 0, count: dimension)
        let words = text.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init)
        func add(_ feature: String, weight: Float) {
            let hash = Self.fnv1a(feature)
            let bucket = Int(hash % UInt64(dimension))
            vector[bucket] += (hash >> 63) == 0 ? weight : -weight
        }
        for (index, word) in words.enumerated() {
            add("w:" + word, weight: 1)
            if index > 0 { add("b:" + words[index - 1] + " " + word, weight: 0.5) }
            let characters = Array("^" + word + "$")
            if characters.count > 3 {
                for start in 0...(characters.count - 3) {
                    add("c:" + String(characters[start..<start + 3]), weight: 0.25)
                }
            }
        }
        let norm = vector.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? vector.map { $0 / norm } : vector
    }

    /// 64-bit FNV-1a over UTF-8: stable across processes and platforms, unlike `Hasher`.
    private static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash
    }
}
