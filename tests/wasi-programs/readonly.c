/*
 * A read-only mount. Run with /ro preopened read-only (holding data.txt with "read-only data\n" and
 * an empty directory keep/) and /rw preopened read-write (empty). Everything that would change /ro
 * must fail: PERM for path calls, BADF for writes through descriptors. Node has no read-only
 * preopens, so this program runs on Weir only.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>
#include "check.h"
#include "wasi_raw.h"

static int find_preopen(const char *wanted) {
    for (int fd = 3; fd < 64; fd++) {
        __wasi_prestat_t prestat;
        if (raw_fd_prestat_get(fd, &prestat) != 0) break;
        char name[64] = {0};
        if (prestat.u.dir.pr_name_len < sizeof name && raw_fd_prestat_dir_name(fd, name, (int32_t)prestat.u.dir.pr_name_len) == 0
            && strcmp(name, wanted) == 0) {
            return fd;
        }
    }
    return -1;
}

int main(void) {
    int ro = find_preopen("/ro");
    int rw = find_preopen("/rw");
    check("both preopens are found", ro >= 0 && rw >= 0);

    /* Reading works. */
    FILE *file = fopen("/ro/data.txt", "r");
    char line[64] = {0};
    check("a file on the read-only mount can be read", file != NULL && fgets(line, sizeof line, file) != NULL);
    printf("read: %s", line);
    if (file) fclose(file);
    DIR *directory = opendir("/ro");
    check("the read-only mount can be listed", directory != NULL);
    if (directory) closedir(directory);
    struct stat status;
    check_int("stat works", stat("/ro/data.txt", &status), 0);

    /* The rights say read-only. */
    __wasi_fdstat_t fdstat;
    raw_fd_fdstat_get(ro, &fdstat);
    __wasi_rights_t mutating = __WASI_RIGHTS_PATH_CREATE_DIRECTORY | __WASI_RIGHTS_PATH_CREATE_FILE | __WASI_RIGHTS_PATH_UNLINK_FILE
        | __WASI_RIGHTS_PATH_REMOVE_DIRECTORY | __WASI_RIGHTS_PATH_RENAME_SOURCE | __WASI_RIGHTS_PATH_RENAME_TARGET | __WASI_RIGHTS_PATH_SYMLINK
        | __WASI_RIGHTS_PATH_LINK_SOURCE | __WASI_RIGHTS_PATH_LINK_TARGET | __WASI_RIGHTS_PATH_FILESTAT_SET_TIMES | __WASI_RIGHTS_FD_FILESTAT_SET_TIMES;
    check("the preopen has no mutating base rights", (fdstat.fs_rights_base & mutating) == 0);
    check("nor hands down write rights", (fdstat.fs_rights_inheriting & (__WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE)) == 0);
    check("but still hands down read rights", (fdstat.fs_rights_inheriting & __WASI_RIGHTS_FD_READ) != 0);

    /* libc masks its request with the inheriting rights, so O_RDWR opens a read-only descriptor. */
    int fd = open("/ro/data.txt", O_RDWR);
    check("O_RDWR opens, without write rights", fd >= 0);
    check_errno("write through it is EBADF", write(fd, "x", 1) < 0 ? errno : 0, EBADF, -1);
    check_errno("pwrite through it is EBADF", pwrite(fd, "x", 1, 0) < 0 ? errno : 0, EBADF, -1);
    check_errno("ftruncate through it is EBADF", ftruncate(fd, 0) < 0 ? errno : 0, EBADF, -1);
    check_errno("fd_allocate through it is EBADF", raw_fd_allocate(fd, 0, 100), E_BADF, -1);
    check_errno("fd_filestat_set_times through it is EBADF", raw_fd_filestat_set_times(fd, 0, 0, 2 | 8), E_BADF, -1);
    close(fd);

    int32_t opened = -1;
    check_errno("path_open asking for FD_WRITE is EPERM", raw_path_open(ro, 1, STR("data.txt"), 0, (int64_t)__WASI_RIGHTS_FD_WRITE, 0, 0, &opened), E_PERM, -1);
    check_errno("path_open with O_TRUNC is EPERM", raw_path_open(ro, 1, STR("data.txt"), __WASI_OFLAGS_TRUNC, (int64_t)__WASI_RIGHTS_FD_READ, 0, 0, &opened), E_PERM, -1);
    check_errno("path_open with O_CREAT is EPERM", raw_path_open(ro, 1, STR("new.txt"), __WASI_OFLAGS_CREAT, (int64_t)__WASI_RIGHTS_FD_READ, 0, 0, &opened), E_PERM, -1);
    check_errno("creating with libc fails", open("/ro/new.txt", O_WRONLY | O_CREAT, 0644) < 0 ? errno : 0, EPERM, -1);
    check_errno("mkdir is EPERM", raw_path_create_directory(ro, STR("newdir")), E_PERM, -1);
    check_errno("rmdir is EPERM", raw_path_remove_directory(ro, STR("keep")), E_PERM, -1);
    check_errno("unlink is EPERM", raw_path_unlink_file(ro, STR("data.txt")), E_PERM, -1);
    check_errno("rename within is EPERM", raw_path_rename(ro, STR("data.txt"), ro, STR("moved.txt")), E_PERM, -1);
    check_errno("symlink is EPERM", raw_path_symlink(STR("data.txt"), ro, STR("link")), E_PERM, -1);
    check_errno("link within is EPERM", raw_path_link(ro, 0, STR("data.txt"), ro, STR("hard")), E_PERM, -1);
    check_errno("set times by path is EPERM", raw_path_filestat_set_times(ro, 0, STR("data.txt"), 0, 0, 2 | 8), E_PERM, -1);
    check_errno("set times of the directory is EBADF", raw_fd_filestat_set_times(ro, 0, 0, 2 | 8), E_BADF, -1);

    /* Across mounts, both are checked. */
    check_errno("rename from read-only to read-write is EPERM", raw_path_rename(ro, STR("data.txt"), rw, STR("taken.txt")), E_PERM, -1);
    FILE *scratch = fopen("/rw/mine.txt", "w");
    fputs("mine\n", scratch);
    fclose(scratch);
    check_errno("rename from read-write into read-only is EPERM", raw_path_rename(rw, STR("mine.txt"), ro, STR("mine.txt")), E_PERM, -1);
    check_errno("hard link from read-only into read-write is EPERM", raw_path_link(ro, 0, STR("data.txt"), rw, STR("hard")), E_PERM, -1);
    check_errno("hard link from read-write into read-only is EPERM", raw_path_link(rw, 0, STR("mine.txt"), ro, STR("hard")), E_PERM, -1);

    /* A directory opened under the read-only mount is read-only too. */
    int keep = open("/ro/keep", O_RDONLY | O_DIRECTORY);
    check("a subdirectory opens", keep >= 0);
    check_errno("creating in it is EPERM", raw_path_open(keep, 1, STR("x"), __WASI_OFLAGS_CREAT, (int64_t)__WASI_RIGHTS_FD_READ, 0, 0, &opened), E_PERM, -1);
    close(keep);

    /* The read-write mount still works. */
    check_int("writing to the read-write mount works", mkdir("/rw/made", 0755), 0);
    check_int("and it is there", stat("/rw/made", &status), 0);
    return finish();
}
