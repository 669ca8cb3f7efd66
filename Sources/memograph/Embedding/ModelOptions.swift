import ArgumentParser
import Foundation
import Memograph

/// The `--model DIR` option shared by commands that run the built-in embedding model.
struct ModelOptions: ParsableArguments {
    @Option(
        name: .customLong("model"),
        help:
            "Model directory (default: $MEMOGRAPH_MODEL_DIR or ~/.local/share/memograph/models/all-MiniLM-L6-v2)."
    )
    var directory: String?

    /// Loads the sentence-embedding model from the chosen directory.
    func load() throws -> BertSentenceEmbedder {
        try BertSentenceEmbedder(directory: ModelLocation.directory(directory))
    }
}
