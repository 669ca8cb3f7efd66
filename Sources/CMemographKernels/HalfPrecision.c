// Half-precision vector kernels: the vector index keeps its matrix in 16-bit floats, which halves
// the memory a scan reads; scores are accumulated in single precision.

#include "CMemographKernels.h"
#include "CPUFeatures.h"

#include <string.h>


static uint16_t half_bits(_Float16 value) {
    uint16_t bits;
    memcpy(&bits, &value, sizeof bits);
    return bits;
}

static _Float16 half_value(uint16_t bits) {
    _Float16 value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

void mg_half_from_floats(const float *values, size_t count, uint16_t *halves) {
    for (size_t index = 0; index < count; index++) halves[index] = half_bits((_Float16)values[index]);
}

void mg_floats_from_half(const uint16_t *halves, size_t count, float *values) {
    for (size_t index = 0; index < count; index++) values[index] = (float)half_value(halves[index]);
}

static void half_scores_portable(
    const uint16_t *matrix, size_t rows, size_t dimension, const float *query, float *scores) {
    for (size_t row = 0; row < rows; row++) {
        const uint16_t *values = matrix + row * dimension;
        float sum = 0;
        for (size_t index = 0; index < dimension; index++) sum += (float)half_value(values[index]) * query[index];
        scores[row] = sum;
    }
}

#ifdef MG_X86_DISPATCH
__attribute__((target("avx2,fma,f16c"))) static void half_scores_avx2(
    const uint16_t *matrix, size_t rows, size_t dimension, const float *query, float *scores) {
    size_t wide = dimension & ~(size_t)15;
    for (size_t row = 0; row < rows; row++) {
        const uint16_t *values = matrix + row * dimension;
        __m256 first = _mm256_setzero_ps();
        __m256 second = _mm256_setzero_ps();
        size_t index = 0;
        for (; index < wide; index += 16) {
            __m256 low = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(values + index)));
            __m256 high = _mm256_cvtph_ps(_mm_loadu_si128((const __m128i *)(values + index + 8)));
            first = _mm256_fmadd_ps(low, _mm256_loadu_ps(query + index), first);
            second = _mm256_fmadd_ps(high, _mm256_loadu_ps(query + index + 8), second);
        }
        __m256 both = _mm256_add_ps(first, second);
        __m128 sum = _mm_add_ps(_mm256_castps256_ps128(both), _mm256_extractf128_ps(both, 1));
        sum = _mm_hadd_ps(sum, sum);
        sum = _mm_hadd_ps(sum, sum);
        float total = _mm_cvtss_f32(sum);
        for (; index < dimension; index++) total += _cvtsh_ss(values[index]) * query[index];
        scores[row] = total;
    }
}
#endif

void mg_half_scores(
    const uint16_t *matrix, size_t rows, size_t dimension, const float *query, float *scores) {
#ifdef MG_X86_DISPATCH
    if (mg_has_avx2_fma_f16c()) {
        half_scores_avx2(matrix, rows, dimension, query, scores);
        return;
    }
#endif
    half_scores_portable(matrix, rows, dimension, query, scores);
}
