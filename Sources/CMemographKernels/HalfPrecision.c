// Conversions between single and half precision, for the packed half-precision weight panels.

#include "CMemographKernels.h"
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
