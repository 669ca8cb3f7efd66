import Foundation
import Memograph
import MemographTestSupport
import Testing

@Suite("safetensors reader")
struct SafetensorsFileTests {
    /// Writes a safetensors file with `header` (JSON text) and `data`, returning its path.
    private func write(header: String, data: [UInt8] = [], declaredLength: UInt64? = nil) throws -> String {
        let headerBytes = Array(header.utf8)
        var bytes: [UInt8] = []
        let length = declaredLength ?? UInt64(headerBytes.count)
        for shift in stride(from: 0, to: 64, by: 8) {
            bytes.append(UInt8(truncatingIfNeeded: length >> shift))
        }
        bytes += headerBytes + data
        let url = ScratchDirectory.root.appending(
            path: "memograph-\(UUID().uuidString).safetensors")
        try Data(bytes).write(to: url)
        return url.path
    }

    private func floatBytes(_ values: [Float]) -> [UInt8] {
        values.flatMap { value in withUnsafeBytes(of: value.bitPattern.littleEndian) { Array($0) } }
    }

    @Test func readsTensorsAndMetadata() throws {
        let header =
            #"{"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]}}"#
        let padded = header + String(repeating: " ", count: (8 - header.utf8.count % 8) % 8)
        let path = try write(header: padded, data: floatBytes([1, 2, 3, 4]))
        let file = try SafetensorsFile(path: path)
        #expect(file.metadata == ["format": "pt"])
        let info = try #require(file.tensors["w"])
        #expect(info.dtype == "F32" && info.shape == [2, 2] && info.byteRange == 0..<16)
        #expect(Array(try file.float32Tensor("w", shape: [2, 2])) == [1, 2, 3, 4])
        #expect(throws: SafetensorsError.missingTensor(path: path, tensor: "v")) {
            try file.float32Tensor("v", shape: [2, 2])
        }
        #expect(
            throws: SafetensorsError.unexpectedTensor(
                path: path, tensor: "w", expected: "F32 [4]", found: "F32 [2, 2]")
        ) {
            try file.float32Tensor("w", shape: [4])
        }
    }

    @Test func rejectsAFileShorterThanTheLengthPrefix() throws {
        let url = ScratchDirectory.root.appending(
            path: "memograph-\(UUID().uuidString).safetensors")
        try Data([1, 2, 3]).write(to: url)
        #expect(throws: SafetensorsError.truncatedHeader(path: url.path, declaredLength: 8, fileSize: 3)) {
            try SafetensorsFile(path: url.path)
        }
    }

    @Test func rejectsATruncatedHeader() throws {
        let path = try write(header: #"{"w":{"#, declaredLength: 500)
        #expect(throws: SafetensorsError.truncatedHeader(path: path, declaredLength: 500, fileSize: 14)) {
            try SafetensorsFile(path: path)
        }
    }

    @Test func rejectsHeadersThatAreNotJSONObjects() throws {
        for header in [#"{"w": [1, 2"#, "[1, 2, 3]", "not json"] {
            let path = try write(header: header)
            do {
                _ = try SafetensorsFile(path: path)
                Issue.record("accepted header \(header)")
            } catch {
                guard case .invalidHeader(let errorPath, _) = error else {
                    Issue.record("unexpected error \(error)")
                    continue
                }
                #expect(errorPath == path)
                #expect(error.description.contains(path))
            }
        }
    }

    @Test func rejectsMalformedTensorEntries() throws {
        let entries = [
            #"{"w":{"shape":[1],"data_offsets":[0,4]}}"#,
            #"{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#,
            #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0]}}"#, #"{"w":5}"#,
        ]
        for header in entries {
            let path = try write(header: header, data: floatBytes([1]))
            #expect(throws: SafetensorsError.self) { try SafetensorsFile(path: path) }
            do {
                _ = try SafetensorsFile(path: path)
            } catch {
                guard case .invalidTensorEntry(_, let tensor, _) = error else {
                    Issue.record("unexpected error \(error) for \(header)")
                    continue
                }
                #expect(tensor == "w")
            }
        }
    }

    @Test func rejectsOffsetsOutsideTheData() throws {
        for header in [
            #"{"w":{"dtype":"F32","shape":[4],"data_offsets":[0,16]}}"#,
            #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}}"#,
            #"{"w":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#,
        ] {
            let path = try write(header: header, data: floatBytes([1, 2]))
            do {
                _ = try SafetensorsFile(path: path)
                Issue.record("accepted \(header)")
            } catch {
                guard case .dataOutOfRange(_, let tensor, _) = error else {
                    Issue.record("unexpected error \(error) for \(header)")
                    continue
                }
                #expect(tensor == "w")
            }
        }
    }

    @Test func reportsAMissingFile() {
        #expect(throws: SafetensorsError.self) { try SafetensorsFile(path: "/nonexistent/model.safetensors") }
    }
}
