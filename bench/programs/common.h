/* Shared helpers for the compute benchmarks: a deterministic generator and checksum printing. */
#ifndef WEIR_BENCH_COMMON_H
#define WEIR_BENCH_COMMON_H
#include <stdint.h>
#include <stdio.h>

static uint32_t bench_state = 0x12345678u;

static inline uint32_t bench_random(void) {
    /* xorshift32: the same sequence on every engine. */
    bench_state ^= bench_state << 13;
    bench_state ^= bench_state >> 17;
    bench_state ^= bench_state << 5;
    return bench_state;
}

static inline void bench_print(const char *name, uint64_t checksum) {
    printf("%s checksum %llu\n", name, (unsigned long long)checksum);
}
#endif
