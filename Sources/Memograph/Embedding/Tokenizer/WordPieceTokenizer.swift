import Foundation

/// BERT's tokenizer: the BasicTokenizer's text cleaning, CJK splitting, lower-casing, accent
/// stripping and punctuation splitting, then greedy longest-match WordPiece. It reproduces the
/// official Hugging Face tokenizer id for id, including literal special tokens in the text.
public struct WordPieceTokenizer: Sendable {
    public let vocabulary: Vocabulary
    /// Sequences are cut to this many ids, `[CLS]` and `[SEP]` included.
    public let maxLength: Int
    public let lowercase: Bool
    public let stripAccents: Bool
    public let splitsCJKCharacters: Bool
    /// Words with more characters than this become `[UNK]`.
    public let maxCharactersPerWord = 100
    public let clsID: Int32
    public let sepID: Int32
    public let unknownID: Int32
    /// Literal special tokens (e.g. "[MASK]") that are recognised in the input text.
    private let specialTokens: [(scalars: [Unicode.Scalar], id: Int32)]

    /// Creates a tokenizer over `vocabulary`. `stripAccents` nil follows `lowercase`, as BERT's
    /// own tokenizer does. Throws when the vocabulary lacks `[CLS]`, `[SEP]` or `[UNK]`.
    public init(
        vocabulary: Vocabulary, maxLength: Int, lowercase: Bool = true, stripAccents: Bool? = nil,
        splitsCJKCharacters: Bool = true
    ) throws(ModelError) {
        func required(_ token: String) throws(ModelError) -> Int32 {
            guard let id = vocabulary.id(of: token) else {
                throw .invalidFile(path: "vocab.txt", reason: "the vocabulary has no \(token) token")
            }
            return id
        }
        guard maxLength >= 2 else {
            throw .invalidFile(
                path: "sentence_bert_config.json", reason: "max_seq_length \(maxLength) is below 2")
        }
        self.vocabulary = vocabulary
        self.maxLength = maxLength
        self.lowercase = lowercase
        self.stripAccents = stripAccents ?? lowercase
        self.splitsCJKCharacters = splitsCJKCharacters
        clsID = try required("[CLS]")
        sepID = try required("[SEP]")
        unknownID = try required("[UNK]")
        specialTokens = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"].compactMap { token in
            vocabulary.id(of: token).map { (Array(token.unicodeScalars), $0) }
        }
    }

    /// The model input for `text`: `[CLS]`, the first word pieces, `[SEP]`, at most `maxLength` ids.
    public func encode(_ text: String) -> [Int32] {
        var ids = [clsID]
        ids.append(contentsOf: wordPieceIDs(text).prefix(maxLength - 2))
        ids.append(sepID)
        return ids
    }

    /// All word-piece ids of `text`, without `[CLS]`/`[SEP]` and without truncation.
    public func wordPieceIDs(_ text: String) -> [Int32] {
        let scalars = Array(text.unicodeScalars)
        var ids: [Int32] = []
        var segmentStart = 0
        var index = 0
        while index < scalars.count {
            if scalars[index] == "[", let special = specialToken(in: scalars, at: index) {
                appendWordPieces(of: scalars[segmentStart..<index], to: &ids)
                ids.append(special.id)
                index += special.length
                segmentStart = index
            } else {
                index += 1
            }
        }
        appendWordPieces(of: scalars[segmentStart..<scalars.count], to: &ids)
        return ids
    }

    private func specialToken(in scalars: [Unicode.Scalar], at index: Int) -> (id: Int32, length: Int)? {
        for token in specialTokens where scalars[index...].starts(with: token.scalars) {
            return (token.id, token.scalars.count)
        }
        return nil
    }

    private func appendWordPieces(of segment: ArraySlice<Unicode.Scalar>, to ids: inout [Int32]) {
        guard !segment.isEmpty else { return }
        for word in words(in: normalized(segment)) {
            appendPieces(of: word, to: &ids)
        }
    }

    /// Text cleaning, CJK spacing, accent stripping and lower-casing (BERT's normaliser).
    private func normalized(_ segment: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        var cleaned = String.UnicodeScalarView()
        for scalar in segment {
            if scalar.value == 0 || scalar.value == 0xFFFD || Self.isControl(scalar) { continue }
            if Self.isWhitespace(scalar) {
                cleaned.append(" ")
            } else if splitsCJKCharacters && Self.isCJKIdeograph(scalar) {
                cleaned.append(" ")
                cleaned.append(scalar)
                cleaned.append(" ")
            } else {
                cleaned.append(scalar)
            }
        }
        var scalars = Array(cleaned)
        if stripAccents {
            let decomposed = String(cleaned).decomposedStringWithCanonicalMapping.unicodeScalars
            scalars = decomposed.filter { $0.properties.generalCategory != .nonspacingMark }
        }
        if lowercase {
            var lowered: [Unicode.Scalar] = []
            lowered.reserveCapacity(scalars.count)
            for scalar in scalars {
                if scalar.isASCII {
                    lowered.append(
                        scalar.value >= 65 && scalar.value <= 90 ? Unicode.Scalar(scalar.value + 32)! : scalar
                    )
                } else {
                    lowered.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
                }
            }
            scalars = lowered
        }
        return scalars
    }

    /// Splits on whitespace and isolates every punctuation character (BERT's pre-tokeniser).
    private func words(in scalars: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
        var words: [ArraySlice<Unicode.Scalar>] = []
        var start = 0
        for (index, scalar) in scalars.enumerated() {
            if Self.isWhitespace(scalar) || Self.isPunctuation(scalar) {
                if start < index { words.append(scalars[start..<index]) }
                if !Self.isWhitespace(scalar) { words.append(scalars[index..<index + 1]) }
                start = index + 1
            }
        }
        if start < scalars.count { words.append(scalars[start..<scalars.count]) }
        return words
    }

    /// Greedy longest-match-first WordPiece; a word with any unmatched rest is one `[UNK]`.
    private func appendPieces(of word: ArraySlice<Unicode.Scalar>, to ids: inout [Int32]) {
        guard word.count <= maxCharactersPerWord else {
            ids.append(unknownID)
            return
        }
        var pieces: [Int32] = []
        var start = word.startIndex
        while start < word.endIndex {
            var end = word.endIndex
            var match: Int32?
            while start < end {
                var candidate = start == word.startIndex ? "" : "##"
                candidate.unicodeScalars.append(contentsOf: word[start..<end])
                if let id = vocabulary.id(of: candidate) {
                    match = id
                    break
                }
                end -= 1
            }
            guard let id = match else {
                ids.append(unknownID)
                return
            }
            pieces.append(id)
            start = end
        }
        ids.append(contentsOf: pieces)
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" || scalar.properties.isWhitespace
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\t" || scalar == "\n" || scalar == "\r" { return false }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }

    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if (33...47).contains(value) || (58...64).contains(value) || (91...96).contains(value)
            || (123...126).contains(value)
        {
            return true
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    private static func isCJKIdeograph(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x2A700...0x2B73F, 0x2B740...0x2B81F,
            0x2B820...0x2CEAF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
            return true
        default:
            return false
        }
    }
}
