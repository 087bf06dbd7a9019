/* LZ77-style compression with a hash of 4-byte prefixes, then decompression and verification. */
#include <string.h>
#include "common.h"
#define INPUT_SIZE (4 << 20)
#define HASH_BITS 16
static unsigned char input[INPUT_SIZE], packed[INPUT_SIZE + INPUT_SIZE / 8 + 16], unpacked[INPUT_SIZE];
static int32_t table[1 << HASH_BITS];

static uint32_t hash4(const unsigned char *p) {
    uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
    return (v * 2654435761u) >> (32 - HASH_BITS);
}

static size_t compress(void) {
    size_t in = 0, out = 0;
    memset(table, -1, sizeof table);
    while (in + 4 < INPUT_SIZE) {
        uint32_t h = hash4(input + in);
        int32_t candidate = table[h];
        table[h] = (int32_t)in;
        size_t length = 0;
        if (candidate >= 0 && in - (size_t)candidate < 65535)
            while (length < 255 && in + length < INPUT_SIZE && input[candidate + length] == input[in + length]) length++;
        if (length >= 4) {
            size_t distance = in - (size_t)candidate;
            packed[out++] = 1; packed[out++] = (unsigned char)length;
            packed[out++] = (unsigned char)distance; packed[out++] = (unsigned char)(distance >> 8);
            in += length;
        } else {
            packed[out++] = 0; packed[out++] = input[in++];
        }
    }
    while (in < INPUT_SIZE) { packed[out++] = 0; packed[out++] = input[in++]; }
    return out;
}

static size_t decompress(size_t size) {
    size_t in = 0, out = 0;
    while (in < size) {
        if (packed[in] == 1) {
            size_t length = packed[in + 1], distance = packed[in + 2] | (size_t)packed[in + 3] << 8;
            for (size_t i = 0; i < length; i++, out++) unpacked[out] = unpacked[out - distance];
            in += 4;
        } else { unpacked[out++] = packed[in + 1]; in += 2; }
    }
    return out;
}

int main(void) {
    static const char *words[] = {"weir ", "wasm ", "filter ", "proxy ", "module ", "registry ", "gateway ", "\n"};
    size_t at = 0;
    while (at < INPUT_SIZE) {
        const char *word = words[bench_random() % 8];
        for (size_t i = 0; word[i] && at < INPUT_SIZE; i++) input[at++] = (unsigned char)word[i];
    }
    uint64_t checksum = 0;
    for (int round = 0; round < 72; round++) {
        input[round * 1000] ^= (unsigned char)round;
        size_t size = compress();
        size_t restored = decompress(size);
        checksum = checksum * 7 + size + (restored == INPUT_SIZE && memcmp(input, unpacked, INPUT_SIZE) == 0);
    }
    bench_print("lz", checksum);
    return 0;
}
