// Scaled dot-product self-attention of one short sequence, one query row at a time: the row's
// scores, their softmax and the weighted sum of the values never leave a buffer of `length`
// floats. For the sequences a sentence encoder sees (tens of tokens, 32-wide heads) this does
// without the two matrix products per head that BLAS would pack, dispatch and write back.
//
// exp is Cephes' single-precision range reduction and polynomial (relative error about 2e-7),
// the same in both paths.

#include <math.h>

#include "CMemographKernels.h"
#include "CPUFeatures.h"

static inline float exp_one(float x) {
    if (x < -87.3f) x = -87.3f;
    float n = nearbyintf(x * 1.44269504088896341f);
    float r = x - n * 0.693359375f;
    r = r - n * -2.12194440e-4f;
    float y = 1.9875691500e-4f;
    y = y * r + 1.3981999507e-3f;
    y = y * r + 8.3334519073e-3f;
    y = y * r + 4.1665795894e-2f;
    y = y * r + 1.6666665459e-1f;
    y = y * r + 5.0000001201e-1f;
    y = y * r * r + r + 1;
    return ldexpf(y, (int)n);
}

static void attend_portable(
    const float *qkv, size_t length, size_t hidden, size_t head_size, size_t first_head, size_t end_head,
    float scale, float *scores, float *output) {
    const size_t stride = 3 * hidden;
    for (size_t head = first_head; head < end_head; head++) {
        const size_t offset = head * head_size;
        for (size_t i = 0; i < length; i++) {
            const float *query = qkv + i * stride + offset;
            float maximum = -INFINITY;
            for (size_t j = 0; j < length; j++) {
                const float *key = qkv + j * stride + hidden + offset;
                float dot = 0;
                for (size_t c = 0; c < head_size; c++) dot += query[c] * key[c];
                scores[j] = dot * scale;
                if (scores[j] > maximum) maximum = scores[j];
            }
            float sum = 0;
            for (size_t j = 0; j < length; j++) {
                scores[j] = exp_one(scores[j] - maximum);
                sum += scores[j];
            }
            float *target = output + i * hidden + offset;
            for (size_t c = 0; c < head_size; c++) target[c] = 0;
            for (size_t j = 0; j < length; j++) {
                const float *value = qkv + j * stride + 2 * hidden + offset;
                for (size_t c = 0; c < head_size; c++) target[c] += scores[j] * value[c];
            }
            const float inverse = 1 / sum;
            for (size_t c = 0; c < head_size; c++) target[c] *= inverse;
        }
    }
}

#ifdef MG_X86_DISPATCH
__attribute__((target("avx2,fma"))) static inline __m256 exp_avx2(__m256 x) {
    x = _mm256_max_ps(x, _mm256_set1_ps(-87.3f));
    const __m256 n = _mm256_round_ps(
        _mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
    __m256 y = _mm256_set1_ps(1.9875691500e-4f);
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(1.3981999507e-3f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(8.3334519073e-3f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(4.1665795894e-2f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(1.6666665459e-1f));
    y = _mm256_fmadd_ps(y, r, _mm256_set1_ps(5.0000001201e-1f));
    y = _mm256_add_ps(_mm256_fmadd_ps(y, _mm256_mul_ps(r, r), r), _mm256_set1_ps(1));
    const __m256i exponent = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(y, _mm256_castsi256_ps(exponent));
}

__attribute__((target("avx2,fma"))) static inline float sum_avx2(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

// The dot products of one query with four keys at once, from four eight-lane partial sums.
__attribute__((target("avx2,fma"))) static inline __m128 four_sums_avx2(__m256 a, __m256 b, __m256 c, __m256 d) {
    const __m256 pairs = _mm256_hadd_ps(_mm256_hadd_ps(a, b), _mm256_hadd_ps(c, d));
    return _mm_add_ps(_mm256_castps256_ps128(pairs), _mm256_extractf128_ps(pairs, 1));
}

// Heads whose width is a multiple of 8: dot products run eight lanes wide for eight keys at a
// time (then four, then one), and the weighted sum keeps four independent eight-lane
// accumulators per 32 columns of the head.
__attribute__((target("avx2,fma"))) static void attend_avx2(
    const float *qkv, size_t length, size_t hidden, size_t head_size, size_t first_head, size_t end_head,
    float scale, float *scores, float *output) {
    const size_t stride = 3 * hidden;
    const __m256 scales = _mm256_set1_ps(scale);
    for (size_t head = first_head; head < end_head; head++) {
        const size_t offset = head * head_size;
        const float *keys = qkv + hidden + offset;
        for (size_t i = 0; i < length; i++) {
            const float *query = qkv + i * stride + offset;
            // Eight keys per step, stored with one 32-byte store: the exponentials below load
            // the same eight scores, and a load that spans two smaller stores stalls.
            __m256 maxima8 = _mm256_set1_ps(-INFINITY);
            size_t j = 0;
            for (; j + 8 <= length; j += 8) {
                const float *key = keys + j * stride;
                __m256 d[8];
                for (int r = 0; r < 8; r++) d[r] = _mm256_setzero_ps();
                for (size_t c = 0; c < head_size; c += 8) {
                    const __m256 q = _mm256_loadu_ps(query + c);
                    for (int r = 0; r < 8; r++)
                        d[r] = _mm256_fmadd_ps(q, _mm256_loadu_ps(key + r * stride + c), d[r]);
                }
                const __m256 eight = _mm256_mul_ps(
                    _mm256_set_m128(four_sums_avx2(d[4], d[5], d[6], d[7]), four_sums_avx2(d[0], d[1], d[2], d[3])),
                    scales);
                _mm256_storeu_ps(scores + j, eight);
                maxima8 = _mm256_max_ps(maxima8, eight);
            }
            __m128 maxima = _mm_max_ps(_mm256_castps256_ps128(maxima8), _mm256_extractf128_ps(maxima8, 1));
            for (; j + 4 <= length; j += 4) {
                const float *key = keys + j * stride;
                __m256 d0 = _mm256_setzero_ps(), d1 = d0, d2 = d0, d3 = d0;
                for (size_t c = 0; c < head_size; c += 8) {
                    const __m256 q = _mm256_loadu_ps(query + c);
                    d0 = _mm256_fmadd_ps(q, _mm256_loadu_ps(key + c), d0);
                    d1 = _mm256_fmadd_ps(q, _mm256_loadu_ps(key + stride + c), d1);
                    d2 = _mm256_fmadd_ps(q, _mm256_loadu_ps(key + 2 * stride + c), d2);
                    d3 = _mm256_fmadd_ps(q, _mm256_loadu_ps(key + 3 * stride + c), d3);
                }
                const __m128 four = _mm_mul_ps(four_sums_avx2(d0, d1, d2, d3), _mm256_castps256_ps128(scales));
                _mm_storeu_ps(scores + j, four);
                maxima = _mm_max_ps(maxima, four);
            }
            maxima = _mm_max_ps(maxima, _mm_movehl_ps(maxima, maxima));
            maxima = _mm_max_ss(maxima, _mm_movehdup_ps(maxima));
            float maximum = _mm_cvtss_f32(maxima);
            for (; j < length; j++) {
                const float *key = keys + j * stride;
                __m256 dot = _mm256_setzero_ps();
                for (size_t c = 0; c < head_size; c += 8)
                    dot = _mm256_fmadd_ps(_mm256_loadu_ps(query + c), _mm256_loadu_ps(key + c), dot);
                scores[j] = sum_avx2(dot) * scale;
                if (scores[j] > maximum) maximum = scores[j];
            }
            const __m256 top = _mm256_set1_ps(maximum);
            __m256 sums = _mm256_setzero_ps();
            j = 0;  // the blocks of the eight-key steps above
            for (; j + 8 <= length; j += 8) {
                const __m256 e = exp_avx2(_mm256_sub_ps(_mm256_loadu_ps(scores + j), top));
                _mm256_storeu_ps(scores + j, e);
                sums = _mm256_add_ps(sums, e);
            }
            if (j < length) {  // the last few scores, eight lanes wide through a padded copy
                float tail[8];
                const size_t count = length - j;
                for (size_t lane = 0; lane < 8; lane++) tail[lane] = lane < count ? scores[j + lane] : maximum;
                const __m256 e = exp_avx2(_mm256_sub_ps(_mm256_loadu_ps(tail), top));
                _mm256_storeu_ps(tail, e);
                for (size_t lane = 0; lane < count; lane++) scores[j + lane] = tail[lane];
                sums = _mm256_add_ps(sums, _mm256_and_ps(e, _mm256_castsi256_ps(_mm256_cmpgt_epi32(
                                                               _mm256_set1_epi32((int)count),
                                                               _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7)))));
            }
            const float sum = sum_avx2(sums);
            const __m256 inverse = _mm256_set1_ps(1 / sum);
            float *target = output + i * hidden + offset;
            size_t c = 0;
            for (; c + 32 <= head_size; c += 32) {
                const float *value = qkv + 2 * hidden + offset + c;
                __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0;
                for (size_t k = 0; k < length; k++) {
                    const __m256 weight = _mm256_set1_ps(scores[k]);
                    const float *row = value + k * stride;
                    a0 = _mm256_fmadd_ps(weight, _mm256_loadu_ps(row), a0);
                    a1 = _mm256_fmadd_ps(weight, _mm256_loadu_ps(row + 8), a1);
                    a2 = _mm256_fmadd_ps(weight, _mm256_loadu_ps(row + 16), a2);
                    a3 = _mm256_fmadd_ps(weight, _mm256_loadu_ps(row + 24), a3);
                }
                _mm256_storeu_ps(target + c, _mm256_mul_ps(a0, inverse));
                _mm256_storeu_ps(target + c + 8, _mm256_mul_ps(a1, inverse));
                _mm256_storeu_ps(target + c + 16, _mm256_mul_ps(a2, inverse));
                _mm256_storeu_ps(target + c + 24, _mm256_mul_ps(a3, inverse));
            }
            for (; c < head_size; c += 8) {
                const float *value = qkv + 2 * hidden + offset + c;
                __m256 accumulated = _mm256_setzero_ps();
                for (size_t k = 0; k < length; k++)
                    accumulated = _mm256_fmadd_ps(
                        _mm256_set1_ps(scores[k]), _mm256_loadu_ps(value + k * stride), accumulated);
                _mm256_storeu_ps(target + c, _mm256_mul_ps(accumulated, inverse));
            }
        }
    }
}
#endif

void mg_attention(
    const float *qkv, size_t length, size_t hidden, size_t head_size, size_t first_head, size_t end_head,
    float scale, float *scores, float *output) {
#ifdef MG_X86_DISPATCH
    if (head_size % 8 == 0 && mg_has_avx2_fma_f16c()) {
        attend_avx2(qkv, length, hidden, head_size, first_head, end_head, scale, scores, output);
        return;
    }
#endif
    attend_portable(qkv, length, hidden, head_size, first_head, end_head, scale, scores, output);
}
