/*
 * Self-checking test output. Every check prints one line, "ok   <label>" or "FAIL <label>: …",
 * so the output is identical on every correct runtime, and the program exits with 1 when anything
 * failed. Errno checks take the errno this repository's reference (wasi-testsuite conventions)
 * requires; with WASI_STRICT=1 in the environment only that errno passes, otherwise the
 * alternatives other runtimes use (Node's uvwasi answers NOTCAPABLE where the suite says PERM)
 * pass too. Sections that only a strict runtime can pass are guarded by strict().
 */
#ifndef CHECK_H
#define CHECK_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

static int check_failures = 0;

static inline int strict(void) {
    const char *value = getenv("WASI_STRICT");
    return value != NULL && strcmp(value, "1") == 0;
}

static inline void check(const char *label, int condition) {
    if (condition) {
        printf("ok   %s\n", label);
    } else {
        printf("FAIL %s\n", label);
        check_failures++;
    }
}

static inline void check_int(const char *label, long long got, long long want) {
    if (got == want) {
        printf("ok   %s\n", label);
    } else {
        printf("FAIL %s: got %lld, want %lld\n", label, got, want);
        check_failures++;
    }
}

/* want: the reference errno; alternative: also accepted unless strict (-1 for none). */
static inline void check_errno(const char *label, int got, int want, int alternative) {
    if (got == want || (!strict() && alternative >= 0 && got == alternative)) {
        printf("ok   %s\n", label);
    } else {
        printf("FAIL %s: errno %d, want %d\n", label, got, want);
        check_failures++;
    }
}

static inline int finish(void) {
    fflush(stdout);
    if (check_failures != 0) {
        fprintf(stderr, "%d check(s) failed\n", check_failures);
        return 1;
    }
    return 0;
}

#define STR(s) s, (int32_t)strlen(s)

/* WASI errno values used by the tests. */
enum {
    E_SUCCESS = 0, E_2BIG = 1, E_ACCES = 2, E_BADF = 8, E_BUSY = 10, E_EXIST = 20, E_FAULT = 21,
    E_ILSEQ = 25, E_INVAL = 28, E_ISDIR = 31, E_LOOP = 32, E_NAMETOOLONG = 37, E_NOBUFS = 42,
    E_NOENT = 44, E_NOSYS = 52, E_NOTDIR = 54, E_NOTEMPTY = 55, E_NOTSOCK = 57, E_NOTSUP = 58,
    E_PERM = 63, E_ROFS = 69, E_NOTCAPABLE = 76
};

#endif
