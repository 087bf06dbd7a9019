/*
 * Hello from WASI: prints a greeting, its arguments and environment, and the files of each
 * directory it was given, with the first line of each file.
 *
 *   ./weir run --dir examples/hello/data::/data examples/hello/hello.wasm -- world
 *
 * Build: tests/wasi-programs/build.sh (clang --target=wasm32-wasi --sysroot=/usr -O2).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

extern char **environ;

static void show_directory(const char *path) {
    DIR *directory = opendir(path);
    if (directory == NULL) {
        printf("  cannot list %s\n", path);
        return;
    }
    struct dirent *entry;
    while ((entry = readdir(directory)) != NULL) {
        if (entry->d_name[0] == '.') {
            continue;
        }
        char file_path[512];
        snprintf(file_path, sizeof file_path, "%s/%s", path, entry->d_name);
        FILE *file = fopen(file_path, "r");
        char line[256] = "";
        if (file != NULL) {
            if (fgets(line, sizeof line, file) == NULL) {
                line[0] = 0;
            }
            fclose(file);
        }
        line[strcspn(line, "\n")] = 0;
        printf("  %s: %s\n", file_path, line);
    }
    closedir(directory);
}

int main(int argc, char **argv) {
    printf("Hello, %s!\n", argc > 1 ? argv[1] : "WebAssembly");

    printf("arguments (%d):\n", argc);
    for (int i = 0; i < argc; i++) {
        printf("  argv[%d] = %s\n", i, argv[i]);
    }

    printf("environment:\n");
    int variables = 0;
    for (char **variable = environ; *variable != NULL; variable++, variables++) {
        printf("  %s\n", *variable);
    }
    if (variables == 0) {
        printf("  (empty: nothing is inherited from the host; pass --env NAME=VALUE)\n");
    }

    printf("directories:\n");
    int directories = 0;
    for (__wasi_fd_t fd = 3;; fd++) {
        __wasi_prestat_t prestat;
        if (__wasi_fd_prestat_get(fd, &prestat) != __WASI_ERRNO_SUCCESS) {
            break;
        }
        char name[256] = {0};
        if (prestat.u.dir.pr_name_len >= sizeof name
            || __wasi_fd_prestat_dir_name(fd, (uint8_t *)name, prestat.u.dir.pr_name_len) != __WASI_ERRNO_SUCCESS) {
            continue;
        }
        printf(" %s\n", name);
        show_directory(name);
        directories++;
    }
    if (directories == 0) {
        printf("  (none: pass --dir HOST::GUEST to share one)\n");
    }
    return 0;
}
