import Foundation
import Memograph
import MemographTestSupport
import Testing

@Suite("model directory and loading errors")
struct ModelLoadingTests {
    @Test func defaultDirectoryFollowsTheEnvironment() {
        #expect(ModelLocation.defaultDirectory(environment: ["MEMOGRAPH_MODEL_DIR": "/m"]).path == "/m")
        #expect(
            ModelLocation.defaultDirectory(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/u"]).path
                == "/data/memograph/models/all-MiniLM-L6-v2")
        #expect(
            ModelLocation.defaultDirectory(environment: ["HOME": "/home/u"]).path
                == "/home/u/.local/share/memograph/models/all-MiniLM-L6-v2")
        #expect(ModelLocation.directory("/elsewhere").path == "/elsewhere")
    }

    @Test func missingModelNamesTheFetchCommand() throws {
        let directory = try ScratchDirectory.make("memograph-model")
        do {
            _ = try BertSentenceEmbedder(directory: directory)
            Issue.record("loaded an empty directory")
        } catch {
            #expect(error == .missingModel(directory: directory.path, missingFile: "model.safetensors"))
            #expect(error.description.contains("memograph model fetch"))
        }
    }

    /// A model folder whose configuration is fine but whose weights are `weights`.
    private func modelDirectory(weights: Data) throws -> URL {
        let directory = try ScratchDirectory.make("memograph-model")
        let config = """
            {"hidden_size": 8, "num_hidden_layers": 1, "num_attention_heads": 2, "intermediate_size": 16,
             "max_position_embeddings": 16, "vocab_size": 6, "hidden_act": "gelu"}
            """
        try Data(config.utf8).write(to: directory.appending(path: "config.json"))
        try Data("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\n".utf8).write(
            to: directory.appending(path: "vocab.txt"))
        try weights.write(to: directory.appending(path: "model.safetensors"))
        return directory
    }

    @Test func malformedWeightsAreATypedErrorNamingTheFile() throws {
        var bytes = Data([16, 0, 0, 0, 0, 0, 0, 0])
        bytes.append(Data(#"{"a":{"dtype":1}}"#.utf8))
        let directory = try modelDirectory(weights: bytes)
        do {
            _ = try BertSentenceEmbedder(directory: directory)
            Issue.record("loaded malformed weights")
        } catch {
            guard case .invalidWeights = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(error.description.contains(directory.appending(path: "model.safetensors").path))
            #expect(error.description.contains("memograph model fetch"))
        }
    }

    @Test func missingTensorsAreReported() throws {
        let header = Data(#"{"__metadata__":{"format":"pt"}}"#.utf8)
        var bytes = Data([UInt8(header.count), 0, 0, 0, 0, 0, 0, 0])
        bytes.append(header)
        let directory = try modelDirectory(weights: bytes)
        #expect(throws: ModelError.self) { try BertSentenceEmbedder(directory: directory) }
        do {
            _ = try BertSentenceEmbedder(directory: directory)
        } catch {
            #expect(error.description.contains("tensor 'embeddings.word_embeddings.weight' is missing"))
        }
    }

    @Test func wrongChecksumIsRefused() throws {
        let directory = try modelDirectory(weights: Data("not the weights".utf8))
        do {
            _ = try BertSentenceEmbedder(directory: directory, expectedSHA256: ModelFetcher.weightsSHA256)
            Issue.record("accepted weights with the wrong hash")
        } catch {
            guard case .checksumMismatch(_, let expected, let actual) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(expected == ModelFetcher.weightsSHA256)
            #expect(actual == SHA256.hexDigest(of: "not the weights".utf8))
        }
        #expect(!ModelFetcher.isInstalled(at: directory))
    }

    @Test func unsupportedPoolingIsRefused() throws {
        let directory = try modelDirectory(weights: Data())
        try FileManager.default.createDirectory(
            at: directory.appending(path: "1_Pooling"), withIntermediateDirectories: true)
        try Data(#"{"pooling_mode_cls_token": true, "pooling_mode_mean_tokens": false}"#.utf8)
            .write(to: directory.appending(path: "1_Pooling/config.json"))
        #expect(throws: ModelError.self) { try BertConfiguration(directory: directory) }
    }
}
