// OpenBLAS's CBLAS interface (Debian: libopenblas-dev). On Apple platforms the
// same calls come from Accelerate, so this module is only used on Linux.
#include <cblas.h>
