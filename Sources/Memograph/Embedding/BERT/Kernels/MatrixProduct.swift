#if canImport(Accelerate)
    import Accelerate
#else
    import CBLAS
#endif

/// Single-precision matrix products through BLAS `sgemm`: OpenBLAS on Linux, Accelerate on
/// Apple platforms. All matrices are row-major.
enum MatrixProduct {
    /// `c = a · b + beta · c`, with `a` m×k, `b` k×n and `c` m×n (row strides as given).
    static func multiply(
        _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
        into c: UnsafeMutablePointer<Float>, ldc: Int, m: Int, n: Int, k: Int, beta: Float = 0
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b,
            Int32(ldb), beta, c, Int32(ldc))
    }

    /// How many threads one product may use. OpenBLAS only; Accelerate schedules itself.
    static func setThreadCount(_ count: Int) {
        #if !canImport(Accelerate)
            openblas_set_num_threads(Int32(count))
        #endif
    }
}
