/// The encoder's weights. Embedding tables and vectors point into the memory-mapped
/// safetensors file; the dense matrices are copied transposed (in × out, so that `sgemm` runs
/// without transposing), with the query, key and value projections side by side so that one
/// product computes all three, and once more in half-precision panels for single queries.
final class BertWeights: @unchecked Sendable {
    /// A dense layer's in × out matrix: row-major single precision for BLAS, and the same
    /// values in half-precision panels for inputs of a few rows.
    struct Dense {
        let matrix: UnsafePointer<Float>
        let panels: HalfPrecisionPanels
    }

    /// One transformer layer's weights.
    struct Layer {
        let qkvWeight: Dense
        let qkvBias: UnsafePointer<Float>
        let attentionOutputWeight: Dense
        let attentionOutputBias: UnsafePointer<Float>
        let attentionNormGamma: UnsafePointer<Float>
        let attentionNormBeta: UnsafePointer<Float>
        let intermediateWeight: Dense
        let intermediateBias: UnsafePointer<Float>
        let outputWeight: Dense
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
    private let ownedBuffers: [UnsafeMutableBufferPointer<Float>]
    private let ownedPanels: [UnsafeMutableBufferPointer<UInt16>]

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
        var owned: [UnsafeMutableBufferPointer<Float>] = []
        var ownedPanels: [UnsafeMutableBufferPointer<UInt16>] = []
        defer {
            if layers.count < c.layerCount {
                owned.forEach { $0.deallocate() }
                ownedPanels.forEach { $0.deallocate() }
            }
        }
        /// Copies the out × in matrices `parts` (each `outputs` rows of `inputs`) transposed and
        /// side by side into one in × (parts · outputs) matrix, and packs that in half precision.
        func transposed(_ parts: [UnsafeBufferPointer<Float>], outputs: Int, inputs: Int) -> Dense {
            let width = parts.count * outputs
            let target = UnsafeMutableBufferPointer<Float>.allocate(capacity: inputs * width)
            owned.append(target)
            for (part, source) in parts.enumerated() {
                let base = target.baseAddress! + part * outputs
                for row in 0..<outputs {
                    let from = source.baseAddress! + row * inputs
                    for column in 0..<inputs { base[column * width + row] = from[column] }
                }
            }
            let panels = HalfPrecisionPanels.packing(target.baseAddress!, k: inputs, n: width)
            ownedPanels.append(panels)
            return Dense(
                matrix: UnsafePointer(target.baseAddress!),
                panels: HalfPrecisionPanels(values: UnsafeBufferPointer(panels), k: inputs, n: width))
        }
        for index in 0..<c.layerCount {
            let name = "encoder.layer.\(index)."
            let projections = ["query", "key", "value"]
            var qkv: [UnsafeBufferPointer<Float>] = []
            for projection in projections {
                qkv.append(try tensor(name + "attention.self.\(projection).weight", [h, h]))
            }
            let qkvBias = UnsafeMutableBufferPointer<Float>.allocate(capacity: 3 * h)
            owned.append(qkvBias)
            for (part, projection) in projections.enumerated() {
                let bias = try tensor(name + "attention.self.\(projection).bias", [h])
                _ = UnsafeMutableBufferPointer(rebasing: qkvBias[(part * h)...]).initialize(from: bias)
            }
            let ffn = c.intermediateSize
            layers.append(
                Layer(
                    qkvWeight: transposed(qkv, outputs: h, inputs: h),
                    qkvBias: UnsafePointer(qkvBias.baseAddress!),
                    attentionOutputWeight: transposed(
                        [try tensor(name + "attention.output.dense.weight", [h, h])], outputs: h, inputs: h),
                    attentionOutputBias: try tensor(name + "attention.output.dense.bias", [h]).baseAddress!,
                    attentionNormGamma: try tensor(name + "attention.output.LayerNorm.weight", [h])
                        .baseAddress!,
                    attentionNormBeta: try tensor(name + "attention.output.LayerNorm.bias", [h]).baseAddress!,
                    intermediateWeight: transposed(
                        [try tensor(name + "intermediate.dense.weight", [ffn, h])], outputs: ffn, inputs: h),
                    intermediateBias: try tensor(name + "intermediate.dense.bias", [ffn]).baseAddress!,
                    outputWeight: transposed(
                        [try tensor(name + "output.dense.weight", [h, ffn])], outputs: h, inputs: ffn),
                    outputBias: try tensor(name + "output.dense.bias", [h]).baseAddress!,
                    outputNormGamma: try tensor(name + "output.LayerNorm.weight", [h]).baseAddress!,
                    outputNormBeta: try tensor(name + "output.LayerNorm.bias", [h]).baseAddress!))
        }
        self.layers = layers
        self.file = file
        self.ownedBuffers = owned
        self.ownedPanels = ownedPanels
    }

    deinit {
        ownedBuffers.forEach { $0.deallocate() }
        ownedPanels.forEach { $0.deallocate() }
    }
}
