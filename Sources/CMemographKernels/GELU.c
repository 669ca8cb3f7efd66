// The exact (erf-based) GELU, x · ½ · (1 + erf(x / √2)), in place. erf is a rational minimax
// approximation on [−4, 4] (absolute error below 4e-7; outside that range erf is ±1 in single
// precision), evaluated eight lanes at a time with fused multiply-adds where the CPU has them.

#include "CMemographKernels.h"
#include "CPUFeatures.h"

static const float numerator[7] = {
    -1.60960333262415e-02f, -2.95459980854025e-03f, -7.34990630326855e-04f, -5.69250639462346e-05f,
    -2.10102402082508e-06f, 2.77068142495902e-08f,  -2.72614225801306e-10f,
};
static const float denominator[5] = {
    -1.42647390514189e-02f, -7.37332916720468e-03f, -1.68282697438203e-03f, -2.13374055278905e-04f,
    -1.45660718464996e-05f,
};
static const float inverse_sqrt2 = 0.70710678118654752f;

static inline float gelu_one(float x) {
    float z = x * inverse_sqrt2;
    z = z > 4 ? 4 : (z < -4 ? -4 : z);
    float z2 = z * z;
    float p = numerator[6];
    for (int i = 5; i >= 0; i--) p = p * z2 + numerator[i];
    float q = denominator[4];
    for (int i = 3; i >= 0; i--) q = q * z2 + denominator[i];
    return x * 0.5f * (z * p / q + 1);
}

#ifdef MG_X86_DISPATCH
__attribute__((target("avx2,fma"))) static void gelu_avx2(float *values, size_t count) {
    const __m256 scale = _mm256_set1_ps(inverse_sqrt2);
    const __m256 upper = _mm256_set1_ps(4), lower = _mm256_set1_ps(-4);
    const __m256 half = _mm256_set1_ps(0.5f), one = _mm256_set1_ps(1);
    size_t index = 0;
    for (; index + 8 <= count; index += 8) {
        __m256 x = _mm256_loadu_ps(values + index);
        __m256 z = _mm256_min_ps(_mm256_max_ps(_mm256_mul_ps(x, scale), lower), upper);
        __m256 z2 = _mm256_mul_ps(z, z);
        __m256 p = _mm256_set1_ps(numerator[6]);
        for (int i = 5; i >= 0; i--) p = _mm256_fmadd_ps(p, z2, _mm256_set1_ps(numerator[i]));
        __m256 q = _mm256_set1_ps(denominator[4]);
        for (int i = 3; i >= 0; i--) q = _mm256_fmadd_ps(q, z2, _mm256_set1_ps(denominator[i]));
        __m256 erf = _mm256_div_ps(_mm256_mul_ps(z, p), q);
        _mm256_storeu_ps(values + index, _mm256_mul_ps(_mm256_mul_ps(x, half), _mm256_add_ps(erf, one)));
    }
    for (; index < count; index++) values[index] = gelu_one(values[index]);
}
#endif

void mg_gelu(float *values, size_t count) {
#ifdef MG_X86_DISPATCH
    if (mg_has_avx2_fma_f16c()) {
        gelu_avx2(values, count);
        return;
    }
#endif
    for (size_t index = 0; index < count; index++) values[index] = gelu_one(values[index]);
}
