/// The encoder's weights: pointers into the memory-mapped safetensors file, except the query,
/// key and value projections, which are copied side by side so that one matrix product
/// computes all three.
final class BertWeights: @unchecked Sendable {
    /// One transformer layer's weights (PyTorch `Linear` layout: out × in).
    struct Layer {
        let qkvWeight: UnsafePointer<Float>
        let qkvBias: UnsafePointer<Float>
        let attentionOutputWeight: UnsafePointer<Float>
        let attentionOutputBias: UnsafePointer<Float>
        let attentionNormGamma: UnsafePointer<Float>
        let attentionNormBeta: UnsafePointer<Float>
        let intermediateWeight: UnsafePointer<Float>
        let intermediateBias: UnsafePointer<Float>
        let outputWeight: UnsafePointer<Float>
        let outputBias: UnsafePointer<Float>
        let outputNormGamma: UnsafePointer<Float>
        let outputNormBeta: UnsafePointer<Float>
    }

    let wordEmbeddings: UnsafePointer<Float>
    let positionEmbeddings: UnsafePointer<Float>
    let tokenTypeEmbeddings: UnsafePointer<Float>
    let embeddingNormGamma: UnsafePointer<Float>
    let embeddingNormBeta: UnsafePointer<Float>
    let layers: [Layer]
    /// Keeps the mapping alive as long as the pointers above are used.
    private let file: SafetensorsFile
    private let fusedBuffers: [UnsafeMutableBufferPointer<Float>]

    init(file: SafetensorsFile, configuration c: BertConfiguration) throws(SafetensorsError) {
        let prefix = file.tensors["bert.embeddings.word_embeddings.weight"] != nil ? "bert." : ""
        func tensor(_ name: String, _ shape: [Int]) throws(SafetensorsError) -> UnsafeBufferPointer<Float> {
            try file.float32Tensor(prefix + name, shape: shape)
        }
        let h = c.hiddenSize
        wordEmbeddings = try tensor("embeddings.word_embeddings.weight", [c.vocabularySize, h]).baseAddress!
        positionEmbeddings = try tensor("embeddings.position_embeddings.weight", [c.maxPositions, h])
            .baseAddress!
        tokenTypeEmbeddings = try tensor(
            "embeddings.token_type_embeddings.weight", [c.typeVocabularySize, h]
        )
        .baseAddress!
        embeddingNormGamma = try tensor("embeddings.LayerNorm.weight", [h]).baseAddress!
        embeddingNormBeta = try tensor("embeddings.LayerNorm.bias", [h]).baseAddress!
        var layers: [Layer] = []
        var fused: [UnsafeMutableBufferPointer<Float>] = []
        defer { if layers.count < c.layerCount { fused.forEach { $0.deallocate() } } }
        for index in 0..<c.layerCount {
            let name = "encoder.layer.\(index)."
            let qkvWeight = UnsafeMutableBufferPointer<Float>.allocate(capacity: 3 * h * h)
            let qkvBias = UnsafeMutableBufferPointer<Float>.allocate(capacity: 3 * h)
            fused += [qkvWeight, qkvBias]
            for (part, projection) in ["query", "key", "value"].enumerated() {
                let weight = try tensor(name + "attention.self.\(projection).weight", [h, h])
                let bias = try tensor(name + "attention.self.\(projection).bias", [h])
                _ = UnsafeMutableBufferPointer(rebasing: qkvWeight[(part * h * h)...]).initialize(
                    from: weight)
                _ = UnsafeMutableBufferPointer(rebasing: qkvBias[(part * h)...]).initialize(from: bias)
            }
            layers.append(
                Layer(
                    qkvWeight: UnsafePointer(qkvWeight.baseAddress!),
                    qkvBias: UnsafePointer(qkvBias.baseAddress!),
                    attentionOutputWeight: try tensor(name + "attention.output.dense.weight", [h, h])
                        .baseAddress!,
                    attentionOutputBias: try tensor(name + "attention.output.dense.bias", [h]).baseAddress!,
                    attentionNormGamma: try tensor(name + "attention.output.LayerNorm.weight", [h])
                        .baseAddress!,
                    attentionNormBeta: try tensor(name + "attention.output.LayerNorm.bias", [h]).baseAddress!,
                    intermediateWeight: try tensor(
                        name + "intermediate.dense.weight", [c.intermediateSize, h]
                    )
                    .baseAddress!,
                    intermediateBias: try tensor(name + "intermediate.dense.bias", [c.intermediateSize])
                        .baseAddress!,
                    outputWeight: try tensor(name + "output.dense.weight", [h, c.intermediateSize])
                        .baseAddress!,
                    outputBias: try tensor(name + "output.dense.bias", [h]).baseAddress!,
                    outputNormGamma: try tensor(name + "output.LayerNorm.weight", [h]).baseAddress!,
                    outputNormBeta: try tensor(name + "output.LayerNorm.bias", [h]).baseAddress!))
        }
        self.layers = layers
        self.file = file
        self.fusedBuffers = fused
    }

    deinit {
        fusedBuffers.forEach { $0.deallocate() }
    }
}
