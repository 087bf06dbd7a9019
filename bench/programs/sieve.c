/* Sieve of Eratosthenes, repeated: byte-array loads and stores in tight loops. */
#include <string.h>
#include "common.h"
#define LIMIT 8000000
static unsigned char composite[LIMIT + 1];

int main(void) {
    uint64_t total = 0;
    for (int round = 0; round < 48; round++) {
        memset(composite, 0, sizeof composite);
        uint32_t count = 0;
        for (uint32_t i = 2; i <= LIMIT; i++) {
            if (!composite[i]) {
                count++;
                for (uint64_t j = (uint64_t)i * i; j <= LIMIT; j += i) composite[j] = 1;
            }
        }
        total += count + round;
    }
    bench_print("sieve", total);
    return 0;
}
