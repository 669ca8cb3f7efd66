import Foundation
import Memograph

/// Reads chat messages as JSON lines: `{"role": …, "name": …, "content": …}` per line.
enum ChatTranscript {
    static func read(_ data: Data) throws -> [ChatMessage] {
        guard let text = String(data: data, encoding: .utf8) else {
            throw MemographError.invalidUTF8(field: "stdin")
        }
        var messages: [ChatMessage] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { continue }
            do {
                messages.append(try JSONDecoder().decode(ChatMessage.self, from: Data(line.utf8)))
            } catch {
                throw MemographError.invalidArgument(
                    field: "stdin line \(number + 1)",
                    reason: "not a message {\"role\", \"name\", \"content\"}")
            }
        }
        guard !messages.isEmpty else {
            throw MemographError.invalidArgument(
                field: "stdin", reason: "no TEXT argument and no messages on stdin")
        }
        return messages
    }
}
