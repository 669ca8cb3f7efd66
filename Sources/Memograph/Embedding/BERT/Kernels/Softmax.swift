/// Row-wise softmax in place, with a vectorised `exp` (Cephes' single-precision range
/// reduction and polynomial, relative error about 2e-7).
enum Softmax {
    static func apply(_ rows: UnsafeMutablePointer<Float>, rowCount: Int, width: Int, stride: Int) {
        let vectorEnd = width & ~7
        for row in 0..<rowCount {
            let x = rows + row * stride
            var maxima = SIMD8<Float>(repeating: -.infinity)
            var index = 0
            while index < vectorEnd {
                maxima = pointwiseMax(
                    maxima, UnsafeRawPointer(x + index).loadUnaligned(as: SIMD8<Float>.self))
                index += 8
            }
            var maximum = maxima.max()
            while index < width {
                maximum = max(maximum, x[index])
                index += 1
            }
            var sums = SIMD8<Float>()
            index = 0
            while index < vectorEnd {
                let e = exp(UnsafeRawPointer(x + index).loadUnaligned(as: SIMD8<Float>.self) - maximum)
                UnsafeMutableRawPointer(x + index).storeBytes(of: e, as: SIMD8<Float>.self)
                sums += e
                index += 8
            }
            var sum = sums.sum()
            if index < width {
                var tail = SIMD8<Float>(repeating: -.infinity)
                for lane in 0..<(width - index) { tail[lane] = x[index + lane] - maximum }
                let e = exp(tail)
                for lane in 0..<(width - index) {
                    x[index + lane] = e[lane]
                    sum += e[lane]
                }
            }
            let inverse = 1 / sum
            index = 0
            while index < vectorEnd {
                let value = UnsafeRawPointer(x + index).loadUnaligned(as: SIMD8<Float>.self)
                UnsafeMutableRawPointer(x + index).storeBytes(of: value * inverse, as: SIMD8<Float>.self)
                index += 8
            }
            while index < width {
                x[index] *= inverse
                index += 1
            }
        }
    }

    /// `e^x` per lane for x ≤ 0 (inputs below −87 give about 1e-38, as the softmax needs).
    /// Rounding to the nearest integer uses the 1.5·2²³ trick, which keeps every step in
    /// vector registers.
    static func exp(_ input: SIMD8<Float>) -> SIMD8<Float> {
        let lowest = SIMD8<Float>(repeating: -87.3)
        let x0 = input.replacing(with: lowest, where: input .< lowest)
        let magic = SIMD8<Float>(repeating: 12_582_912)
        let shifted = x0 * 1.44269504088896341 + magic
        let n = shifted - magic
        var x = x0 - n * 0.693359375
        x = x - n * -2.12194440e-4
        let z = x * x
        var y = SIMD8<Float>(repeating: 1.9875691500e-4)
        y = y * x + 1.3981999507e-3
        y = y * x + 8.3334519073e-3
        y = y * x + 4.1665795894e-2
        y = y * x + 1.6666665459e-1
        y = y * x + 5.0000001201e-1
        y = y * z + x + 1
        let integer = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
        return y * unsafeBitCast((integer &+ 127) &<< 23, to: SIMD8<Float>.self)
    }
}
