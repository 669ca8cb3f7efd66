#ifndef C_MEMOGRAPH_KERNELS_H
#define C_MEMOGRAPH_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Converts `count` floats to IEEE 754 half precision (round to nearest even), as bit patterns.
void mg_half_from_floats(const float *values, size_t count, uint16_t *halves);

/// Converts `count` half-precision bit patterns back to floats.
void mg_floats_from_half(const uint16_t *halves, size_t count, float *values);

/// `scores[r] = dot(matrix row r, query)` for `rows` rows of `dimension` half-precision values,
/// accumulated in single precision. Uses AVX2, FMA and F16C when the CPU has them.
void mg_half_scores(
    const uint16_t *matrix, size_t rows, size_t dimension, const float *query, float *scores);

/// Columns per panel of a packed half-precision weight matrix.
#define MG_HALF_PANEL_WIDTH 16

/// Packs the row-major k×n `weight` into ⌈n/16⌉ panels of k rows × 16 half-precision values
/// (the last panel padded with zeros): `panels` holds ⌈n/16⌉·16·k values.
void mg_half_pack_panels(const float *weight, size_t k, size_t n, uint16_t *panels);

/// `output += input · weight` over the columns of panels `first_panel ..< first_panel +
/// panel_count`, with `input` m×k (row stride `lda`), `weight` packed by `mg_half_pack_panels`
/// (k×n) and `output` m×n (row stride `ldc`); accumulated in single precision. Uses AVX2, FMA
/// and F16C when the CPU has them.
void mg_half_panels_multiply(
    const float *input, size_t lda, size_t m, size_t k, const uint16_t *panels, size_t n, size_t first_panel,
    size_t panel_count, float *output, size_t ldc);

/// The exact (erf-based) GELU of `count` values, in place, to within 1e-6 · max(1, |x|).
/// Uses AVX2 and FMA when the CPU has them.
void mg_gelu(float *values, size_t count);

#endif
