import Foundation

/// A `.safetensors` file (Hugging Face's tensor format): an 8-byte little-endian header length,
/// a JSON header describing each tensor, then the raw tensor data. The data is memory-mapped,
/// so opening a file copies nothing but the header.
public struct SafetensorsFile: Sendable {
    /// Where one tensor lives in the data section and how to read it.
    public struct TensorInfo: Sendable, Equatable {
        /// The element type as written in the header, e.g. `F32`, `F16`, `I64`.
        public let dtype: String
        public let shape: [Int]
        /// Byte range relative to the start of the data section.
        public let byteRange: Range<Int>
    }

    /// Bytes per element of the element types whose sizes are checked against shapes.
    private static let elementSizes: [String: Int] = [
        "F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1,
    ]
    /// Headers above this size are refused rather than parsed (the format's own limit is 100 MB).
    private static let maximumHeaderLength: UInt64 = 100_000_000

    public let path: String
    /// Tensors by name.
    public let tensors: [String: TensorInfo]
    /// The free-form `__metadata__` entry, if any.
    public let metadata: [String: String]
    private let file: MappedFile
    private let dataOffset: Int

    /// Maps the file at `path` and validates its header: every tensor's byte range must lie
    /// inside the data section and match its shape.
    public init(path: String) throws(SafetensorsError) {
        let file = try MappedFile(path: path)
        let bytes = file.bytes
        guard bytes.count >= 8 else {
            throw .truncatedHeader(path: path, declaredLength: 8, fileSize: bytes.count)
        }
        let headerLength = UInt64(littleEndian: bytes.loadUnaligned(as: UInt64.self))
        guard headerLength <= Self.maximumHeaderLength, headerLength <= UInt64(bytes.count - 8) else {
            throw .truncatedHeader(path: path, declaredLength: headerLength, fileSize: bytes.count)
        }
        let dataOffset = 8 + Int(headerLength)
        let header = Data(bytes[8..<dataOffset])
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: header)
        } catch {
            throw .invalidHeader(path: path, reason: "not valid JSON (\(error.localizedDescription))")
        }
        guard let entries = json as? [String: Any] else {
            throw .invalidHeader(path: path, reason: "the header is not a JSON object")
        }
        let dataSize = bytes.count - dataOffset
        var tensors: [String: TensorInfo] = [:]
        var metadata: [String: String] = [:]
        for (name, value) in entries {
            if name == "__metadata__" {
                guard let strings = value as? [String: String] else {
                    throw .invalidHeader(path: path, reason: "__metadata__ must map strings to strings")
                }
                metadata = strings
                continue
            }
            tensors[name] = try Self.tensorInfo(name: name, entry: value, dataSize: dataSize, path: path)
        }
        self.path = path
        self.tensors = tensors
        self.metadata = metadata
        self.file = file
        self.dataOffset = dataOffset
    }

    private static func tensorInfo(
        name: String, entry: Any, dataSize: Int, path: String
    ) throws(SafetensorsError) -> TensorInfo {
        guard let fields = entry as? [String: Any] else {
            throw .invalidTensorEntry(path: path, tensor: name, reason: "the entry is not a JSON object")
        }
        guard let dtype = fields["dtype"] as? String else {
            throw .invalidTensorEntry(path: path, tensor: name, reason: "missing string field 'dtype'")
        }
        guard let shape = integers(fields["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
            throw .invalidTensorEntry(
                path: path, tensor: name, reason: "'shape' must be an array of non-negative integers")
        }
        guard let offsets = integers(fields["data_offsets"]), offsets.count == 2 else {
            throw .invalidTensorEntry(
                path: path, tensor: name, reason: "'data_offsets' must be an array of two integers")
        }
        let (begin, end) = (offsets[0], offsets[1])
        guard begin >= 0, begin <= end, end <= dataSize else {
            throw .dataOutOfRange(
                path: path, tensor: name,
                reason: "[\(begin), \(end)) is outside the data section of \(dataSize) bytes")
        }
        if let elementSize = elementSizes[dtype] {
            let (count, overflow) = shape.reduce((1, false)) { partial, dimension in
                let product = partial.0.multipliedReportingOverflow(by: dimension)
                return (product.partialValue, partial.1 || product.overflow)
            }
            guard !overflow, count.multipliedReportingOverflow(by: elementSize) == (end - begin, false) else {
                throw .dataOutOfRange(
                    path: path, tensor: name,
                    reason: "\(end - begin) bytes do not hold shape \(shape) of \(dtype)")
            }
        }
        return TensorInfo(dtype: dtype, shape: shape, byteRange: begin..<end)
    }

    private static func integers(_ value: Any?) -> [Int]? {
        guard let numbers = value as? [NSNumber] else { return nil }
        var result: [Int] = []
        for number in numbers {
            let double = number.doubleValue
            guard double == double.rounded(), abs(double) < 9e15 else { return nil }
            result.append(number.intValue)
        }
        return result
    }

    /// The float32 tensor `name`, checked against `shape`. The buffer points into the mapping
    /// and stays valid as long as this value (or a copy of it) is alive.
    public func float32Tensor(_ name: String, shape: [Int]) throws(SafetensorsError) -> UnsafeBufferPointer<
        Float
    > {
        guard let info = tensors[name] else { throw .missingTensor(path: path, tensor: name) }
        guard info.dtype == "F32", info.shape == shape else {
            throw .unexpectedTensor(
                path: path, tensor: name, expected: "F32 \(shape)", found: "\(info.dtype) \(info.shape)")
        }
        let start = file.bytes.baseAddress! + dataOffset + info.byteRange.lowerBound
        guard Int(bitPattern: start) % MemoryLayout<Float>.alignment == 0 else {
            throw .dataOutOfRange(path: path, tensor: name, reason: "the data is not aligned to 4 bytes")
        }
        return UnsafeBufferPointer(
            start: start.assumingMemoryBound(to: Float.self), count: info.byteRange.count / 4)
    }
}
