/// Why a sentence-embedding model could not be found, fetched or loaded. Messages name the
/// file at fault and, where it helps, the command that repairs it.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The model directory or one of its required files does not exist.
    case missingModel(directory: String, missingFile: String)
    /// A file exists but cannot be read.
    case unreadableFile(path: String, reason: String)
    /// A configuration or vocabulary file has content the runtime cannot use.
    case invalidFile(path: String, reason: String)
    /// The weights' SHA-256 is not the one the model is published with.
    case checksumMismatch(path: String, expected: String, actual: String)
    /// The weights file itself is malformed.
    case invalidWeights(SafetensorsError)
    /// Downloading or unpacking the model failed.
    case fetchFailed(step: String, reason: String)

    public var description: String {
        switch self {
        case .missingModel(let directory, let missingFile):
            return
                "no embedding model in \(directory) (\(missingFile) is missing); run `memograph model fetch` to download it"
        case .unreadableFile(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .invalidFile(let path, let reason):
            return "invalid model file \(path): \(reason)"
        case .checksumMismatch(let path, let expected, let actual):
            return
                "\(path) is corrupt: SHA-256 is \(actual), expected \(expected); run `memograph model fetch` to download it again"
        case .invalidWeights(let error):
            return "\(error); run `memograph model fetch` to download the model again"
        case .fetchFailed(let step, let reason):
            return "model fetch failed while \(step): \(reason)"
        }
    }
}
