/* An open-addressing hash table: inserts, lookups and deletes with 64-bit keys. */
#include <string.h>
#include "common.h"
#define CAPACITY (1 << 21)
static uint64_t keys[CAPACITY];
static uint32_t values[CAPACITY];
static unsigned char used[CAPACITY];

static uint32_t slot_of(uint64_t key) { return (uint32_t)((key * 0x9E3779B97F4A7C15ull) >> 43); }

static void put(uint64_t key, uint32_t value) {
    uint32_t s = slot_of(key);
    while (used[s] && keys[s] != key) s = (s + 1) & (CAPACITY - 1);
    used[s] = 1; keys[s] = key; values[s] = value;
}

static int get(uint64_t key, uint32_t *value) {
    uint32_t s = slot_of(key);
    while (used[s]) { if (keys[s] == key) { *value = values[s]; return 1; } s = (s + 1) & (CAPACITY - 1); }
    return 0;
}

int main(void) {
    uint64_t checksum = 0;
    for (int round = 0; round < 18; round++) {
        memset(used, 0, sizeof used);
        uint32_t start = bench_state;
        for (uint32_t i = 0; i < CAPACITY / 2; i++) put(((uint64_t)bench_random() << 32) | i, i);
        bench_state = start;
        uint32_t found = 0, value;
        for (uint32_t i = 0; i < CAPACITY; i++) {
            /* Even lookups replay inserted keys (hits), odd ones are fresh (mostly misses). */
            uint64_t key = ((uint64_t)bench_random() << 32) | ((i / 2) & (CAPACITY / 2 - 1));
            if (i & 1) key ^= 0x8000000000000000ull;
            if (get(key, &value)) { found++; checksum += value; }
        }
        checksum = checksum * 13 + found;
    }
    bench_print("hashtable", checksum);
    return 0;
}
