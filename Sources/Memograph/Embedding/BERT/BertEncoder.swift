import Dispatch

/// The BERT encoder forward pass followed by mean pooling and L2 normalisation.
///
/// A batch is packed: the tokens of all its sequences are stacked into one matrix with no
/// padding, so every dense layer is a single `sgemm` over all real tokens, and only attention
/// is computed per sequence (each token attends to its own sequence only — the same result as
/// padding with an attention mask, without the wasted work).
struct BertEncoder: Sendable {
    let weights: BertWeights
    let configuration: BertConfiguration

    /// Sentence embeddings of `sequences` (token ids with `[CLS]`/`[SEP]`, each at most
    /// `maxPositions` long and with ids below the vocabulary size). With `queryThreads`, the
    /// dense products run on the half-precision panels, split by columns over that many
    /// threads: for a few tokens, BLAS spends as long packing the weights as multiplying, and a
    /// single-threaded product cannot share a query between cores.
    func embed(_ sequences: [[Int32]], queryThreads: Int? = nil) -> [[Float]] {
        let h = configuration.hiddenSize
        let ffn = configuration.intermediateSize
        let tokenCount = sequences.reduce(0) { $0 + $1.count }
        let longest = sequences.map(\.count).max() ?? 0
        let hidden = UnsafeMutablePointer<Float>.allocate(capacity: tokenCount * h)
        let attended = UnsafeMutablePointer<Float>.allocate(capacity: tokenCount * h)
        let context = UnsafeMutablePointer<Float>.allocate(capacity: tokenCount * h)
        let qkv = UnsafeMutablePointer<Float>.allocate(capacity: tokenCount * 3 * h)
        let intermediate = UnsafeMutablePointer<Float>.allocate(capacity: tokenCount * ffn)
        let scores = UnsafeMutablePointer<Float>.allocate(capacity: longest * longest)
        defer {
            for buffer in [hidden, attended, context, qkv, intermediate, scores] { buffer.deallocate() }
        }
        var offsets: [Int] = []
        var offset = 0
        for sequence in sequences {
            offsets.append(offset)
            offset += sequence.count
        }
        embedTokens(sequences, into: hidden)
        for layer in weights.layers {
            MatrixProduct.broadcastRows(layer.qkvBias, width: 3 * h, into: qkv, rowCount: tokenCount)
            dense(hidden, k: h, layer.qkvWeight, n: 3 * h, into: qkv, m: tokenCount, threads: queryThreads)
            for (index, sequence) in sequences.enumerated() {
                attend(
                    qkv: qkv + offsets[index] * 3 * h, length: sequence.count, scores: scores,
                    into: context + offsets[index] * h)
            }
            addRows(layer.attentionOutputBias, to: hidden, into: attended, rowCount: tokenCount, width: h)
            dense(
                context, k: h, layer.attentionOutputWeight, n: h, into: attended, m: tokenCount,
                threads: queryThreads)
            LayerNorm.apply(
                attended, rowCount: tokenCount, width: h, gamma: layer.attentionNormGamma,
                beta: layer.attentionNormBeta, epsilon: configuration.layerNormEpsilon)
            MatrixProduct.broadcastRows(
                layer.intermediateBias, width: ffn, into: intermediate, rowCount: tokenCount)
            dense(
                attended, k: h, layer.intermediateWeight, n: ffn, into: intermediate, m: tokenCount,
                threads: queryThreads)
            GELU.apply(intermediate, count: tokenCount * ffn)
            addRows(layer.outputBias, to: attended, into: hidden, rowCount: tokenCount, width: h)
            dense(
                intermediate, k: ffn, layer.outputWeight, n: h, into: hidden, m: tokenCount,
                threads: queryThreads)
            LayerNorm.apply(
                hidden, rowCount: tokenCount, width: h, gamma: layer.outputNormGamma,
                beta: layer.outputNormBeta,
                epsilon: configuration.layerNormEpsilon)
        }
        return sequences.indices.map { index in
            meanPooledUnitVector(hidden + offsets[index] * h, rowCount: sequences[index].count, width: h)
        }
    }

    /// `output += input · weight` (input m×k, weight k×n, output m×n, all row-major): with
    /// `threads`, on the half-precision panels split between that many threads; otherwise one
    /// BLAS product.
    private func dense(
        _ input: UnsafePointer<Float>, k: Int, _ weight: BertWeights.Dense, n: Int,
        into output: UnsafeMutablePointer<Float>, m: Int, threads: Int?
    ) {
        guard let threads else {
            return MatrixProduct.multiply(
                input, lda: k, weight.matrix, ldb: n, into: output, ldc: n, m: m, n: n, k: k, beta: 1)
        }
        let panels = weight.panels
        let share = (panels.panelCount + threads - 1) / threads
        nonisolated(unsafe) let (input, output) = (input, output)
        DispatchQueue.concurrentPerform(iterations: threads) { part in
            let start = min(part * share, panels.panelCount)
            let end = min(start + share, panels.panelCount)
            guard start < end else { return }
            panels.multiply(input, lda: k, m: m, into: output, ldc: n, panels: start..<end)
        }
    }

    /// Word + position + token-type (0) embeddings, then LayerNorm.
    private func embedTokens(_ sequences: [[Int32]], into hidden: UnsafeMutablePointer<Float>) {
        let h = configuration.hiddenSize
        var row = hidden
        for sequence in sequences {
            for (position, id) in sequence.enumerated() {
                let word = weights.wordEmbeddings + Int(id) * h
                let place = weights.positionEmbeddings + position * h
                let type = weights.tokenTypeEmbeddings
                for index in 0..<h { row[index] = word[index] + place[index] + type[index] }
                row += h
            }
        }
        let tokenCount = sequences.reduce(0) { $0 + $1.count }
        LayerNorm.apply(
            hidden, rowCount: tokenCount, width: h, gamma: weights.embeddingNormGamma,
            beta: weights.embeddingNormBeta, epsilon: configuration.layerNormEpsilon)
    }

    /// Multi-head self-attention of one sequence whose query, key and value rows sit side by
    /// side in `qkv` (row stride 3·hidden); writes the per-head contexts into `output`.
    private func attend(
        qkv: UnsafeMutablePointer<Float>, length: Int, scores: UnsafeMutablePointer<Float>,
        into output: UnsafeMutablePointer<Float>
    ) {
        let h = configuration.hiddenSize
        let headSize = h / configuration.headCount
        let scale = 1 / Float(headSize).squareRoot()
        for head in 0..<configuration.headCount {
            let query = qkv + head * headSize
            let key = qkv + h + head * headSize
            let value = qkv + 2 * h + head * headSize
            MatrixProduct.multiplyTransposed(
                query, lda: 3 * h, key, ldb: 3 * h, into: scores, ldc: length, m: length, n: length,
                k: headSize,
                alpha: scale)
            Softmax.apply(scores, rowCount: length, width: length, stride: length)
            MatrixProduct.multiply(
                scores, lda: length, value, ldb: 3 * h, into: output + head * headSize, ldc: h, m: length,
                n: headSize, k: length)
        }
    }

    /// `output = rows + bias` for each row (the residual plus the next layer's bias).
    private func addRows(
        _ bias: UnsafePointer<Float>, to rows: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>,
        rowCount: Int, width: Int
    ) {
        for row in 0..<rowCount {
            let source = rows + row * width
            let target = output + row * width
            for index in 0..<width { target[index] = source[index] + bias[index] }
        }
    }

    private func meanPooledUnitVector(_ rows: UnsafePointer<Float>, rowCount: Int, width: Int) -> [Float] {
        var sum = [Float](repeating: 0, count: width)
        for row in 0..<rowCount {
            let source = rows + row * width
            for index in 0..<width { sum[index] += source[index] }
        }
        let norm = sum.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let inverse = norm > 0 ? 1 / norm : 0
        return sum.map { $0 * inverse }
    }
}
