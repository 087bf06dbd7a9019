/* Traps inside nested calls (for weir run's trap report and exit code): `trap` hits unreachable,
   `trap divide` divides by zero. */
#include "check.h"

static volatile int zero = 0;
static volatile int seven = 7;

__attribute__((noinline)) static int divide(int a, int b) { return a / b; }

__attribute__((noinline)) static void crash_here(const char *how) {
    if (strcmp(how, "divide") == 0) {
        printf("%d\n", divide(seven, zero));
    }
    __builtin_trap();
}

__attribute__((noinline)) static void call_crash(const char *how) {
    crash_here(how);
    printf("not reached\n");
}

int main(int argc, char **argv) {
    printf("about to trap\n");
    fflush(stdout);
    call_crash(argc > 1 ? argv[1] : "unreachable");
    return 0;
}
