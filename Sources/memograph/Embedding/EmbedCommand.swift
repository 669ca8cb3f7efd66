import ArgumentParser
import Foundation
import Memograph

/// `memograph embed`: embeds each line of standard input with the built-in model, for checking
/// the vectors against other implementations.
struct EmbedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "embed",
        abstract: "Embed one text per line from standard input with the built-in model.")

    @OptionGroup var model: ModelOptions

    @Flag(help: "Print each vector as one JSON array of floats per line.")
    var json = false

    /// Lines are embedded in chunks of this many, so that long inputs stream.
    private static let chunkSize = 256

    func run() async throws {
        let embedder = try model.load()
        var chunk: [String] = []
        while let line = readLine(strippingNewline: true) {
            chunk.append(line)
            if chunk.count == Self.chunkSize {
                try await emit(chunk, embedder: embedder)
                chunk.removeAll(keepingCapacity: true)
            }
        }
        try await emit(chunk, embedder: embedder)
    }

    private func emit(_ texts: [String], embedder: BertSentenceEmbedder) async throws {
        guard !texts.isEmpty else { return }
        let vectors = try await embedder.embed(texts)
        var output = ""
        for (text, vector) in zip(texts, vectors) {
            if json {
                output += "[" + vector.map { "\($0)" }.joined(separator: ",") + "]\n"
            } else {
                let preview = vector.prefix(4).map { String(format: "%.4f", $0) }.joined(separator: ", ")
                output += "[\(preview), …] (\(vector.count) dims)\t\(text)\n"
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
