import CMemographKernels

/// The BERT encoder forward pass followed by mean pooling and L2 normalisation.
///
/// A batch is packed: the tokens of all its sequences are stacked into one matrix with no
/// padding, so every dense layer is a single product over all real tokens, and only attention
/// is computed per sequence (each token attends to its own sequence only — the same result as
/// padding with an attention mask, without the wasted work).
struct BertEncoder: Sendable {
    let weights: BertWeights
    let configuration: BertConfiguration

    /// Sentence embeddings of `sequences` (token ids with `[CLS]`/`[SEP]`, each at most
    /// `maxPositions` long and with ids below the vocabulary size).
    ///
    /// With `onPanels`, the dense products run on the half-precision panels and the pass is
    /// shared by the ``ThreadTeam`` (each member takes a share of every stage's columns, rows
    /// or heads): for a few tokens, BLAS spends as long packing the weights as multiplying,
    /// and a single-threaded product cannot share a query between cores. Otherwise each dense
    /// layer is one BLAS product on the calling thread.
    func embed(_ sequences: [[Int32]], onPanels: Bool = false) -> [[Float]] {
        let team = ThreadTeam.shared
        let pass = Pass(sequences: sequences, configuration: configuration, parts: onPanels ? team.size : 1)
        defer { pass.deallocate() }
        let encoder = self
        let shared =
            onPanels
            && team.run { part in
                encoder.forward(pass, share: Share(part: part, parts: team.size, panels: true, team: team))
            }
        if !shared { forward(pass, share: Share(part: 0, parts: 1, panels: onPanels, team: nil)) }
        let h = configuration.hiddenSize
        return sequences.indices.map { index in
            meanPooledUnitVector(
                pass.hidden + pass.offsets[index] * h, rowCount: sequences[index].count, width: h)
        }
    }

    /// One member's share of the whole forward pass, with the team meeting between stages
    /// that read what other members wrote.
    private func forward(_ pass: Pass, share: Share) {
        let h = configuration.hiddenSize
        let ffn = configuration.intermediateSize
        let m = pass.tokenCount
        let rows = share.range(m)
        let hidden = pass.hidden
        embedTokens(pass, rows: rows)
        share.synchronize()
        for layer in weights.layers {
            let qkvColumns = share.columns(3 * h)
            fill(pass.qkv, width: 3 * h, columns: qkvColumns, rowCount: m, bias: layer.qkvBias)
            dense(hidden, k: h, layer.qkvWeight, n: 3 * h, into: pass.qkv, m: m, share: share)
            share.synchronize()

            let heads = share.range(configuration.headCount)
            let scores = pass.scores + share.part * pass.scoreStride
            for (index, sequence) in pass.sequences.enumerated() {
                attend(
                    qkv: pass.qkv + pass.offsets[index] * 3 * h, length: sequence.count, heads: heads,
                    scores: scores, into: pass.context + pass.offsets[index] * h)
            }
            share.synchronize()

            let columns = share.columns(h)
            fill(
                pass.attended, width: h, columns: columns, rowCount: m, bias: layer.attentionOutputBias,
                residual: hidden)
            dense(
                pass.context, k: h, layer.attentionOutputWeight, n: h, into: pass.attended, m: m, share: share
            )
            share.synchronize()
            LayerNorm.apply(
                pass.attended + rows.lowerBound * h, rowCount: rows.count, width: h,
                gamma: layer.attentionNormGamma, beta: layer.attentionNormBeta,
                epsilon: configuration.layerNormEpsilon)
            share.synchronize()

            let ffnColumns = share.columns(ffn)
            fill(
                pass.intermediate, width: ffn, columns: ffnColumns, rowCount: m, bias: layer.intermediateBias)
            dense(
                pass.attended, k: h, layer.intermediateWeight, n: ffn, into: pass.intermediate, m: m,
                share: share)
            for row in 0..<m {
                mg_gelu(pass.intermediate + row * ffn + ffnColumns.lowerBound, ffnColumns.count)
            }
            share.synchronize()

            fill(
                hidden, width: h, columns: columns, rowCount: m, bias: layer.outputBias,
                residual: pass.attended)
            dense(pass.intermediate, k: ffn, layer.outputWeight, n: h, into: hidden, m: m, share: share)
            share.synchronize()
            LayerNorm.apply(
                hidden + rows.lowerBound * h, rowCount: rows.count, width: h, gamma: layer.outputNormGamma,
                beta: layer.outputNormBeta, epsilon: configuration.layerNormEpsilon)
            share.synchronize()
        }
    }

    /// `output += input · weight` (input m×k, weight k×n, output m×n, all row-major) for the
    /// share's columns: on the share's half-precision panels, or as one BLAS product.
    private func dense(
        _ input: UnsafePointer<Float>, k: Int, _ weight: BertWeights.Dense, n: Int,
        into output: UnsafeMutablePointer<Float>, m: Int, share: Share
    ) {
        guard share.panels else {
            return MatrixProduct.multiply(
                input, lda: k, weight.matrix, ldb: n, into: output, ldc: n, m: m, n: n, k: k, beta: 1)
        }
        let panels = share.range(weight.panels.panelCount)
        guard !panels.isEmpty else { return }
        weight.panels.multiply(input, lda: k, m: m, into: output, ldc: n, panels: panels)
    }

    /// Word + position + token-type (0) embeddings, then LayerNorm, for the token rows `rows`.
    private func embedTokens(_ pass: Pass, rows: Range<Int>) {
        let h = configuration.hiddenSize
        for row in rows {
            let target = pass.hidden + row * h
            let word = weights.wordEmbeddings + Int(pass.tokens[row]) * h
            let place = weights.positionEmbeddings + pass.positions[row] * h
            let type = weights.tokenTypeEmbeddings
            for index in 0..<h { target[index] = word[index] + place[index] + type[index] }
        }
        LayerNorm.apply(
            pass.hidden + rows.lowerBound * h, rowCount: rows.count, width: h,
            gamma: weights.embeddingNormGamma,
            beta: weights.embeddingNormBeta, epsilon: configuration.layerNormEpsilon)
    }

    /// Multi-head self-attention of one sequence whose query, key and value rows sit side by
    /// side in `qkv` (row stride 3·hidden); writes the contexts of `heads` into `output`.
    private func attend(
        qkv: UnsafeMutablePointer<Float>, length: Int, heads: Range<Int>, scores: UnsafeMutablePointer<Float>,
        into output: UnsafeMutablePointer<Float>
    ) {
        let h = configuration.hiddenSize
        let headSize = h / configuration.headCount
        mg_attention(
            qkv, length, h, headSize, heads.lowerBound, heads.upperBound, 1 / Float(headSize).squareRoot(),
            scores, output)
    }

    /// `output[row, columns] = bias[columns] (+ residual[row, columns])` for every row: a dense
    /// product's starting value (its bias, plus the residual it is added to).
    private func fill(
        _ output: UnsafeMutablePointer<Float>, width: Int, columns: Range<Int>, rowCount: Int,
        bias: UnsafePointer<Float>, residual: UnsafePointer<Float>? = nil
    ) {
        guard !columns.isEmpty else { return }
        for row in 0..<rowCount {
            let target = output + row * width + columns.lowerBound
            let source = bias + columns.lowerBound
            guard let residual else {
                target.update(from: source, count: columns.count)
                continue
            }
            let added = residual + row * width + columns.lowerBound
            for index in 0..<columns.count { target[index] = added[index] + source[index] }
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

extension BertEncoder {
    /// The packed tokens of one batch and the activations of its forward pass.
    ///
    /// Sendable so that a ``ThreadTeam`` can share it: members write disjoint columns, rows or
    /// heads of each buffer between two meetings, and each member has its own score matrix.
    fileprivate struct Pass: @unchecked Sendable {
        let sequences: [[Int32]]
        let tokens: [Int32]
        let positions: [Int]
        /// First row of each sequence.
        let offsets: [Int]
        let tokenCount: Int
        let longest: Int
        /// Floats from one member's score row to the next: the longest sequence plus a cache
        /// line, so that two members never write the same line (which would cost more than the
        /// attention itself for a short query).
        let scoreStride: Int
        let hidden: UnsafeMutablePointer<Float>
        let attended: UnsafeMutablePointer<Float>
        let context: UnsafeMutablePointer<Float>
        let qkv: UnsafeMutablePointer<Float>
        let intermediate: UnsafeMutablePointer<Float>
        /// One row of attention scores per member, ``scoreStride`` apart.
        let scores: UnsafeMutablePointer<Float>

        init(sequences: [[Int32]], configuration: BertConfiguration, parts: Int) {
            let h = configuration.hiddenSize
            self.sequences = sequences
            tokens = sequences.flatMap { $0 }
            positions = sequences.flatMap { $0.indices }
            var offsets: [Int] = []
            var offset = 0
            for sequence in sequences {
                offsets.append(offset)
                offset += sequence.count
            }
            self.offsets = offsets
            tokenCount = offset
            longest = sequences.map(\.count).max() ?? 0
            hidden = .allocate(capacity: tokenCount * h)
            attended = .allocate(capacity: tokenCount * h)
            context = .allocate(capacity: tokenCount * h)
            qkv = .allocate(capacity: tokenCount * 3 * h)
            intermediate = .allocate(capacity: tokenCount * configuration.intermediateSize)
            scoreStride = longest + 16
            scores = .allocate(capacity: parts * scoreStride)
        }

        func deallocate() {
            for buffer in [hidden, attended, context, qkv, intermediate, scores] { buffer.deallocate() }
        }
    }

    /// What one member computes of a forward pass: an even, contiguous part of each stage's
    /// columns (whole 16-column panels on the half-precision path), heads and rows.
    fileprivate struct Share {
        let part: Int
        let parts: Int
        /// Dense products on the half-precision panels rather than BLAS.
        let panels: Bool
        /// The team sharing the pass; nil when this member computes all of it.
        let team: ThreadTeam?

        /// This member's part of `0..<count`.
        func range(_ count: Int) -> Range<Int> {
            let size = (count + parts - 1) / parts
            let start = min(count, part * size)
            return start..<min(count, start + size)
        }

        /// This member's columns of a product with `n` columns: those of its panels.
        func columns(_ n: Int) -> Range<Int> {
            let panels = range(HalfPrecisionPanels.panelCount(columns: n))
            let width = HalfPrecisionPanels.width
            return min(n, panels.lowerBound * width)..<min(n, panels.upperBound * width)
        }

        func synchronize() {
            team?.synchronize()
        }
    }
}
