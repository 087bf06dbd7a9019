/* Table-driven CRC-32 over a large buffer: byte loads and table lookups. */
#include "common.h"
#define SIZE (16 << 20)
static unsigned char data[SIZE];
static uint32_t table[256];

int main(void) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        table[i] = c;
    }
    for (int i = 0; i < SIZE; i++) data[i] = (unsigned char)bench_random();
    uint64_t checksum = 0;
    for (int round = 0; round < 36; round++) {
        uint32_t crc = 0xFFFFFFFFu;
        data[round] ^= 0x5A;
        for (int i = 0; i < SIZE; i++) crc = table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        checksum = checksum * 17 + (crc ^ 0xFFFFFFFFu);
    }
    bench_print("crc32", checksum);
    return 0;
}
