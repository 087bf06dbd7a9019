/* Never ends on its own: `spin` loops, `spin sleep` sleeps in 10-second naps, `spin memory N`
   allocates N MiB at once and reports whether it got them. For --fuel, --timeout and --max-memory. */
#include <time.h>
#include "check.h"

int main(int argc, char **argv) {
    if (argc > 2 && strcmp(argv[1], "memory") == 0) {
        size_t mebibytes = (size_t)atoi(argv[2]);
        /* Volatile and written to, so the compiler cannot elide the allocation. */
        char *volatile block = malloc(mebibytes << 20);
        if (block != NULL) {
            block[0] = 1;
            block[(mebibytes << 20) - 1] = 1;
        }
        printf(block != NULL ? "allocated %zu MiB\n" : "could not allocate %zu MiB\n", mebibytes);
        return block != NULL ? 0 : 1;
    }
    printf("spinning\n");
    fflush(stdout);
    if (argc > 1 && strcmp(argv[1], "sleep") == 0) {
        for (;;) {
            struct timespec nap = {10, 0};
            nanosleep(&nap, NULL);
        }
    }
    volatile unsigned long counter = 0;
    for (;;) {
        counter++;
    }
}
