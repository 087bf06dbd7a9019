/*
 * wasi_unstable (snapshot 0), as older toolchains import it: the functions whose layouts differ from
 * preview 1 (fd_seek's whence numbering, the 56-byte filestat, the 56-byte subscription of
 * poll_oneoff) and a few shared ones. Runs with /sandbox preopened (empty, writable). Node binds
 * preview 1 layouts under this name, so this program runs on Weir only.
 */
#include <fcntl.h>
#include <unistd.h>
#include "check.h"

#define P0(name) __attribute__((import_module("wasi_unstable"), import_name(#name)))
P0(fd_seek) int32_t p0_fd_seek(int32_t fd, int64_t delta, int32_t whence, uint64_t *offset);
P0(fd_filestat_get) int32_t p0_fd_filestat_get(int32_t fd, void *filestat);
P0(path_filestat_get) int32_t p0_path_filestat_get(int32_t fd, int32_t lookup, const char *path, int32_t path_len, void *filestat);
P0(poll_oneoff) int32_t p0_poll_oneoff(const void *in, void *out, int32_t count, int32_t *events);
P0(fd_write) int32_t p0_fd_write(int32_t fd, const void *iovs, int32_t iovs_len, int32_t *written);
P0(fd_fdstat_get) int32_t p0_fd_fdstat_get(int32_t fd, void *fdstat);
P0(clock_time_get) int32_t p0_clock_time_get(int32_t id, int64_t precision, uint64_t *time);
P0(args_sizes_get) int32_t p0_args_sizes_get(int32_t *argc, int32_t *size);
P0(fd_prestat_get) int32_t p0_fd_prestat_get(int32_t fd, void *prestat);

enum { P0_WHENCE_CUR = 0, P0_WHENCE_END = 1, P0_WHENCE_SET = 2 };

int main(void) {
    const char *message = "written through wasi_unstable\n";
    struct { const void *buffer; uint32_t length; } vector = {message, (uint32_t)strlen(message)};
    int32_t written = 0;
    fflush(stdout);
    check_int("fd_write", p0_fd_write(1, &vector, 1, &written), 0);
    check_int("all bytes written", written, (int)strlen(message));

    int32_t argc = 0, size = 0;
    check_int("args_sizes_get", p0_args_sizes_get(&argc, &size), 0);
    check_int("one argument", argc, 1);
    uint8_t prestat[8];
    check_int("fd_prestat_get of the preopen", p0_fd_prestat_get(3, prestat), 0);

    int fd = open("/sandbox/data.bin", O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fd, "0123456789", 10);
    uint64_t offset = 99;
    check_int("seek with preview 0's SET (2)", p0_fd_seek(fd, 3, P0_WHENCE_SET, &offset), 0);
    check_int("is at 3", (long long)offset, 3);
    check_int("seek with preview 0's CUR (0)", p0_fd_seek(fd, 2, P0_WHENCE_CUR, &offset), 0);
    check_int("is at 5", (long long)offset, 5);
    check_int("seek with preview 0's END (1)", p0_fd_seek(fd, -1, P0_WHENCE_END, &offset), 0);
    check_int("is at 9", (long long)offset, 9);
    check_int("an unknown whence is EINVAL", p0_fd_seek(fd, 0, 3, &offset), E_INVAL);

    /* 56-byte filestat: nlink is a u32 at 20, size at 24, atim 32, mtim 40, ctim 48. */
    uint8_t filestat[64];
    memset(filestat, 0xAA, sizeof filestat);
    check_int("fd_filestat_get", p0_fd_filestat_get(fd, filestat), 0);
    check_int("filetype at 16 is a regular file", filestat[16], 4);
    check_int("nlink (u32 at 20)", *(uint32_t *)(filestat + 20), 1);
    check_int("size at 24", (long long)*(uint64_t *)(filestat + 24), 10);
    check("mtim at 40 is set", *(uint64_t *)(filestat + 40) > 1577836800ULL * 1000000000ULL);
    check("nothing is written past 56 bytes", filestat[56] == 0xAA && filestat[63] == 0xAA);
    memset(filestat, 0xAA, sizeof filestat);
    check_int("path_filestat_get", p0_path_filestat_get(3, 1, STR("data.bin"), filestat), 0);
    check_int("size at 24 by path", (long long)*(uint64_t *)(filestat + 24), 10);
    check("nothing is written past 56 bytes by path", filestat[56] == 0xAA);
    close(fd);

    uint8_t fdstat[24];
    check_int("fd_fdstat_get", p0_fd_fdstat_get(3, fdstat), 0);
    check("no right beyond bit 28 is reported", (*(uint64_t *)(fdstat + 16) >> 29) == 0);

    /* 56-byte subscription: userdata 0, tag 8, identifier 16, clock id 24, timeout 32, precision 40, flags 48. */
    uint8_t subscription[56];
    memset(subscription, 0, sizeof subscription);
    *(uint64_t *)subscription = 77;
    subscription[8] = 0;
    *(uint64_t *)(subscription + 16) = 12345;
    *(uint32_t *)(subscription + 24) = 1;
    *(uint64_t *)(subscription + 32) = 20ULL * 1000 * 1000;
    uint8_t event[32];
    int32_t events = 0;
    uint64_t before = 0, after = 0;
    p0_clock_time_get(1, 1, &before);
    check_int("poll_oneoff with a preview 0 clock subscription", p0_poll_oneoff(subscription, event, 1, &events), 0);
    p0_clock_time_get(1, 1, &after);
    check("it fired once with its userdata", events == 1 && *(uint64_t *)event == 77 && *(uint16_t *)(event + 8) == 0 && event[10] == 0);
    check("after the 20 ms timeout", after - before >= 20ULL * 1000 * 1000);
    return finish();
}
