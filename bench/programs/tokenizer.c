/* A JSON-like tokenizer over generated text: byte classification and branchy scanning. */
#include "common.h"
#define TEXT_SIZE (8 << 20)
static char text[TEXT_SIZE];

int main(void) {
    size_t at = 0;
    static const char *pieces[] = {"{\"name\": ", "\"weir\"", ", ", "[1, 2.5e3, -17]", "true", "null", "}", "\"esc\\\"aped\"", " 123456", "\n"};
    while (at < TEXT_SIZE - 32) {
        const char *piece = pieces[bench_random() % 10];
        for (size_t i = 0; piece[i]; i++) text[at++] = piece[i];
    }
    text[at] = 0;
    uint64_t counts[8] = {0};
    for (int round = 0; round < 48; round++) {
        const char *p = text;
        while (*p) {
            char c = *p;
            if (c == ' ' || c == '\n' || c == '\t' || c == ',' || c == ':') { p++; continue; }
            if (c == '{' || c == '}' || c == '[' || c == ']') { counts[0]++; p++; continue; }
            if (c == '"') {
                p++;
                while (*p && *p != '"') { if (*p == '\\' && p[1]) p++; p++; }
                if (*p) p++;
                counts[1]++;
                continue;
            }
            if (c == '-' || (c >= '0' && c <= '9')) {
                int64_t value = 0; int negative = c == '-';
                if (negative) p++;
                while ((*p >= '0' && *p <= '9') || *p == '.' || *p == 'e') { if (*p >= '0' && *p <= '9') value = value * 10 + (*p - '0'); p++; }
                counts[2] += (uint64_t)(negative ? -value : value);
                continue;
            }
            if (c >= 'a' && c <= 'z') { while (*p >= 'a' && *p <= 'z') p++; counts[3]++; continue; }
            counts[4]++; p++;
        }
    }
    bench_print("tokenizer", counts[0] * 3 + counts[1] * 5 + counts[2] + counts[3] * 7 + counts[4]);
    return 0;
}
