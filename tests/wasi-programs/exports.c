/* A reactor (no _start) exporting functions for weir run --invoke. */
#include <math.h>
#include "check.h"

static int initialized = 0;

__attribute__((constructor)) static void setup(void) { initialized = 1; }

__attribute__((export_name("add"))) int add(int a, int b) { return a + b; }

__attribute__((export_name("add64"))) long long add64(long long a, long long b) { return a + b; }

__attribute__((export_name("half"))) float half(float value) { return value / 2.0f; }

__attribute__((export_name("hypotenuse"))) double hypotenuse(double a, double b) { return sqrt(a * a + b * b); }

__attribute__((export_name("initialized"))) int was_initialized(void) { return initialized; }

__attribute__((export_name("greet"))) void greet(int times) {
    for (int i = 0; i < times; i++) {
        printf("hello from an export\n");
    }
    fflush(stdout);
}

__attribute__((export_name("quit"))) void quit(int code) { exit(code); }
