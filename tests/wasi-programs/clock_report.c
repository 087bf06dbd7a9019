/*
 * Prints the clocks before and after a 5-second sleep, and 8 random bytes. Its output depends on the
 * host's clock and random source, so it is for hosts that supply deterministic ones (a virtual
 * clock, a seeded random source); it is not compared with Node.
 */
#include <time.h>
#include <wasi/api.h>
#include "check.h"
#include "wasi_raw.h"

static void report(const char *when) {
    uint64_t realtime = 0, monotonic = 0;
    raw_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &realtime);
    raw_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &monotonic);
    printf("%s: realtime %llu monotonic %llu\n", when, (unsigned long long)realtime, (unsigned long long)monotonic);
}

int main(void) {
    report("start");
    struct timespec nap = {5, 0};
    nanosleep(&nap, NULL);
    report("after sleeping 5 s");
    unsigned char bytes[8];
    raw_random_get(bytes, sizeof bytes);
    printf("random:");
    for (size_t i = 0; i < sizeof bytes; i++) {
        printf(" %02x", bytes[i]);
    }
    printf("\n");
    return 0;
}
