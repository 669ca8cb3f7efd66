import Foundation

/// Vectors are stored as little-endian 32-bit floats, one after the other.
enum VectorCoding {
    static func encode(_ vector: [Float]) -> Data {
        var data = Data(count: vector.count * 4)
        data.withUnsafeMutableBytes { bytes in
            for (index, value) in vector.enumerated() {
                bytes.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: index * 4, as: UInt32.self)
            }
        }
        return data
    }

    /// The floats in `data`; trailing bytes that do not make a whole float are ignored.
    static func decode(_ data: Data) -> [Float] {
        let count = data.count / 4
        return data.withUnsafeBytes { bytes in
            [Float](unsafeUninitializedCapacity: count) { floats, initialized in
                for index in 0..<count {
                    let bits = bytes.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)
                    floats[index] = Float(bitPattern: UInt32(littleEndian: bits))
                }
                initialized = count
            }
        }
    }
}
