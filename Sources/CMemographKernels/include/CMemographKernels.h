#ifndef C_MEMOGRAPH_KERNELS_H
#define C_MEMOGRAPH_KERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Converts `count` floats to IEEE 754 half precision (round to nearest even), as bit patterns.
void mg_half_from_floats(const float *values, size_t count, uint16_t *halves);

/// Converts `count` half-precision bit patterns back to floats.
void mg_floats_from_half(const uint16_t *halves, size_t count, float *values);

/// Residual steps per code step: a row is stored as `scale · (codes + residuals / 254)`.
#define MG_RESIDUAL_STEPS 254

/// Quantizes `rows` rows of `dimension` floats: row r becomes `scales[r] · (codes + residuals /
/// MG_RESIDUAL_STEPS)` with `scales[r] = max|value| / 127` and codes and residuals in [-127, 127],
/// which reproduces every value to within `scales[r] / 508`. A value that is not finite is held
/// as zero.
void mg_quantize_rows(
    const float *values, size_t rows, size_t dimension, int8_t *codes, int8_t *residuals, float *scales);

/// Rebuilds one quantized row as floats.
void mg_dequantize_row(
    const int8_t *codes, const int8_t *residuals, float scale, size_t dimension, float *values);

/// Quantizes a query to 16-bit codes so that a row's integer dot product fits in 32 bits; returns
/// the scale (`query ≈ scale · codes`, within `scale / 2` per value; a value that is not finite
/// counts as zero).
float mg_quantize_query(const float *query, size_t dimension, int16_t *codes);

/// Coarse scores from the codes alone: `scores[r] = scales[r] · query_scale · dot(codes row r,
/// query)`, exact integer arithmetic underneath. Uses AVX2 when the CPU has it.
void mg_code_scores(
    const int8_t *codes, const float *scales, size_t rows, size_t dimension, const int16_t *query,
    float query_scale, float *scores);

/// Writes the positions of the `k` highest of `count` scores (all of them when `k` ≥ `count`) to
/// `positions`, highest first, ties broken by the lower position; returns how many it wrote. One
/// pass with a heap of `k` entries. Scores must not be NaN.
size_t mg_top_positions(const float *scores, size_t count, size_t k, int64_t *positions);

/// The score of one row from its codes and residuals against a single-precision query. Uses AVX2
/// and FMA when the CPU has them.
float mg_refined_score(
    const int8_t *codes, const int8_t *residuals, float scale, size_t dimension, const float *query);

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

/// Scaled dot-product self-attention of one sequence for heads `first_head ..< end_head`: query,
/// key and value rows sit side by side in `qkv` (row i at `qkv + i · 3 · hidden`, queries then
/// keys then values, each head `head_size` wide), and head h of row i's context is written to
/// `output + i · hidden + h · head_size`. `scores` is scratch for `length` floats. Uses AVX2
/// and FMA when the CPU has them and `head_size` is a multiple of 8.
void mg_attention(
    const float *qkv, size_t length, size_t hidden, size_t head_size, size_t first_head, size_t end_head,
    float scale, float *scores, float *output);

#endif
