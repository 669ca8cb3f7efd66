import Foundation

/// The SHA-256 of a model's `model.safetensors`, cached in `model.safetensors.sha256`
/// (`sha256sum` format) so that loading a model does not hash 90 MB each time. The cache is
/// trusted only while it is at least as new as the weights.
enum ModelChecksum {
    static let weightsFile = "model.safetensors"
    static let cacheFile = "model.safetensors.sha256"

    /// The weights' hash: from the cache when it is current, else computed (and cached when
    /// the directory is writable).
    static func sha256(ofWeightsIn directory: URL) throws(ModelError) -> String {
        let weights = directory.appending(path: weightsFile)
        let cache = directory.appending(path: cacheFile)
        if let cached = cachedHash(cache: cache, weights: weights) { return cached }
        let hash = try computeSHA256(of: weights)
        try? "\(hash)  \(weightsFile)\n".write(to: cache, atomically: true, encoding: .utf8)
        return hash
    }

    /// Hashes the file at `url` from a memory mapping.
    static func computeSHA256(of url: URL) throws(ModelError) -> String {
        let file: MappedFile
        do {
            file = try MappedFile(path: url.path)
        } catch {
            throw .unreadableFile(path: url.path, reason: error.description)
        }
        var hasher = SHA256()
        hasher.update(file.bytes)
        return hasher.hexDigest
    }

    private static func cachedHash(cache: URL, weights: URL) -> String? {
        let manager = FileManager.default
        guard
            let cacheDate = (try? manager.attributesOfItem(atPath: cache.path))?[.modificationDate] as? Date,
            let weightsDate = (try? manager.attributesOfItem(atPath: weights.path))?[.modificationDate]
                as? Date,
            cacheDate >= weightsDate,
            let text = try? String(contentsOf: cache, encoding: .utf8),
            let hash = text.split(separator: " ").first.map(String.init),
            hash.count == 64, hash.allSatisfy(\.isHexDigit)
        else { return nil }
        return hash.lowercased()
    }
}
