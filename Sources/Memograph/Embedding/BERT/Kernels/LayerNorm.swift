/// Layer normalisation of each row: `(x − mean) / sqrt(variance + ε) · γ + β`, in place.
enum LayerNorm {
    static func apply(
        _ rows: UnsafeMutablePointer<Float>, rowCount: Int, width: Int, gamma: UnsafePointer<Float>,
        beta: UnsafePointer<Float>, epsilon: Float
    ) {
        let vectorEnd = width & ~7
        for row in 0..<rowCount {
            let x = rows + row * width
            var sum = SIMD8<Float>()
            var index = 0
            while index < vectorEnd {
                sum += UnsafeRawPointer(x + index).loadUnaligned(as: SIMD8<Float>.self)
                index += 8
            }
            var total = sum.sum()
            while index < width {
                total += x[index]
                index += 1
            }
            let mean = total / Float(width)
            var squares = SIMD8<Float>()
            index = 0
            while index < vectorEnd {
                let centred = UnsafeRawPointer(x + index).loadUnaligned(as: SIMD8<Float>.self) - mean
                squares += centred * centred
                index += 8
            }
            var variance = squares.sum()
            while index < width {
                variance += (x[index] - mean) * (x[index] - mean)
                index += 1
            }
            let scale = 1 / (variance / Float(width) + epsilon).squareRoot()
            index = 0
            while index < vectorEnd {
                let value = UnsafeRawPointer(x + index).loadUnaligned(as: SIMD8<Float>.self)
                let g = UnsafeRawPointer(gamma + index).loadUnaligned(as: SIMD8<Float>.self)
                let b = UnsafeRawPointer(beta + index).loadUnaligned(as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(x + index).storeBytes(
                    of: (value - mean) * scale * g + b, as: SIMD8<Float>.self)
                index += 8
            }
            while index < width {
                x[index] = (x[index] - mean) * scale * gamma[index] + beta[index]
                index += 1
            }
        }
    }
}
