/*
 * Exit codes: `exit_code N` prints to both streams and exits with N through exit() (libc flushes
 * stdout, then proc_exit); `exit_code return` returns 0 from main (so _start returns normally);
 * `exit_code raw N` calls proc_exit directly, skipping libc's flush of buffered output.
 */
#include <wasi/api.h>
#include "check.h"

static void deep(int depth, int code) {
    if (depth == 0) {
        exit(code);
    }
    deep(depth - 1, code);
    printf("not reached\n");
}

int main(int argc, char **argv) {
    printf("stdout before exiting\n");
    fprintf(stderr, "stderr before exiting\n");
    if (argc > 1 && strcmp(argv[1], "return") == 0) {
        return 0;
    }
    if (argc > 2 && strcmp(argv[1], "raw") == 0) {
        fflush(stdout);
        printf("buffered and lost\n");
        __wasi_proc_exit((uint32_t)atoi(argv[2]));
    }
    /* Exit from inside nested calls: proc_exit unwinds the whole guest stack. */
    deep(10, argc > 1 ? atoi(argv[1]) : 3);
    return 99;
}
