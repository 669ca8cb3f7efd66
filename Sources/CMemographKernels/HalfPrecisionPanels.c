// Matrix products against weights kept in half precision and packed in panels of 16 columns
// (each panel is k rows of 16 values, contiguous), for inputs of a few rows: a query's dense
// layers. BLAS packs its fp32 weights on every call, which for a dozen rows costs as much as
// the arithmetic; packed once, in half the bytes, the weights stream from cache instead.

#include "CMemographKernels.h"
#include "CPUFeatures.h"

#include <string.h>


void mg_half_pack_panels(const float *weight, size_t k, size_t n, uint16_t *panels) {
    size_t count = (n + MG_HALF_PANEL_WIDTH - 1) / MG_HALF_PANEL_WIDTH;
    float row[MG_HALF_PANEL_WIDTH];
    for (size_t panel = 0; panel < count; panel++) {
        size_t first = panel * MG_HALF_PANEL_WIDTH;
        size_t width = n - first < MG_HALF_PANEL_WIDTH ? n - first : MG_HALF_PANEL_WIDTH;
        for (size_t p = 0; p < k; p++) {
            memset(row, 0, sizeof row);
            memcpy(row, weight + p * n + first, width * sizeof(float));
            mg_half_from_floats(row, MG_HALF_PANEL_WIDTH, panels + (panel * k + p) * MG_HALF_PANEL_WIDTH);
        }
    }
}

/// Adds one panel's product to `width` (at most 16) output columns, for every row.
static void panel_portable(
    const float *input, size_t lda, size_t m, size_t k, const uint16_t *panel, size_t width, float *output,
    size_t ldc) {
    float weights[MG_HALF_PANEL_WIDTH];
    for (size_t row = 0; row < m; row++) {
        float sums[MG_HALF_PANEL_WIDTH] = {0};
        for (size_t p = 0; p < k; p++) {
            mg_floats_from_half(panel + p * MG_HALF_PANEL_WIDTH, MG_HALF_PANEL_WIDTH, weights);
            float x = input[row * lda + p];
            for (size_t column = 0; column < MG_HALF_PANEL_WIDTH; column++) sums[column] += x * weights[column];
        }
        for (size_t column = 0; column < width; column++) output[row * ldc + column] += sums[column];
    }
}

#ifdef MG_X86_DISPATCH
/// `rows` (1–6, a constant once inlined) output rows × 16 columns, accumulated in twelve
/// registers over the whole of k: each step converts two half-precision vectors and issues
/// two fused multiply-adds per row.
#define MG_TILE(rows)                                                                                   \
    __attribute__((target("avx2,fma,f16c"))) static void tile_##rows(                                   \
        const float *input, size_t lda, size_t k, const uint16_t *panel, size_t width, float *output,   \
        size_t ldc) {                                                                                   \
        __m256 low[rows], high[rows];                                                                   \
        for (int r = 0; r < rows; r++) low[r] = high[r] = _mm256_setzero_ps();                          \
        for (size_t p = 0; p < k; p++) {                                                                \
            const uint16_t *w = panel + p * MG_HALF_PANEL_WIDTH;                                        \
            __m256 w0 = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)w));                           \
            __m256 w1 = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(w + 8)));                     \
            for (int r = 0; r < rows; r++) {                                                            \
                __m256 x = _mm256_broadcast_ss(input + r * lda + p);                                    \
                low[r] = _mm256_fmadd_ps(x, w0, low[r]);                                                \
                high[r] = _mm256_fmadd_ps(x, w1, high[r]);                                              \
            }                                                                                           \
        }                                                                                               \
        for (int r = 0; r < rows; r++) {                                                                \
            float *target = output + r * ldc;                                                           \
            if (width == MG_HALF_PANEL_WIDTH) {                                                         \
                _mm256_storeu_ps(target, _mm256_add_ps(_mm256_loadu_ps(target), low[r]));               \
                _mm256_storeu_ps(target + 8, _mm256_add_ps(_mm256_loadu_ps(target + 8), high[r]));      \
            } else {                                                                                    \
                float sums[MG_HALF_PANEL_WIDTH];                                                        \
                _mm256_storeu_ps(sums, low[r]);                                                         \
                _mm256_storeu_ps(sums + 8, high[r]);                                                    \
                for (size_t column = 0; column < width; column++) target[column] += sums[column];       \
            }                                                                                           \
        }                                                                                               \
    }

MG_TILE(1)
MG_TILE(2)
MG_TILE(3)
MG_TILE(4)
MG_TILE(5)
MG_TILE(6)

__attribute__((target("avx2,fma,f16c"))) static void panel_avx2(
    const float *input, size_t lda, size_t m, size_t k, const uint16_t *panel, size_t width, float *output,
    size_t ldc) {
    size_t row = 0;
    for (; row + 6 <= m; row += 6) tile_6(input + row * lda, lda, k, panel, width, output + row * ldc, ldc);
    const float *a = input + row * lda;
    float *c = output + row * ldc;
    switch (m - row) {
    case 5: tile_5(a, lda, k, panel, width, c, ldc); break;
    case 4: tile_4(a, lda, k, panel, width, c, ldc); break;
    case 3: tile_3(a, lda, k, panel, width, c, ldc); break;
    case 2: tile_2(a, lda, k, panel, width, c, ldc); break;
    case 1: tile_1(a, lda, k, panel, width, c, ldc); break;
    default: break;
    }
}
#endif

void mg_half_panels_multiply(
    const float *input, size_t lda, size_t m, size_t k, const uint16_t *panels, size_t n, size_t first_panel,
    size_t panel_count, float *output, size_t ldc) {
    void (*panel_product)(const float *, size_t, size_t, size_t, const uint16_t *, size_t, float *, size_t) =
        panel_portable;
#ifdef MG_X86_DISPATCH
    if (mg_has_avx2_fma_f16c()) panel_product = panel_avx2;
#endif
    for (size_t panel = first_panel; panel < first_panel + panel_count; panel++) {
        size_t first = panel * MG_HALF_PANEL_WIDTH;
        if (first >= n) break;
        size_t width = n - first < MG_HALF_PANEL_WIDTH ? n - first : MG_HALF_PANEL_WIDTH;
        panel_product(
            input, lda, m, k, panels + panel * k * MG_HALF_PANEL_WIDTH, width, output + first, ldc);
    }
}
