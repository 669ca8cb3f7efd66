import CMemographKernels
import Foundation
import Testing

/// The encoder's GELU kernel against the exact erf-based definition in double precision, on the
/// vector path and the scalar tail alike.
@Suite struct GELUTests {
    @Test(arguments: [8, 13, 4_001])
    func matchesTheExactDefinition(count: Int) {
        let inputs = (0..<count).map { Float(-12 + 24 * Double($0) / Double(count - 1)) }
        var values = inputs
        mg_gelu(&values, count)
        var worst: Double = 0
        for (x, got) in zip(inputs, values) {
            let exact = Double(x) * 0.5 * (1 + erf(Double(x) / 2.0.squareRoot()))
            worst = max(worst, abs(Double(got) - exact) / max(1, abs(Double(x))))
        }
        #expect(worst < 1e-6, "worst error \(worst) (relative to max(1, |x|))")
        #expect(values[0] == 0 && values[count - 1] == 12)
    }
}
