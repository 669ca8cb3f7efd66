import CMemographKernels
import Foundation
import Testing

/// The half-precision panel product that single queries run on, against a plain triple loop
/// over the same (half-rounded) weights.
@Suite struct HalfPrecisionPanelsTests {
    /// Deterministic values in [-1, 1] that vary irregularly.
    static func values(_ count: Int, seed: Int) -> [Float] {
        (0..<count).map { sin(Float($0 * 7_919 + seed * 104_729)) }
    }

    @Test(arguments: [1, 5, 6, 7, 12, 13])
    func productsMatchAPlainLoop(rows m: Int) {
        // 37 columns: two full panels and a partial one; k not a multiple of anything.
        let (k, n) = (19, 37)
        let weight = Self.values(k * n, seed: 1)
        let input = Self.values(m * k, seed: 2)
        let initial = Self.values(m * n, seed: 3)
        let panelCount = (n + 15) / 16
        var packed = [UInt16](repeating: 0xFFFF, count: panelCount * 16 * k)
        mg_half_pack_panels(weight, k, n, &packed)
        var rounded = [Float](repeating: 0, count: k * n)
        var halves = [UInt16](repeating: 0, count: k * n)
        mg_half_from_floats(weight, k * n, &halves)
        mg_floats_from_half(halves, k * n, &rounded)
        var expected = initial
        for row in 0..<m {
            for column in 0..<n {
                for p in 0..<k { expected[row * n + column] += input[row * k + p] * rounded[p * n + column] }
            }
        }
        // The whole product at once, and the same split in two ranges of panels as threads do.
        var whole = initial
        mg_half_panels_multiply(input, k, m, k, packed, n, 0, panelCount, &whole, n)
        var split = initial
        mg_half_panels_multiply(input, k, m, k, packed, n, 0, 1, &split, n)
        mg_half_panels_multiply(input, k, m, k, packed, n, 1, panelCount - 1, &split, n)
        for index in expected.indices {
            #expect(abs(whole[index] - expected[index]) < 1e-4, "rows \(m), index \(index)")
            #expect(split[index] == whole[index], "rows \(m), index \(index)")
        }
        // Rounding to half precision stays within 2⁻¹¹ of each weight.
        #expect(zip(rounded, weight).allSatisfy { abs($0 - $1) <= abs($1) / 2048 })
    }

    @Test func aRangeLeavesOtherColumnsUntouched() {
        let (m, k, n) = (3, 8, 40)
        let weight = Self.values(k * n, seed: 4)
        let input = Self.values(m * k, seed: 5)
        var packed = [UInt16](repeating: 0, count: 3 * 16 * k)
        mg_half_pack_panels(weight, k, n, &packed)
        var output = [Float](repeating: 0, count: m * n)
        mg_half_panels_multiply(input, k, m, k, packed, n, 1, 1, &output, n)
        for row in 0..<m {
            for column in 0..<n {
                let inRange = (16..<32).contains(column)
                #expect((output[row * n + column] != 0) == inRange, "row \(row), column \(column)")
            }
        }
    }
}
