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

#endif
