import Foundation
import Memograph

/// The LoCoMo conversations (`locomo10.json`) as the retrieval task reads them: dated turns
/// and questions whose gold answers are turn ids.
struct LocomoDataset {
    struct Turn {
        var id: String
        var speaker: String
        var text: String
        var date: Date
    }

    struct Question {
        /// Position in the flat enumeration of every QA of every conversation.
        var index: Int
        var text: String
        var category: Int
        /// The evidence ids that name turns of the conversation.
        var gold: [String]
    }

    struct Conversation {
        var id: String
        var speakers: [String]
        /// Each turn once: a repeated `dia_id` keeps its first turn (an episode's external id is unique).
        var turns: [Turn]
        var questions: [Question]
    }

    let conversations: [Conversation]

    init(contentsOf path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MemographError.invalidArgument(field: "--data", reason: "cannot read \(path)")
        }
        guard let samples = try? JSONSerialization.jsonObject(with: data) as? [[String: Any]] else {
            throw MemographError.invalidArgument(field: "--data", reason: "\(path) is not a LoCoMo JSON list")
        }
        var index = 0
        conversations = try samples.map { sample in
            try Self.conversation(sample, firstIndex: &index)
        }
    }

    private static func conversation(_ sample: [String: Any], firstIndex index: inout Int) throws
        -> Conversation
    {
        let id = sample["sample_id"] as? String ?? "?"
        guard let conversation = sample["conversation"] as? [String: Any] else {
            throw MemographError.invalidArgument(field: "--data", reason: "\(id) has no conversation")
        }
        let sessions = conversation.keys.compactMap { key -> Int? in
            guard key.hasPrefix("session_"), conversation[key] is [Any] else { return nil }
            return Int(key.dropFirst("session_".count))
        }.sorted()
        var turns: [Turn] = []
        var seen = Set<String>()
        for session in sessions {
            guard let stamp = conversation["session_\(session)_date_time"] as? String,
                let date = sessionDate(stamp)
            else {
                throw MemographError.invalidArgument(
                    field: "--data", reason: "\(id) session \(session) has no readable date")
            }
            for case let turn as [String: Any] in conversation["session_\(session)"] as? [Any] ?? [] {
                guard let dia = turn["dia_id"] as? String, let speaker = turn["speaker"] as? String,
                    seen.insert(dia).inserted
                else { continue }
                var text = "[\(stamp)] \(speaker): \(turn["text"] as? String ?? "")"
                if let caption = turn["blip_caption"] as? String { text += " [shares image: \(caption)]" }
                turns.append(Turn(id: dia, speaker: speaker, text: text, date: date))
            }
        }
        let known = Set(turns.map(\.id))
        var questions: [Question] = []
        for case let qa as [String: Any] in sample["qa"] as? [Any] ?? [] {
            defer { index += 1 }
            let evidence = (qa["evidence"] as? [Any] ?? []).compactMap { $0 as? String }
            let gold = evidence.flatMap { $0.split { ";, ".contains($0) }.map(String.init) }.filter(
                known.contains)
            var unique: [String] = []
            for id in gold where !unique.contains(id) { unique.append(id) }
            questions.append(
                Question(
                    index: index, text: qa["question"] as? String ?? "",
                    category: qa["category"] as? Int ?? 0,
                    gold: unique))
        }
        let speakers = ["speaker_a", "speaker_b"].compactMap { conversation[$0] as? String }
        return Conversation(id: id, speakers: speakers, turns: turns, questions: questions)
    }

    /// `1:56 pm on 8 May, 2023`, read as UTC.
    static func sessionDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "h:mm a 'on' d MMMM, yyyy"
        return formatter.date(from: text)
    }
}
