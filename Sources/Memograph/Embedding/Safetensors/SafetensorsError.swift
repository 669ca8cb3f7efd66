/// Why a `.safetensors` file could not be read; every case names the file, and the tensor
/// when one is at fault, so that a bad download is easy to spot.
public enum SafetensorsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file could not be opened or mapped (`reason` is the system's message).
    case unreadable(path: String, reason: String)
    /// The file is shorter than the 8-byte header length, or than the header it declares.
    case truncatedHeader(path: String, declaredLength: UInt64, fileSize: Int)
    /// The header is not a JSON object of tensor entries.
    case invalidHeader(path: String, reason: String)
    /// A tensor entry lacks a field or has one of the wrong kind.
    case invalidTensorEntry(path: String, tensor: String, reason: String)
    /// A tensor's byte range lies outside the data section, or disagrees with its shape.
    case dataOutOfRange(path: String, tensor: String, reason: String)
    /// The model needs a tensor the file does not have.
    case missingTensor(path: String, tensor: String)
    /// The tensor exists but has another element type or shape than the model needs.
    case unexpectedTensor(path: String, tensor: String, expected: String, found: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            return "cannot read safetensors file \(path): \(reason)"
        case .truncatedHeader(let path, let declaredLength, let fileSize):
            return
                "truncated safetensors file \(path): header declares \(declaredLength) bytes but the file has \(fileSize) bytes"
        case .invalidHeader(let path, let reason):
            return "invalid safetensors header in \(path): \(reason)"
        case .invalidTensorEntry(let path, let tensor, let reason):
            return "invalid entry for tensor '\(tensor)' in \(path): \(reason)"
        case .dataOutOfRange(let path, let tensor, let reason):
            return "tensor '\(tensor)' in \(path) has bad data offsets: \(reason)"
        case .missingTensor(let path, let tensor):
            return "tensor '\(tensor)' is missing from \(path)"
        case .unexpectedTensor(let path, let tensor, let expected, let found):
            return "tensor '\(tensor)' in \(path) is \(found), expected \(expected)"
        }
    }
}
