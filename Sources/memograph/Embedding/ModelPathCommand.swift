import ArgumentParser
import Memograph

/// `memograph model path`: prints the model directory that commands use by default.
struct ModelPathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path", abstract: "Print the default model directory.")

    func run() {
        print(ModelLocation.defaultDirectory().path)
    }
}
