/* Recursive Fibonacci: call-heavy, tests function entry cost. */
#include "common.h"

static uint32_t fib(uint32_t n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int main(void) {
    uint64_t sum = 0;
    for (uint32_t i = 0; i < 5; i++) sum += fib(38 + i);
    bench_print("fib", sum);
    return 0;
}
