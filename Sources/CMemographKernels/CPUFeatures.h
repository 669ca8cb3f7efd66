// What the kernels may use on this CPU: shared by every kernel file, so that each dispatches
// on the same test.

#ifndef MG_CPU_FEATURES_H
#define MG_CPU_FEATURES_H

#include <stdbool.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#include <immintrin.h>
#define MG_X86_DISPATCH 1

/// AVX2, FMA and F16C: what the vector paths of the kernels are compiled for.
static inline bool mg_has_avx2_fma_f16c(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c");
}
#endif

#endif
