// Quantized vector kernels: the vector index keeps each row as 8-bit codes times a per-row scale,
// plus an 8-bit residual of what the codes miss. A scan reads only the codes (one byte per value,
// a quarter of single precision); the few rows a scan short-lists are rescored with the residual,
// which holds every value to within 1/64,516 of its row's largest magnitude.

#include "CMemographKernels.h"
#include "CPUFeatures.h"

#include <math.h>

// Not a number rounds to zero, so that no conversion below is undefined.
static int8_t clamped_code(float value) {
    float rounded = nearbyintf(value);
    if (isnan(rounded)) return 0;
    return (int8_t)(rounded > 127 ? 127 : (rounded < -127 ? -127 : rounded));
}

// The largest finite magnitude of `count` values.
static float largest_magnitude(const float *values, size_t count) {
    float largest = 0;
    for (size_t index = 0; index < count; index++) {
        float magnitude = fabsf(values[index]);
        if (isfinite(magnitude) && magnitude > largest) largest = magnitude;
    }
    return largest;
}

void mg_quantize_rows(
    const float *values, size_t rows, size_t dimension, int8_t *codes, int8_t *residuals, float *scales) {
    for (size_t row = 0; row < rows; row++) {
        const float *vector = values + row * dimension;
        float scale = largest_magnitude(vector, dimension) / 127;
        scales[row] = scale;
        int8_t *rowCodes = codes + row * dimension;
        int8_t *rowResiduals = residuals + row * dimension;
        for (size_t index = 0; index < dimension; index++) {
            float value = isfinite(vector[index]) ? vector[index] : 0;
            if (scale == 0 || value == 0) {
                rowCodes[index] = 0;
                rowResiduals[index] = 0;
                continue;
            }
            int8_t code = clamped_code(value / scale);
            rowCodes[index] = code;
            rowResiduals[index] = clamped_code((value - scale * code) / scale * MG_RESIDUAL_STEPS);
        }
    }
}

void mg_dequantize_row(
    const int8_t *codes, const int8_t *residuals, float scale, size_t dimension, float *values) {
    for (size_t index = 0; index < dimension; index++) {
        values[index] = scale * ((float)codes[index] + (float)residuals[index] / MG_RESIDUAL_STEPS);
    }
}

float mg_quantize_query(const float *query, size_t dimension, int16_t *codes) {
    float largest = largest_magnitude(query, dimension);
    // The integer dot product of a row must fit in 32 bits: |code| ≤ 127 times |query code| ≤ limit,
    // summed over the dimension.
    double fitting = 2147483647.0 / (127.0 * (double)(dimension ? dimension : 1));
    float limit = fitting >= 32767 ? 32767 : (fitting < 1 ? 1 : (float)floor(fitting));
    float scale = largest / limit;
    for (size_t index = 0; index < dimension; index++) {
        float code = scale == 0 ? 0 : nearbyintf(query[index] / scale);
        codes[index] = (int16_t)(code > limit ? limit : (code < -limit ? -limit : (isnan(code) ? 0 : code)));
    }
    return scale;
}

static int32_t code_dot_portable(const int8_t *codes, const int16_t *query, size_t dimension) {
    int32_t sum = 0;
    for (size_t index = 0; index < dimension; index++) sum += (int32_t)codes[index] * query[index];
    return sum;
}

static float refined_score_portable(
    const int8_t *codes, const int8_t *residuals, float scale, size_t dimension, const float *query) {
    float coarse = 0, fine = 0;
    for (size_t index = 0; index < dimension; index++) {
        coarse += (float)codes[index] * query[index];
        fine += (float)residuals[index] * query[index];
    }
    return scale * (coarse + fine / MG_RESIDUAL_STEPS);
}

#ifdef MG_X86_DISPATCH
__attribute__((target("avx2"))) static void code_scores_avx2(
    const int8_t *codes, const float *scales, size_t rows, size_t dimension, const int16_t *query,
    float query_scale, float *scores) {
    size_t wide = dimension & ~(size_t)31;
    for (size_t row = 0; row < rows; row++) {
        const int8_t *values = codes + row * dimension;
        __m256i first = _mm256_setzero_si256();
        __m256i second = _mm256_setzero_si256();
        size_t index = 0;
        for (; index < wide; index += 32) {
            __m256i low = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(values + index)));
            __m256i high = _mm256_cvtepi8_epi16(_mm_loadu_si128((const __m128i *)(values + index + 16)));
            first = _mm256_add_epi32(
                first, _mm256_madd_epi16(low, _mm256_loadu_si256((const __m256i *)(query + index))));
            second = _mm256_add_epi32(
                second, _mm256_madd_epi16(high, _mm256_loadu_si256((const __m256i *)(query + index + 16))));
        }
        __m256i both = _mm256_add_epi32(first, second);
        __m128i sum = _mm_add_epi32(_mm256_castsi256_si128(both), _mm256_extracti128_si256(both, 1));
        sum = _mm_hadd_epi32(sum, sum);
        sum = _mm_hadd_epi32(sum, sum);
        int32_t total = _mm_cvtsi128_si32(sum) + code_dot_portable(values + index, query + index, dimension - index);
        scores[row] = (float)total * query_scale * scales[row];
    }
}

__attribute__((target("avx2,fma"))) static float refined_score_avx2(
    const int8_t *codes, const int8_t *residuals, float scale, size_t dimension, const float *query) {
    size_t wide = dimension & ~(size_t)7;
    __m256 coarse = _mm256_setzero_ps();
    __m256 fine = _mm256_setzero_ps();
    size_t index = 0;
    for (; index < wide; index += 8) {
        __m256 weights = _mm256_loadu_ps(query + index);
        __m256 code = _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)(codes + index))));
        __m256 residual =
            _mm256_cvtepi32_ps(_mm256_cvtepi8_epi32(_mm_loadl_epi64((const __m128i *)(residuals + index))));
        coarse = _mm256_fmadd_ps(code, weights, coarse);
        fine = _mm256_fmadd_ps(residual, weights, fine);
    }
    __m256 both = _mm256_fmadd_ps(fine, _mm256_set1_ps(1.0f / MG_RESIDUAL_STEPS), coarse);
    __m128 sum = _mm_add_ps(_mm256_castps256_ps128(both), _mm256_extractf128_ps(both, 1));
    sum = _mm_hadd_ps(sum, sum);
    sum = _mm_hadd_ps(sum, sum);
    return scale * _mm_cvtss_f32(sum)
           + refined_score_portable(codes + index, residuals + index, scale, dimension - index, query + index);
}
#endif

void mg_code_scores(
    const int8_t *codes, const float *scales, size_t rows, size_t dimension, const int16_t *query,
    float query_scale, float *scores) {
#ifdef MG_X86_DISPATCH
    if (mg_has_avx2_fma_f16c()) {
        code_scores_avx2(codes, scales, rows, dimension, query, query_scale, scores);
        return;
    }
#endif
    for (size_t row = 0; row < rows; row++) {
        scores[row] = (float)code_dot_portable(codes + row * dimension, query, dimension) * query_scale * scales[row];
    }
}

float mg_refined_score(
    const int8_t *codes, const int8_t *residuals, float scale, size_t dimension, const float *query) {
#ifdef MG_X86_DISPATCH
    if (mg_has_avx2_fma_f16c()) return refined_score_avx2(codes, residuals, scale, dimension, query);
#endif
    return refined_score_portable(codes, residuals, scale, dimension, query);
}
