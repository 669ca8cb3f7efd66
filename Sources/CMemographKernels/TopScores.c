#include "CMemographKernels.h"

/// Whether entry a ranks below entry b: a lower score, or an equal score at a later position.
static int ranks_below(const float *scores, int64_t a, int64_t b) {
    return scores[a] < scores[b] || (scores[a] == scores[b] && a > b);
}

/// Restores the heap order (the lowest-ranked entry at the root) below `index`.
static void sift_down(const float *scores, int64_t *heap, size_t size, size_t index) {
    for (;;) {
        size_t lowest = index;
        size_t left = 2 * index + 1;
        size_t right = left + 1;
        if (left < size && ranks_below(scores, heap[left], heap[lowest])) lowest = left;
        if (right < size && ranks_below(scores, heap[right], heap[lowest])) lowest = right;
        if (lowest == index) return;
        int64_t swap = heap[index];
        heap[index] = heap[lowest];
        heap[lowest] = swap;
        index = lowest;
    }
}

size_t mg_top_positions(const float *scores, size_t count, size_t k, int64_t *positions) {
    if (k > count) k = count;
    if (k == 0) return 0;
    size_t size = 0;
    for (; size < k; size++) {
        // Sift the new entry up from the end.
        size_t index = size;
        positions[index] = (int64_t)size;
        while (index > 0) {
            size_t parent = (index - 1) / 2;
            if (!ranks_below(scores, positions[index], positions[parent])) break;
            int64_t swap = positions[index];
            positions[index] = positions[parent];
            positions[parent] = swap;
            index = parent;
        }
    }
    // A later position with an equal score ranks below every entry held, so only a higher score
    // replaces the lowest-ranked one. Blocks with no such score (nearly all, once the heap holds
    // high scores) are passed over by a comparison the compiler vectorizes.
    float floor = scores[positions[0]];
    for (size_t start = k; start < count; start += 64) {
        size_t end = start + 64 < count ? start + 64 : count;
        int above = 0;
        for (size_t position = start; position < end; position++) above |= scores[position] > floor;
        if (!above) continue;
        for (size_t position = start; position < end; position++) {
            if (scores[position] > floor) {
                positions[0] = (int64_t)position;
                sift_down(scores, positions, size, 0);
                floor = scores[positions[0]];
            }
        }
    }
    // Heap sort: the lowest-ranked entry moves to the end each time, leaving the best first.
    for (size_t end = size - 1; end > 0; end--) {
        int64_t swap = positions[0];
        positions[0] = positions[end];
        positions[end] = swap;
        sift_down(scores, positions, end, 0);
    }
    return size;
}
