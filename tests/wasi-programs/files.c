/*
 * Regular files in the preopened directory /sandbox: create, write, read, seek/tell, pread/pwrite,
 * truncate, allocate, append mode, sync, advise, rename, unlink, stat, timestamps, renumber and
 * dropping rights. Expects /sandbox to be empty and writable.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>
#include "check.h"
#include "wasi_raw.h"

static void print_file(const char *path) {
    FILE *file = fopen(path, "r");
    if (file == NULL) {
        printf("cannot open %s: %s\n", path, strerror(errno));
        check_failures++;
        return;
    }
    char line[256];
    while (fgets(line, sizeof line, file) != NULL) {
        printf("  | %s", line);
    }
    fclose(file);
}

static long long file_size(const char *path) {
    struct stat status;
    return stat(path, &status) == 0 ? (long long)status.st_size : -1;
}

int main(void) {
    /* Create and write with stdio, read back. */
    FILE *out = fopen("/sandbox/notes.txt", "w");
    check("fopen for writing creates the file", out != NULL);
    fprintf(out, "first line\nsecond line\n");
    fprintf(out, "number %d\n", 42);
    check_int("fclose flushes and closes", fclose(out), 0);
    check_int("the size is what was written", file_size("/sandbox/notes.txt"), 33);
    print_file("/sandbox/notes.txt");

    /* lseek (fd_seek) and fd_tell, reads at positions. */
    int fd = open("/sandbox/notes.txt", O_RDWR);
    check("open O_RDWR", fd >= 0);
    char buffer[64] = {0};
    check_int("read 5 bytes", read(fd, buffer, 5), 5);
    printf("read: [%s]\n", buffer);
    check_int("SEEK_CUR 0 reports the position", lseek(fd, 0, SEEK_CUR), 5);
    uint64_t told = 0;
    check_int("fd_tell succeeds", raw_fd_tell(fd, &told), 0);
    check_int("fd_tell matches the position", (long long)told, 5);
    check_int("SEEK_SET 11", lseek(fd, 11, SEEK_SET), 11);
    memset(buffer, 0, sizeof buffer);
    check_int("read the second line", read(fd, buffer, 12), 12);
    printf("read: [%s]", buffer);
    check_int("SEEK_END -3", lseek(fd, -3, SEEK_END), 30);
    check_int("SEEK_CUR -2", lseek(fd, -2, SEEK_CUR), 28);
    check_errno("seeking before the start is EINVAL", lseek(fd, -100, SEEK_CUR) < 0 ? errno : 0, EINVAL, -1);
    check_int("the failed seek kept the position", lseek(fd, 0, SEEK_CUR), 28);

    /* Overwrite in the middle, then pread/pwrite leave the position alone. */
    check_int("SEEK_SET 0", lseek(fd, 0, SEEK_SET), 0);
    check_int("overwrite 5 bytes", write(fd, "FIRST", 5), 5);
    check_int("pwrite at 11", pwrite(fd, "SECOND", 6, 11), 6);
    memset(buffer, 0, sizeof buffer);
    check_int("pread 11 bytes at 0", pread(fd, buffer, 11, 0), 11);
    printf("pread: [%s]", buffer);
    check_int("pread/pwrite did not move the position", lseek(fd, 0, SEEK_CUR), 5);
    check_int("pread at the end reads nothing", pread(fd, buffer, 10, 1000), 0);
    check_int("read at the end returns 0", (lseek(fd, 0, SEEK_END), read(fd, buffer, 10)), 0);

    /* Writing past the end leaves a hole of zeros. */
    check_int("pwrite past the end", pwrite(fd, "Z", 1, 40), 1);
    check_int("the file grew", file_size("/sandbox/notes.txt"), 41);
    memset(buffer, 0x55, sizeof buffer);
    check_int("read across the hole", pread(fd, buffer, 8, 33), 8);
    check("the hole reads as zeros", buffer[0] == 0 && buffer[6] == 0 && buffer[7] == 'Z');

    /* Truncation (fd_filestat_set_size) both ways, and fd_allocate. */
    check_int("ftruncate to 20", ftruncate(fd, 20), 0);
    check_int("size after shrinking", file_size("/sandbox/notes.txt"), 20);
    check_int("ftruncate to 100", ftruncate(fd, 100), 0);
    check_int("size after growing", file_size("/sandbox/notes.txt"), 100);
    check_int("pread in the grown part", pread(fd, buffer, 4, 50), 4);
    check("grown bytes are zero", buffer[0] == 0 && buffer[3] == 0);
    check_int("fd_allocate beyond the end", raw_fd_allocate(fd, 90, 60), 0);
    check_int("fd_allocate grew the file", file_size("/sandbox/notes.txt"), 150);
    check_int("fd_allocate inside the file", raw_fd_allocate(fd, 0, 10), 0);
    check_int("fd_allocate never shrinks", file_size("/sandbox/notes.txt"), 150);
    check_int("posix_fadvise", posix_fadvise(fd, 0, 100, POSIX_FADV_SEQUENTIAL), 0);
    check_errno("fd_advise with an unknown advice is EINVAL", raw_fd_advise(fd, 0, 100, 99), E_INVAL, -1);
    check_int("fsync", fsync(fd), 0);
    check_int("fdatasync", fdatasync(fd), 0);
    check_int("close", close(fd), 0);
    check_errno("read after close is EBADF", read(fd, buffer, 1) < 0 ? errno : 0, EBADF, -1);

    /* Append mode, from open and switched with fcntl (fd_fdstat_set_flags). */
    int log = open("/sandbox/log.txt", O_WRONLY | O_CREAT | O_APPEND, 0644);
    check("open O_APPEND|O_CREAT", log >= 0);
    check_int("append one", write(log, "one\n", 4), 4);
    check_int("seek to 0 does not matter for append", lseek(log, 0, SEEK_SET), 0);
    check_int("append two", write(log, "two\n", 4), 4);
    check("F_GETFL reports O_APPEND", (fcntl(log, F_GETFL) & O_APPEND) != 0);
    check_int("F_SETFL clears O_APPEND", fcntl(log, F_SETFL, 0), 0);
    if (strict()) {
        /* Node's uvwasi keeps reporting the flag after clearing it. */
        check("F_GETFL no longer reports O_APPEND", (fcntl(log, F_GETFL) & O_APPEND) == 0);
    }
    check_int("seek to 0", lseek(log, 0, SEEK_SET), 0);
    check_int("overwrite at 0", write(log, "ONE\n", 4), 4);
    check_int("F_SETFL sets O_APPEND again", fcntl(log, F_SETFL, O_APPEND), 0);
    check_int("append three", write(log, "three\n", 6), 6);
    close(log);
    print_file("/sandbox/log.txt");

    /* O_EXCL, O_TRUNC, opening what is not there. */
    check_errno("O_CREAT|O_EXCL on an existing file is EEXIST",
                open("/sandbox/log.txt", O_WRONLY | O_CREAT | O_EXCL, 0644) < 0 ? errno : 0, EEXIST, -1);
    check_errno("opening a missing file is ENOENT", open("/sandbox/missing.txt", O_RDONLY) < 0 ? errno : 0, ENOENT, -1);
    int truncated = open("/sandbox/log.txt", O_WRONLY | O_TRUNC);
    check("O_TRUNC opens", truncated >= 0);
    close(truncated);
    check_int("O_TRUNC emptied the file", file_size("/sandbox/log.txt"), 0);

    /* A large write and read back. */
    enum { BIG = 1 << 20 };
    static unsigned char big[BIG], back[BIG];
    for (int i = 0; i < BIG; i++) {
        big[i] = (unsigned char)(i * 7 + (i >> 8));
    }
    int bigfd = open("/sandbox/big.bin", O_RDWR | O_CREAT | O_TRUNC, 0644);
    size_t written = 0;
    while (written < BIG) {
        ssize_t count = write(bigfd, big + written, BIG - written);
        if (count <= 0) break;
        written += (size_t)count;
    }
    check_int("1 MiB written", (long long)written, BIG);
    size_t got = 0;
    while (got < BIG) {
        ssize_t count = pread(bigfd, back + got, BIG - got, (off_t)got);
        if (count <= 0) break;
        got += (size_t)count;
    }
    check_int("1 MiB read back", (long long)got, BIG);
    check("the bytes round-trip", memcmp(big, back, BIG) == 0);
    close(bigfd);

    /* Rename and unlink. */
    check_int("rename", rename("/sandbox/notes.txt", "/sandbox/renamed.txt"), 0);
    check_errno("the old name is gone", access("/sandbox/notes.txt", F_OK) < 0 ? errno : 0, ENOENT, -1);
    check_int("the new name has the size", file_size("/sandbox/renamed.txt"), 150);
    check_int("rename over an existing file replaces it", rename("/sandbox/renamed.txt", "/sandbox/big.bin"), 0);
    check_int("the replaced file has the renamed content", file_size("/sandbox/big.bin"), 150);
    check_int("unlink", unlink("/sandbox/big.bin"), 0);
    check_errno("unlink again is ENOENT", unlink("/sandbox/big.bin") < 0 ? errno : 0, ENOENT, -1);

    /* Timestamps: set exact values through the descriptor and through the path, read them back.
       Whole seconds, because Node's uvwasi drops the nanoseconds; the strict run checks those. */
    int stamped = open("/sandbox/stamped.txt", O_WRONLY | O_CREAT, 0644);
    struct timespec times[2] = {{1600000000, 0}, {1500000000, 0}};
    check_int("futimens", futimens(stamped, times), 0);
    struct stat status;
    check_int("fstat", fstat(stamped, &status), 0);
    printf("atime=%lld mtime=%lld\n", (long long)status.st_atim.tv_sec, (long long)status.st_mtim.tv_sec);
    check_int("path_filestat_set_times of mtime only", raw_path_filestat_set_times(3, 0, STR("stamped.txt"), 0, 1400000000000000000LL, 4), 0);
    check_int("stat", stat("/sandbox/stamped.txt", &status), 0);
    printf("atime=%lld mtime=%lld\n", (long long)status.st_atim.tv_sec, (long long)status.st_mtim.tv_sec);
    if (strict()) {
        check_int("fd_filestat_set_times with nanoseconds", raw_fd_filestat_set_times(stamped, 1600000000123456789LL, 1500000000987654321LL, 1 | 4), 0);
        uint8_t filestat[FILESTAT_SIZE];
        raw_fd_filestat_get(stamped, filestat);
        check_int("atime keeps its nanoseconds", (long long)*(uint64_t *)(filestat + FILESTAT_ATIM), 1600000000123456789LL);
        check_int("mtime keeps its nanoseconds", (long long)*(uint64_t *)(filestat + FILESTAT_MTIM), 1500000000987654321LL);
    }
    time_t before = time(NULL);
    /* Through the raw call: this wasi-libc's futimens(fd, NULL) and UTIME_NOW do not reach the host as "now". */
    check_int("fd_filestat_set_times with ATIM_NOW and MTIM_NOW", raw_fd_filestat_set_times(stamped, 0, 0, 2 | 8), 0);
    fstat(stamped, &status);
    check("the times are now", status.st_mtim.tv_sec >= before - 5 && status.st_mtim.tv_sec <= time(NULL) + 5
          && status.st_atim.tv_sec >= before - 5);
    check_int("fd_filestat_set_times back to a fixed time", raw_fd_filestat_set_times(stamped, 0, 1300000000000000000LL, 4), 0);
    check_int("fd_filestat_set_times with MTIM_NOW", raw_fd_filestat_set_times(stamped, 0, 0, 8), 0);
    fstat(stamped, &status);
    check("MTIM_NOW sets the current time", status.st_mtim.tv_sec >= before - 5 && status.st_mtim.tv_sec <= time(NULL) + 5);
    check_errno("fd_filestat_set_times with ATIM and ATIM_NOW is EINVAL", raw_fd_filestat_set_times(stamped, 0, 0, 1 | 2), E_INVAL, -1);

    /* fstat and stat agree; one link; a regular file. */
    struct stat by_path;
    stat("/sandbox/stamped.txt", &by_path);
    check("fstat and stat report the same inode", status.st_ino == by_path.st_ino && status.st_dev == by_path.st_dev);
    check_int("one link", (long long)status.st_nlink, 1);
    check("a regular file", S_ISREG(status.st_mode));
    close(stamped);

    /* fd_renumber moves a descriptor onto another one. */
    int first = open("/sandbox/first.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
    int second = open("/sandbox/second.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(first, "from first", 10);
    check_int("fd_renumber", raw_fd_renumber(first, second), 0);
    check_int("the target now has the moved file's position", lseek(second, 0, SEEK_CUR), 10);
    check_errno("the moved descriptor is closed", raw_fd_close(first), E_BADF, -1);
    check_errno("renumbering onto a closed descriptor is EBADF", raw_fd_renumber(second, 999), E_BADF, -1);
    memset(buffer, 0, sizeof buffer);
    pread(second, buffer, 10, 0);
    printf("renumbered reads: [%s]\n", buffer);
    close(second);

    /* Rights can only be dropped. */
    int limited = open("/sandbox/first.txt", O_RDWR);
    __wasi_fdstat_t fdstat;
    check_int("fd_fdstat_get", raw_fd_fdstat_get(limited, &fdstat), 0);
    check("a file descriptor reports a regular file", fdstat.fs_filetype == __WASI_FILETYPE_REGULAR_FILE);
    check("it may read and write", (fdstat.fs_rights_base & __WASI_RIGHTS_FD_READ) && (fdstat.fs_rights_base & __WASI_RIGHTS_FD_WRITE));
    check_int("dropping FD_WRITE", raw_fd_fdstat_set_rights(limited, (int64_t)(fdstat.fs_rights_base & ~__WASI_RIGHTS_FD_WRITE), (int64_t)fdstat.fs_rights_inheriting), 0);
    check_errno("writing without FD_WRITE fails", write(limited, "x", 1) < 0 ? errno : 0, EBADF, ENOTCAPABLE);
    check_int("reading still works", read(limited, buffer, 4), 4);
    check_errno("adding a right back is ENOTCAPABLE", raw_fd_fdstat_set_rights(limited, (int64_t)fdstat.fs_rights_base, (int64_t)fdstat.fs_rights_inheriting), E_NOTCAPABLE, -1);
    close(limited);

    check_errno("operations on an unknown descriptor are EBADF", raw_fd_close(12345), E_BADF, -1);
    return finish();
}
