/*
 * Raw WASI imports with explicit (pointer, length) strings, so tests can pass exactly the bytes
 * they mean (embedded NUL, invalid UTF-8, short buffers) and reach functions wasi-libc does not
 * wrap (fd_renumber, fd_fdstat_set_rights, proc_raise, sock_*). Declared under their own C names
 * so they do not clash with wasi-libc's __wasi_* wrappers.
 */
#ifndef WASI_RAW_H
#define WASI_RAW_H
#include <stdint.h>

#define WASI_IMPORT(module, name) __attribute__((import_module(module), import_name(#name)))
#define P1(name) WASI_IMPORT("wasi_snapshot_preview1", name)

P1(path_open) int32_t raw_path_open(int32_t fd, int32_t lookup, const char *path, int32_t path_len, int32_t oflags, int64_t base, int64_t inheriting, int32_t fdflags, int32_t *opened);
P1(path_create_directory) int32_t raw_path_create_directory(int32_t fd, const char *path, int32_t path_len);
P1(path_remove_directory) int32_t raw_path_remove_directory(int32_t fd, const char *path, int32_t path_len);
P1(path_unlink_file) int32_t raw_path_unlink_file(int32_t fd, const char *path, int32_t path_len);
P1(path_symlink) int32_t raw_path_symlink(const char *target, int32_t target_len, int32_t fd, const char *path, int32_t path_len);
P1(path_readlink) int32_t raw_path_readlink(int32_t fd, const char *path, int32_t path_len, char *buf, int32_t buf_len, int32_t *used);
P1(path_rename) int32_t raw_path_rename(int32_t fd, const char *path, int32_t path_len, int32_t new_fd, const char *new_path, int32_t new_len);
P1(path_link) int32_t raw_path_link(int32_t fd, int32_t lookup, const char *path, int32_t path_len, int32_t new_fd, const char *new_path, int32_t new_len);
P1(path_filestat_get) int32_t raw_path_filestat_get(int32_t fd, int32_t lookup, const char *path, int32_t path_len, void *filestat);
P1(path_filestat_set_times) int32_t raw_path_filestat_set_times(int32_t fd, int32_t lookup, const char *path, int32_t path_len, int64_t atim, int64_t mtim, int32_t flags);
P1(fd_close) int32_t raw_fd_close(int32_t fd);
P1(fd_renumber) int32_t raw_fd_renumber(int32_t fd, int32_t to);
P1(fd_fdstat_get) int32_t raw_fd_fdstat_get(int32_t fd, void *fdstat);
P1(fd_fdstat_set_rights) int32_t raw_fd_fdstat_set_rights(int32_t fd, int64_t base, int64_t inheriting);
P1(fd_tell) int32_t raw_fd_tell(int32_t fd, uint64_t *offset);
P1(fd_seek) int32_t raw_fd_seek(int32_t fd, int64_t delta, int32_t whence, uint64_t *offset);
P1(fd_read) int32_t raw_fd_read(int32_t fd, const void *iovs, int32_t iovs_len, int32_t *nread);
P1(fd_write) int32_t raw_fd_write(int32_t fd, const void *iovs, int32_t iovs_len, int32_t *nwritten);
P1(fd_readdir) int32_t raw_fd_readdir(int32_t fd, void *buf, int32_t buf_len, int64_t cookie, int32_t *used);
P1(fd_prestat_get) int32_t raw_fd_prestat_get(int32_t fd, void *prestat);
P1(fd_prestat_dir_name) int32_t raw_fd_prestat_dir_name(int32_t fd, char *buf, int32_t buf_len);
P1(fd_filestat_get) int32_t raw_fd_filestat_get(int32_t fd, void *filestat);
P1(fd_filestat_set_times) int32_t raw_fd_filestat_set_times(int32_t fd, int64_t atim, int64_t mtim, int32_t flags);
P1(fd_allocate) int32_t raw_fd_allocate(int32_t fd, int64_t offset, int64_t len);
P1(fd_advise) int32_t raw_fd_advise(int32_t fd, int64_t offset, int64_t len, int32_t advice);
P1(poll_oneoff) int32_t raw_poll_oneoff(const void *in, void *out, int32_t nsubscriptions, int32_t *nevents);
P1(clock_time_get) int32_t raw_clock_time_get(int32_t id, int64_t precision, uint64_t *time);
P1(clock_res_get) int32_t raw_clock_res_get(int32_t id, uint64_t *resolution);
P1(random_get) int32_t raw_random_get(void *buf, int32_t len);
P1(args_sizes_get) int32_t raw_args_sizes_get(int32_t *argc, int32_t *buf_size);
P1(environ_sizes_get) int32_t raw_environ_sizes_get(int32_t *count, int32_t *buf_size);
P1(proc_raise) int32_t raw_proc_raise(int32_t signal);
P1(sched_yield) int32_t raw_sched_yield(void);
P1(sock_accept) int32_t raw_sock_accept(int32_t fd, int32_t flags, int32_t *accepted);
P1(sock_recv) int32_t raw_sock_recv(int32_t fd, const void *iovs, int32_t iovs_len, int32_t flags, int32_t *len, int32_t *oflags);
P1(sock_send) int32_t raw_sock_send(int32_t fd, const void *iovs, int32_t iovs_len, int32_t flags, int32_t *len);
P1(sock_shutdown) int32_t raw_sock_shutdown(int32_t fd, int32_t how);

/* Layout offsets (preview 1) used by the tests. */
#define FILESTAT_SIZE 64
#define FILESTAT_INO 8
#define FILESTAT_TYPE 16
#define FILESTAT_NLINK 24
#define FILESTAT_SIZE_FIELD 32
#define FILESTAT_ATIM 40
#define FILESTAT_MTIM 48

#endif
