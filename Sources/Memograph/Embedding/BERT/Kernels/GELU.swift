/// The exact (erf-based) GELU, `x · ½ · (1 + erf(x / √2))`, applied in place eight lanes at a
/// time. erf uses a rational minimax approximation on [−4, 4] (absolute error below 4e-7;
/// outside that range erf is ±1 in single precision).
enum GELU {
    private static let numerator: [Float] = [
        -1.60960333262415e-02, -2.95459980854025e-03, -7.34990630326855e-04, -5.69250639462346e-05,
        -2.10102402082508e-06, 2.77068142495902e-08, -2.72614225801306e-10,
    ]
    private static let denominator: [Float] = [
        -1.42647390514189e-02, -7.37332916720468e-03, -1.68282697438203e-03, -2.13374055278905e-04,
        -1.45660718464996e-05,
    ]

    static func apply(_ values: UnsafeMutablePointer<Float>, count: Int) {
        let a = numerator.map { SIMD8<Float>(repeating: $0) }
        let b = denominator.map { SIMD8<Float>(repeating: $0) }
        let (a0, a1, a2, a3, a4, a5, a6) = (a[0], a[1], a[2], a[3], a[4], a[5], a[6])
        let (b0, b1, b2, b3, b4) = (b[0], b[1], b[2], b[3], b[4])
        let inverseSqrt2 = SIMD8<Float>(repeating: 0.70710678118654752)
        let lower = SIMD8<Float>(repeating: -4)
        let upper = SIMD8<Float>(repeating: 4)
        var index = 0
        while index + 8 <= count {
            let x = UnsafeRawPointer(values + index).loadUnaligned(as: SIMD8<Float>.self)
            let scaled = x * inverseSqrt2
            let z = scaled.replacing(with: upper, where: scaled .> upper).replacing(
                with: lower, where: scaled .< lower)
            let z2 = z * z
            var p = z2 * a6 + a5
            p = z2 * p + a4
            p = z2 * p + a3
            p = z2 * p + a2
            p = z2 * p + a1
            p = z2 * p + a0
            p = z * p
            var q = z2 * b4 + b3
            q = z2 * q + b2
            q = z2 * q + b1
            q = z2 * q + b0
            let erf = p / q
            UnsafeMutableRawPointer(values + index).storeBytes(of: x * 0.5 * (erf + 1), as: SIMD8<Float>.self)
            index += 8
        }
        while index < count {
            let z = min(max(values[index] * 0.70710678118654752, -4), 4)
            let z2 = z * z
            let p = z * numerator.reversed().reduce(0) { $0 * z2 + $1 }
            let q = denominator.reversed().reduce(0) { $0 * z2 + $1 }
            values[index] = values[index] * 0.5 * (p / q + 1)
            index += 1
        }
    }
}
