import Foundation

/// The settings of a BERT-family sentence-embedding model directory in the
/// sentence-transformers layout: `config.json` (encoder shape), `sentence_bert_config.json`
/// (`max_seq_length`, which wins over the tokenizer's own limit), `1_Pooling/config.json` and,
/// when present, `tokenizer_config.json` (lower-casing, accents, CJK splitting).
public struct BertConfiguration: Sendable, Equatable {
    public var hiddenSize: Int
    public var layerCount: Int
    public var headCount: Int
    public var intermediateSize: Int
    public var maxPositions: Int
    public var vocabularySize: Int
    public var typeVocabularySize: Int
    public var layerNormEpsilon: Float
    /// Inputs are cut to this many tokens, `[CLS]` and `[SEP]` included.
    public var maxSequenceLength: Int
    public var lowercase: Bool
    /// nil: strip accents exactly when lower-casing (BERT's default).
    public var stripAccents: Bool?
    public var splitsCJKCharacters: Bool
    /// sentence-transformers' own lower-casing of the input before tokenisation.
    public var lowercasesInput: Bool

    private struct EncoderFile: Decodable {
        let hidden_size: Int
        let num_hidden_layers: Int
        let num_attention_heads: Int
        let intermediate_size: Int
        let max_position_embeddings: Int
        let vocab_size: Int
        let type_vocab_size: Int?
        let layer_norm_eps: Double?
        let hidden_act: String?
        let position_embedding_type: String?
    }

    private struct SentenceFile: Decodable {
        let max_seq_length: Int?
        let do_lower_case: Bool?
    }

    private struct PoolingFile: Decodable {
        let pooling_mode_cls_token: Bool?
        let pooling_mode_mean_tokens: Bool?
        let pooling_mode_max_tokens: Bool?
        let pooling_mode_mean_sqrt_len_tokens: Bool?
    }

    private struct TokenizerFile: Decodable {
        let do_lower_case: Bool?
        let strip_accents: Bool?
        let tokenize_chinese_chars: Bool?
    }

    /// Reads the configuration files of the model in `directory`.
    public init(directory: URL) throws(ModelError) {
        let encoder = try Self.decode(
            EncoderFile.self, directory.appending(path: "config.json"), required: true)!
        let encoderPath = directory.appending(path: "config.json").path
        guard encoder.hidden_act ?? "gelu" == "gelu" else {
            throw .invalidFile(
                path: encoderPath,
                reason: "hidden_act '\(encoder.hidden_act ?? "")' is not supported (only gelu)")
        }
        guard encoder.position_embedding_type ?? "absolute" == "absolute" else {
            throw .invalidFile(path: encoderPath, reason: "only absolute position embeddings are supported")
        }
        guard encoder.hidden_size > 0, encoder.num_attention_heads > 0,
            encoder.hidden_size % encoder.num_attention_heads == 0, encoder.num_hidden_layers > 0,
            encoder.intermediate_size > 0, encoder.max_position_embeddings > 1, encoder.vocab_size > 0,
            encoder.type_vocab_size ?? 2 > 0
        else {
            throw .invalidFile(path: encoderPath, reason: "inconsistent encoder dimensions")
        }
        let sentencePath = directory.appending(path: "sentence_bert_config.json")
        let sentence = try Self.decode(SentenceFile.self, sentencePath, required: false)
        let poolingPath = directory.appending(path: "1_Pooling/config.json")
        if let pooling = try Self.decode(PoolingFile.self, poolingPath, required: false) {
            let others = [
                pooling.pooling_mode_cls_token, pooling.pooling_mode_max_tokens,
                pooling.pooling_mode_mean_sqrt_len_tokens,
            ]
            guard pooling.pooling_mode_mean_tokens == true, !others.contains(true) else {
                throw .invalidFile(path: poolingPath.path, reason: "only mean pooling is supported")
            }
        }
        let tokenizer = try Self.decode(
            TokenizerFile.self, directory.appending(path: "tokenizer_config.json"), required: false)
        hiddenSize = encoder.hidden_size
        layerCount = encoder.num_hidden_layers
        headCount = encoder.num_attention_heads
        intermediateSize = encoder.intermediate_size
        maxPositions = encoder.max_position_embeddings
        vocabularySize = encoder.vocab_size
        typeVocabularySize = encoder.type_vocab_size ?? 2
        layerNormEpsilon = Float(encoder.layer_norm_eps ?? 1e-12)
        maxSequenceLength = min(sentence?.max_seq_length ?? encoder.max_position_embeddings, maxPositions)
        lowercase = tokenizer?.do_lower_case ?? true
        stripAccents = tokenizer?.strip_accents
        splitsCJKCharacters = tokenizer?.tokenize_chinese_chars ?? true
        lowercasesInput = sentence?.do_lower_case ?? false
    }

    private static func decode<Value: Decodable>(
        _ type: Value.Type, _ url: URL, required: Bool
    ) throws(ModelError) -> Value? {
        guard FileManager.default.fileExists(atPath: url.path) else {
            if required {
                throw .missingModel(
                    directory: url.deletingLastPathComponent().path, missingFile: url.lastPathComponent)
            }
            return nil
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        do {
            return try JSONDecoder().decode(Value.self, from: data)
        } catch {
            throw .invalidFile(path: url.path, reason: "\(error)")
        }
    }
}
