/*
 * Escape attempts. The host prepares /sandbox (preopened) as:
 *   file.txt ("inside"), sub/inner.txt ("inner"), sublink -> sub,
 *   etc -> /etc, outside -> <absolute path of a directory next to the sandbox>,
 *   up -> ../outside/secret.txt, updir -> ..
 * and afterwards checks that nothing outside the sandbox changed. The reference answer for every
 * escape is PERM; without WASI_STRICT=1, NOTCAPABLE (what Node's uvwasi says) passes too. The
 * strict section holds attempts Node's uvwasi does not refuse (it follows symbolic links in the
 * middle of a path out of the sandbox), so it must never run under Node.
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <wasi/api.h>
#include "check.h"
#include "wasi_raw.h"

#define READ_RIGHTS ((int64_t)(__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_FILESTAT_GET))
#define WRITE_RIGHTS ((int64_t)(__WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK))

static int sandbox = -1;

static int open_errno(const char *path, int lookup, int oflags, int64_t rights) {
    int32_t fd = -1;
    int32_t result = raw_path_open(sandbox, lookup, path, (int32_t)strlen(path), oflags, rights, rights, 0, &fd);
    if (result == 0) {
        raw_fd_close(fd);
    }
    return result;
}

static void refused(const char *label, int result) {
    check_errno(label, result, E_PERM, E_NOTCAPABLE);
}

static void read_through(const char *label, const char *path) {
    int32_t fd = -1;
    char buffer[32] = {0};
    int ok = raw_path_open(sandbox, 1, STR(path), 0, READ_RIGHTS, 0, 0, &fd) == 0;
    if (ok) {
        __wasi_iovec_t vector = {(uint8_t *)buffer, sizeof buffer - 1};
        int32_t count = 0;
        ok = raw_fd_read(fd, &vector, 1, &count) == 0 && count > 0;
        raw_fd_close(fd);
    }
    check(label, ok);
    printf("     read: %s", buffer);
}

int main(void) {
    /* Find the preopen named /sandbox the way libc does. */
    for (int fd = 3; fd < 64; fd++) {
        __wasi_prestat_t prestat;
        if (raw_fd_prestat_get(fd, &prestat) != 0) break;
        char name[64] = {0};
        if (prestat.u.dir.pr_name_len < sizeof name && raw_fd_prestat_dir_name(fd, name, (int32_t)prestat.u.dir.pr_name_len) == 0
            && strcmp(name, "/sandbox") == 0) {
            sandbox = fd;
        }
    }
    check("the /sandbox preopen is found", sandbox >= 0);

    read_through("a plain file is readable", "file.txt");
    read_through("dot-dot that stays inside is allowed", "sub/../file.txt");
    read_through("a symbolic link that stays inside is followed", "sublink/inner.txt");

    /* Reading out. */
    refused("absolute path /etc/passwd", open_errno("/etc/passwd", 1, 0, READ_RIGHTS));
    refused("../ out of the sandbox", open_errno("../outside/secret.txt", 1, 0, READ_RIGHTS));
    refused("sub/../../ out of the sandbox", open_errno("sub/../../outside/secret.txt", 1, 0, READ_RIGHTS));
    refused("a symlink to /etc, followed", open_errno("etc", 1, __WASI_OFLAGS_DIRECTORY, READ_RIGHTS));
    refused("a relative symlink out, followed", open_errno("up", 1, 0, READ_RIGHTS));
    refused("a symlink to .., followed", open_errno("updir", 1, __WASI_OFLAGS_DIRECTORY, READ_RIGHTS));
    uint8_t filestat[FILESTAT_SIZE];
    refused("path_filestat_get out through ..", raw_path_filestat_get(sandbox, 1, STR("../outside/secret.txt"), filestat));
    refused("path_filestat_get through a symlink out", raw_path_filestat_get(sandbox, 1, STR("up"), filestat));
    char link_buffer[64];
    int32_t used = 0;
    refused("path_readlink out through ..", raw_path_readlink(sandbox, STR("../outside"), link_buffer, sizeof link_buffer, &used));
    errno = 0;
    FILE *passwd = fopen("/etc/passwd", "r");
    check_errno("libc refuses a path under no preopen", passwd == NULL ? errno : 0, ENOTCAPABLE, -1);

    /* Writing out. */
    refused("creating ../outside/new.txt", open_errno("../outside/new.txt", 1, __WASI_OFLAGS_CREAT, WRITE_RIGHTS));
    refused("creating an absolute path", open_errno("/tmp/weir-escape.txt", 1, __WASI_OFLAGS_CREAT, WRITE_RIGHTS));
    refused("truncating through ..", open_errno("../outside/secret.txt", 1, __WASI_OFLAGS_TRUNC, WRITE_RIGHTS));
    refused("mkdir ../escape", raw_path_create_directory(sandbox, STR("../escape")));
    refused("rmdir ../outside", raw_path_remove_directory(sandbox, STR("../outside")));
    refused("unlink ../outside/secret.txt", raw_path_unlink_file(sandbox, STR("../outside/secret.txt")));
    refused("rename into ../outside", raw_path_rename(sandbox, STR("file.txt"), sandbox, STR("../outside/moved.txt")));
    refused("rename from ../outside", raw_path_rename(sandbox, STR("../outside/secret.txt"), sandbox, STR("stolen.txt")));
    refused("hard link of ../outside/secret.txt", raw_path_link(sandbox, 0, STR("../outside/secret.txt"), sandbox, STR("stolen.txt")));
    refused("hard link to ../outside", raw_path_link(sandbox, 0, STR("file.txt"), sandbox, STR("../outside/planted.txt")));
    refused("set times through ..", raw_path_filestat_set_times(sandbox, 0, STR("../outside/secret.txt"), 0, 0, 2 | 8));
    refused("an absolute symlink is not created", raw_path_symlink(STR("/etc/passwd"), sandbox, STR("planted")));

    if (strict()) {
        check_errno("a symlink to /etc in the middle of a path", open_errno("etc/passwd", 1, 0, READ_RIGHTS), E_PERM, -1);
        check_errno("reading through an absolute symlink to a directory outside", open_errno("outside/secret.txt", 1, 0, READ_RIGHTS), E_PERM, -1);
        check_errno("truncating through an absolute symlink", open_errno("outside/secret.txt", 1, __WASI_OFLAGS_TRUNC, WRITE_RIGHTS), E_PERM, -1);
        check_errno("creating through an absolute symlink", open_errno("outside/new.txt", 1, __WASI_OFLAGS_CREAT, WRITE_RIGHTS), E_PERM, -1);
        check_errno("mkdir through an absolute symlink", raw_path_create_directory(sandbox, STR("outside/newdir")), E_PERM, -1);
        check_errno("unlink through an absolute symlink", raw_path_unlink_file(sandbox, STR("outside/secret.txt")), E_PERM, -1);
        check_errno("rename through a symlink to ..", raw_path_rename(sandbox, STR("file.txt"), sandbox, STR("updir/moved.txt")), E_PERM, -1);
        check_errno("set times through an absolute symlink", raw_path_filestat_set_times(sandbox, 1, STR("outside"), 0, 0, 2 | 8), E_PERM, -1);
        check_errno("a relative symlink that leads out is not created", raw_path_symlink(STR("../outside"), sandbox, STR("planted")), E_PERM, -1);
        check_errno("an escaping symlink not followed is ELOOP", open_errno("up", 0, 0, READ_RIGHTS), E_LOOP, -1);
        check_errno("a dangling escape stays refused when creating", open_errno("up", 1, __WASI_OFLAGS_CREAT, WRITE_RIGHTS), E_PERM, -1);
        check_int("a symlink loop, first link", raw_path_symlink(STR("loop2"), sandbox, STR("loop1")), 0);
        check_int("a symlink loop, second link", raw_path_symlink(STR("loop1"), sandbox, STR("loop2")), 0);
        check_errno("following a loop is ELOOP", open_errno("loop1", 1, 0, READ_RIGHTS), E_LOOP, -1);

        int32_t fd = -1;
        check_errno("a NUL byte in a path is EINVAL", raw_path_open(sandbox, 1, "file.txt\0", 9, 0, READ_RIGHTS, 0, 0, &fd), E_INVAL, -1);
        check_errno("a path that is not UTF-8 is EILSEQ", raw_path_open(sandbox, 1, "\xff\xfe", 2, 0, READ_RIGHTS, 0, 0, &fd), E_ILSEQ, -1);
        check_errno("an empty path is ENOENT", raw_path_open(sandbox, 1, "", 0, 0, READ_RIGHTS, 0, 0, &fd), E_NOENT, -1);
        check_errno("a trailing slash on a file is ENOTDIR", open_errno("file.txt/", 1, 0, READ_RIGHTS), E_NOTDIR, -1);
        check_errno("O_DIRECTORY with O_CREAT is EINVAL", open_errno("newdir", 1, __WASI_OFLAGS_DIRECTORY | __WASI_OFLAGS_CREAT, READ_RIGHTS), E_INVAL, -1);
        check_errno("opening a directory for writing is EISDIR", open_errno(".", 1, __WASI_OFLAGS_DIRECTORY, WRITE_RIGHTS), E_ISDIR, -1);
        check_errno("a path under a file descriptor is ENOTDIR", (raw_path_open(sandbox, 1, STR("file.txt"), 0, READ_RIGHTS, 0, 0, &fd),
                    raw_path_create_directory(fd, STR("x"))), E_NOTDIR, -1);
        raw_fd_close(fd);
        check_errno("a path pointer outside memory is EFAULT", raw_path_create_directory(sandbox, (const char *)0xFFFFFF00u, 200), E_FAULT, -1);
        char name[4];
        check_errno("a short buffer for the preopen name is ENAMETOOLONG", raw_fd_prestat_dir_name(sandbox, name, 3), E_NAMETOOLONG, -1);
        check_errno("fd_prestat_get of stdout is EBADF", raw_fd_prestat_get(1, name), E_BADF, -1);

        __wasi_fdstat_t fdstat;
        raw_fd_fdstat_get(sandbox, &fdstat);
        check("the preopen is a directory", fdstat.fs_filetype == __WASI_FILETYPE_DIRECTORY);
        check("its base rights open paths but do not read or write", (fdstat.fs_rights_base & __WASI_RIGHTS_PATH_OPEN)
              && !(fdstat.fs_rights_base & (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE)));
        check("it hands read and write down", (fdstat.fs_rights_inheriting & __WASI_RIGHTS_FD_READ) && (fdstat.fs_rights_inheriting & __WASI_RIGHTS_FD_WRITE));

        __wasi_ciovec_t vector = {(const uint8_t *)"x", 1};
        int32_t length = 0, flags = 0;
        check_errno("sock_send on stdout is ENOTSOCK", raw_sock_send(1, &vector, 1, 0, &length), E_NOTSOCK, -1);
        check_errno("sock_recv on a closed descriptor is EBADF", raw_sock_recv(999, &vector, 1, 0, &length, &flags), E_BADF, -1);
        check_errno("sock_shutdown on the preopen is ENOTSOCK", raw_sock_shutdown(sandbox, 3), E_NOTSOCK, -1);
        check_errno("sock_accept on stdin is ENOTSOCK", raw_sock_accept(0, 0, &fd), E_NOTSOCK, -1);
        check_errno("proc_raise is ENOSYS", raw_proc_raise(6), E_NOSYS, -1);
    }

    read_through("the file inside is still intact", "file.txt");
    return finish();
}
