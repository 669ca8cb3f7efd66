import ArgumentParser
import Foundation
import Memograph

/// `memograph model show`: where the model is, whether it loads, and its identity.
struct ModelShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show the model directory, identity and settings.")

    @OptionGroup var model: ModelOptions

    func run() async throws {
        let embedder = try model.load()
        let settings = embedder.configuration
        print("directory:       \(embedder.directory.path)")
        print("identity:        \(embedder.modelIdentity)")
        print("dimension:       \(embedder.dimension)")
        print("layers:          \(settings.layerCount), heads: \(settings.headCount)")
        print("max_seq_length:  \(settings.maxSequenceLength)")
        print("vocabulary:      \(embedder.tokenizer.vocabulary.tokens.count) tokens")
        let published = embedder.weightsSHA256 == ModelFetcher.weightsSHA256
        print("weights:         \(published ? "the published all-MiniLM-L6-v2 weights" : "other weights")")
    }
}
