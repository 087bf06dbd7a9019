/* argv and environ: what args_get/environ_get deliver, and that the sizes calls agree with them. */
#include "check.h"
#include "wasi_raw.h"

extern char **environ;

int main(int argc, char **argv) {
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++) {
        printf("argv[%d]=[%s]\n", i, argv[i]);
    }

    int count = 0;
    for (char **entry = environ; *entry != NULL; entry++) {
        printf("env[%d]=[%s]\n", count, *entry);
        count++;
    }

    const char *greeting = getenv("GREETING");
    printf("GREETING=%s\n", greeting ? greeting : "(unset)");
    printf("HOME=%s\n", getenv("HOME") ? getenv("HOME") : "(unset)");

    int32_t raw_argc = -1, raw_argv_size = -1, raw_env_count = -1, raw_env_size = -1;
    check_int("args_sizes_get succeeds", raw_args_sizes_get(&raw_argc, &raw_argv_size), 0);
    check_int("args_sizes_get count matches argc", raw_argc, argc);
    int32_t expected_size = 0;
    for (int i = 0; i < argc; i++) {
        expected_size += (int32_t)strlen(argv[i]) + 1;
    }
    check_int("args_sizes_get size is the sum of the strings with their NULs", raw_argv_size, expected_size);

    check_int("environ_sizes_get succeeds", raw_environ_sizes_get(&raw_env_count, &raw_env_size), 0);
    check_int("environ_sizes_get count matches environ", raw_env_count, count);
    expected_size = 0;
    for (char **entry = environ; *entry != NULL; entry++) {
        expected_size += (int32_t)strlen(*entry) + 1;
    }
    check_int("environ_sizes_get size matches environ", raw_env_size, expected_size);

    check_errno("args_sizes_get with a pointer past the memory is FAULT",
                raw_args_sizes_get((int32_t *)0xFFFFFFF0u, &raw_argv_size), E_FAULT, 61 /* Node: EOVERFLOW */);
    return finish();
}
