import Memograph
import Testing

@Suite("WordPiece tokenizer")
struct WordPieceTokenizerTests {
    private static let tokens = [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "hello", "world", "!", ",", "un", "##aff", "##able",
        "cafe",
        "zurich", "世", "界", "a", "##b", "'", "s", "it", ".", "-",
    ]
    private let tokenizer = try! WordPieceTokenizer(vocabulary: Vocabulary(tokens: tokens), maxLength: 8)

    private func pieces(_ text: String) -> [String] {
        tokenizer.wordPieceIDs(text).map { Self.tokens[Int($0)] }
    }

    @Test func splitsPunctuationAndLowercases() {
        #expect(pieces("Hello, World!") == ["hello", ",", "world", "!"])
        #expect(pieces("It's") == ["it", "'", "s"])
    }

    @Test func greedyLongestMatchWithContinuationPieces() {
        #expect(pieces("unaffable") == ["un", "##aff", "##able"])
        #expect(pieces("abbb") == ["a", "##b", "##b", "##b"])
        #expect(pieces("unaffablez") == ["[UNK]"])
    }

    @Test func stripsAccentsAndRemovesControlAndFormatCharacters() {
        #expect(pieces("Café ZÜRICH") == ["cafe", "zurich"])
        #expect(pieces("hel\u{200B}lo\u{00AD}") == ["hello"])
        #expect(pieces("hello\u{0007}\tworld\u{3000}!") == ["hello", "world", "!"])
    }

    @Test func splitsCJKIdeographsIntoSingleCharacters() {
        #expect(pieces("世界hello") == ["世", "界", "hello"])
    }

    @Test func keepsLiteralSpecialTokens() {
        #expect(pieces("[CLS]hello [MASK] [cls]") == ["[CLS]", "hello", "[MASK]", "[UNK]", "[UNK]", "[UNK]"])
    }

    @Test func unicodePunctuationIsSplitAndUnknownWordsBecomeUNK() {
        #expect(pieces("hello—world") == ["hello", "[UNK]", "world"])
        #expect(pieces("a-b") == ["a", "-", "[UNK]"])
        #expect(pieces(String(repeating: "b", count: 101)) == ["[UNK]"])
    }

    @Test func encodeAddsMarkersAndTruncates() {
        #expect(tokenizer.encode("") == [2, 3])
        #expect(tokenizer.encode("  \n\t ") == [2, 3])
        #expect(tokenizer.encode("hello world") == [2, 5, 6, 3])
        let long = tokenizer.encode("hello world hello world hello world hello world")
        #expect(long.count == 8)
        #expect(long == [2, 5, 6, 5, 6, 5, 6, 3])
    }

    @Test func keepsCaseWhenLowercasingIsOff() throws {
        let cased = try WordPieceTokenizer(
            vocabulary: Vocabulary(tokens: Self.tokens + ["Hello"]), maxLength: 16, lowercase: false)
        #expect(
            cased.wordPieceIDs("Hello hello").map { (Self.tokens + ["Hello"])[Int($0)] } == [
                "Hello", "hello",
            ])
    }

    @Test func requiresTheMarkerTokens() {
        #expect(throws: ModelError.self) {
            try WordPieceTokenizer(vocabulary: Vocabulary(tokens: ["hello"]), maxLength: 8)
        }
    }
}
