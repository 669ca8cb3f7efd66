import CMemographKernels

/// A k×n weight matrix kept a second time in half precision, packed in panels of 16 columns,
/// for products with inputs of a few rows (a query). BLAS repacks its single-precision weights
/// on every call, which for a dozen rows costs as much as the arithmetic; these are packed once
/// and, at half the bytes, stay in the last-level cache between queries.
///
/// Sendable because the packed values are never written after packing; `BertWeights` owns them.
struct HalfPrecisionPanels: @unchecked Sendable {
    let values: UnsafeBufferPointer<UInt16>
    let k: Int
    let n: Int

    /// Columns per panel.
    static let width = Int(MG_HALF_PANEL_WIDTH)

    /// Number of 16-column panels; the unit of work split between threads.
    var panelCount: Int { Self.panelCount(columns: n) }

    /// Number of 16-column panels that hold `columns` columns.
    static func panelCount(columns: Int) -> Int {
        (columns + width - 1) / width
    }

    /// Packs the row-major k×n `weight`; the caller owns (and frees) the returned storage.
    static func packing(_ weight: UnsafePointer<Float>, k: Int, n: Int) -> UnsafeMutableBufferPointer<UInt16>
    {
        let storage = UnsafeMutableBufferPointer<UInt16>.allocate(
            capacity: panelCount(columns: n) * width * k)
        mg_half_pack_panels(weight, k, n, storage.baseAddress!)
        return storage
    }

    /// `output += input · weight` for the columns of `panels`, with `input` m×k (row stride
    /// `lda`) and `output` m×n (row stride `ldc`).
    func multiply(
        _ input: UnsafePointer<Float>, lda: Int, m: Int, into output: UnsafeMutablePointer<Float>, ldc: Int,
        panels: Range<Int>
    ) {
        mg_half_panels_multiply(
            input, lda, m, k, values.baseAddress!, n, panels.lowerBound, panels.count, output, ldc)
    }
}
