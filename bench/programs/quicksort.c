/* Quicksort of pseudo-random integers, repeated: branches, swaps, recursion. */
#include "common.h"
#define COUNT 2000000
static int32_t values[COUNT];

static void sort(int32_t *v, int low, int high) {
    while (low < high) {
        int32_t pivot = v[low + (high - low) / 2];
        int i = low, j = high;
        while (i <= j) {
            while (v[i] < pivot) i++;
            while (v[j] > pivot) j--;
            if (i <= j) { int32_t t = v[i]; v[i] = v[j]; v[j] = t; i++; j--; }
        }
        if (j - low < high - i) { sort(v, low, j); low = i; } else { sort(v, i, high); high = j; }
    }
}

int main(void) {
    uint64_t checksum = 0;
    for (int round = 0; round < 8; round++) {
        for (int i = 0; i < COUNT; i++) values[i] = (int32_t)bench_random();
        sort(values, 0, COUNT - 1);
        for (int i = 0; i < COUNT; i += 1000) checksum = checksum * 3 + (uint32_t)values[i];
    }
    bench_print("quicksort", checksum);
    return 0;
}
