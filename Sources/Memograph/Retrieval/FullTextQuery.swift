/// Turns a free-text question into FTS5 `MATCH` expressions: its words, each quoted (so no
/// character of the input is ever read as FTS5 syntax), joined by OR so that BM25 ranks rows by
/// how many and how rare the matched words are. Common function words are left out, and so are
/// third-person pronouns: a question asks about someone ("what did she paint?") whose memories
/// tell it in the first person ("I painted…"), so "she" or "his" matches only other people's talk.
enum FullTextQuery {
    /// The distinct words of `text` worth matching, in order.
    static func terms(in text: String) -> [String] {
        var seen = Set<String>()
        return words(in: text.lowercased()).filter { word in
            (word.count > 1 || word.first?.isNumber == true) && !stopWords.contains(word)
                && seen.insert(word).inserted
        }
    }

    /// The expression matching any of `terms`, each one phrase in their order.
    static func expression(of terms: [String]) -> String {
        terms.map { "\"\($0)\"" }.joined(separator: " OR ")
    }

    /// The runs of letters and digits in `text`, in order: what a query and a name are compared by.
    static func words(in text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    static let stopWords: Set<String> = [
        "a", "about", "an", "and", "are", "as", "at", "be", "been", "but", "by", "can", "could", "did", "do",
        "does", "for", "from", "had", "has", "have", "he", "her", "hers", "him", "his", "how", "if", "in",
        "into", "is", "it", "its", "of", "on", "or", "she", "so", "than", "that", "the", "their", "them",
        "then", "there", "these", "they", "this", "to", "was", "were", "what", "when", "where", "which",
        "who", "whom", "why", "will", "with", "would",
    ]
}
