import CMemographKernels
import Foundation
import Testing

/// The encoder's attention kernel against scaled dot-product attention computed in double
/// precision: on the vector path (heads a multiple of 8 wide, lengths around and between its
/// 8- and 4-key steps) and the portable one (12-wide heads), for a range of heads only.
@Suite struct AttentionTests {
    @Test(arguments: [
        (1, 32), (3, 32), (4, 32), (8, 32), (11, 32), (13, 32), (17, 32), (64, 32), (9, 8), (11, 40),
        (11, 12),
        (5, 12),
    ])
    func matchesTheDefinition(length: Int, headSize: Int) {
        let headCount = 4
        let hidden = headCount * headSize
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &* UInt64(length * 1_000 + headSize)
        // Scores spread over about ±20, so that the softmax is far from uniform and its
        // maximum matters.
        let qkv = (0..<(length * 3 * hidden)).map { _ -> Float in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(Double(state >> 40) / Double(1 << 24) * 6 - 3)
        }
        let sentinel: Float = 7_777
        var output = [Float](repeating: sentinel, count: length * hidden)
        var scores = [Float](repeating: 0, count: length)
        let scale = 1 / Float(headSize).squareRoot()
        mg_attention(qkv, length, hidden, headSize, 1, 3, scale, &scores, &output)

        var worst: Double = 0
        for head in 0..<headCount {
            let offset = head * headSize
            for i in 0..<length {
                let row = Array(output[(i * hidden + offset)..<(i * hidden + offset + headSize)])
                guard (1..<3).contains(head) else {
                    #expect(row.allSatisfy { $0 == sentinel }, "head \(head) was written")
                    continue
                }
                let logits = (0..<length).map { j in
                    (0..<headSize).reduce(0.0) { sum, c in
                        sum + Double(qkv[i * 3 * hidden + offset + c])
                            * Double(qkv[j * 3 * hidden + hidden + offset + c])
                    } * Double(scale)
                }
                let top = logits.max()!
                let weights = logits.map { exp($0 - top) }
                let total = weights.reduce(0, +)
                for c in 0..<headSize {
                    let exact =
                        (0..<length).reduce(0.0) { sum, j in
                            sum + weights[j] * Double(qkv[j * 3 * hidden + 2 * hidden + offset + c])
                        } / total
                    worst = max(worst, abs(Double(row[c]) - exact))
                }
            }
        }
        #expect(worst < 2e-5, "worst error \(worst)")
    }
}
