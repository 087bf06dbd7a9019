/*
 * Directories and links in the preopened directory /sandbox: mkdir/rmdir, listings (fd_readdir
 * with small buffers and cookies), stat of every kind of entry, rename of directories, symbolic
 * links (relative), hard links, and the errors for each misuse. Expects /sandbox to be empty.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>
#include "check.h"
#include "wasi_raw.h"

static void touch(const char *path, const char *content) {
    FILE *file = fopen(path, "w");
    if (file != NULL) {
        fputs(content, file);
        fclose(file);
    }
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static const char *type_name(unsigned char type) {
    switch (type) {
        case DT_DIR: return "dir";
        case DT_REG: return "file";
        case DT_LNK: return "symlink";
        default: return "other";
    }
}

/* Lists a directory with readdir, sorted, without "." and ".." (Node's uvwasi omits them). */
static void list(const char *path) {
    DIR *directory = opendir(path);
    if (directory == NULL) {
        printf("opendir %s: %s\n", path, strerror(errno));
        check_failures++;
        return;
    }
    char *names[64];
    int count = 0;
    struct dirent *entry;
    while ((entry = readdir(directory)) != NULL && count < 64) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0) {
            continue;
        }
        char *line = malloc(300);
        snprintf(line, 300, "%s (%s)", entry->d_name, type_name(entry->d_type));
        names[count++] = line;
    }
    closedir(directory);
    qsort(names, (size_t)count, sizeof names[0], compare_names);
    printf("%s:", path);
    for (int i = 0; i < count; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

/* Pages through a directory with raw fd_readdir and a tiny buffer, resuming from d_next cookies. */
static int list_with_cookies(int fd, int buffer_size, char names[][64], int max) {
    static unsigned char buffer[4096];
    uint64_t cookie = 0;
    int count = 0;
    for (int round = 0; round < 1000; round++) {
        int32_t used = 0;
        if (raw_fd_readdir(fd, buffer, buffer_size, (int64_t)cookie, &used) != 0) {
            return -1;
        }
        int offset = 0;
        int progressed = 0;
        while (offset + 24 <= used) {
            uint64_t next = *(uint64_t *)(buffer + offset);
            uint32_t length = *(uint32_t *)(buffer + offset + 16);
            if (offset + 24 + (int)length > used) {
                break; /* truncated record: ask again from its cookie */
            }
            if (count < max && length < 64) {
                memcpy(names[count], buffer + offset + 24, length);
                names[count][length] = 0;
                count++;
            }
            cookie = next;
            progressed = 1;
            offset += 24 + (int)length;
        }
        if (used < buffer_size) {
            return count;
        }
        if (!progressed) {
            return -2; /* the buffer cannot hold even one record */
        }
    }
    return count;
}

int main(void) {
    check_int("mkdir", mkdir("/sandbox/a", 0755), 0);
    check_int("mkdir nested", mkdir("/sandbox/a/b", 0755), 0);
    check_errno("mkdir of an existing directory is EEXIST", mkdir("/sandbox/a", 0755) < 0 ? errno : 0, EEXIST, -1);
    check_errno("mkdir under a missing parent is ENOENT", mkdir("/sandbox/missing/x", 0755) < 0 ? errno : 0, ENOENT, -1);
    touch("/sandbox/a/file.txt", "hello\n");
    touch("/sandbox/a/c1", "1");
    touch("/sandbox/a/c2", "2");
    touch("/sandbox/a/c3", "3");
    touch("/sandbox/top.txt", "top\n");
    check_errno("mkdir where a file is is EEXIST", mkdir("/sandbox/top.txt", 0755) < 0 ? errno : 0, EEXIST, -1);
    check_errno("mkdir under a file is ENOTDIR", mkdir("/sandbox/top.txt/x", 0755) < 0 ? errno : 0, ENOTDIR, -1);

    /* Symbolic links with relative targets, and a hard link. */
    check_int("symlink to a file", symlink("a/file.txt", "/sandbox/link-to-file"), 0);
    check_int("symlink to a directory", symlink("a", "/sandbox/link-to-dir"), 0);
    check_int("dangling symlink", symlink("nowhere", "/sandbox/dangling"), 0);
    check_errno("symlink over an existing name is EEXIST", symlink("a", "/sandbox/top.txt") < 0 ? errno : 0, EEXIST, -1);
    char target[64] = {0};
    check_int("readlink returns the target's length", readlink("/sandbox/link-to-file", target, sizeof target), 10);
    printf("readlink: [%s]\n", target);
    check_errno("readlink of a regular file is EINVAL", readlink("/sandbox/top.txt", target, sizeof target) < 0 ? errno : 0, EINVAL, -1);
    check_int("link", link("/sandbox/top.txt", "/sandbox/hard.txt"), 0);
    check_errno("link onto an existing name is EEXIST", link("/sandbox/top.txt", "/sandbox/hard.txt") < 0 ? errno : 0, EEXIST, -1);

    list("/sandbox");
    list("/sandbox/a");
    list("/sandbox/link-to-dir");

    /* stat follows links, lstat does not. */
    struct stat status, link_status, hard_status;
    check_int("stat through a symlink", stat("/sandbox/link-to-file", &status), 0);
    check("stat through a symlink sees the file", S_ISREG(status.st_mode) && status.st_size == 6);
    check_int("lstat of a symlink", lstat("/sandbox/link-to-file", &link_status), 0);
    check("lstat sees the symlink", S_ISLNK(link_status.st_mode));
    check_int("stat of a symlink to a directory", stat("/sandbox/link-to-dir", &status), 0);
    check("it is a directory", S_ISDIR(status.st_mode));
    check_errno("stat of a dangling symlink is ENOENT", stat("/sandbox/dangling", &status) < 0 ? errno : 0, ENOENT, -1);
    check_int("lstat of a dangling symlink", lstat("/sandbox/dangling", &status), 0);
    check_int("stat of the hard link", stat("/sandbox/hard.txt", &hard_status), 0);
    check_int("stat of the original", stat("/sandbox/top.txt", &status), 0);
    check("a hard link shares the inode", status.st_ino == hard_status.st_ino);
    check_int("two links", (long long)status.st_nlink, 2);
    check_errno("a trailing slash on a file is ENOTDIR", stat("/sandbox/top.txt/", &status) < 0 ? errno : 0, ENOTDIR, -1);
    check_int("a trailing slash on a directory is fine", stat("/sandbox/a/", &status), 0);
    check_int("dot-dot that stays inside is fine", stat("/sandbox/a/b/../file.txt", &status), 0);

    /* Open through links. */
    FILE *through = fopen("/sandbox/link-to-dir/file.txt", "r");
    char line[32] = {0};
    check("open through a symlinked directory", through != NULL && fgets(line, sizeof line, through) != NULL);
    printf("through the link: %s", line);
    if (through) fclose(through);
    check_errno("opendir of a file is ENOTDIR", opendir("/sandbox/top.txt") == NULL ? errno : 0, ENOTDIR, -1);
    if (strict()) {
        /* Node's uvwasi follows the final symlink in both cases. */
        check_errno("O_CREAT|O_EXCL on a dangling symlink is EEXIST",
                    open("/sandbox/dangling", O_WRONLY | O_CREAT | O_EXCL, 0644) < 0 ? errno : 0, EEXIST, -1);
        check_errno("the dangling link's target was not created", access("/sandbox/nowhere", F_OK) < 0 ? errno : 0, ENOENT, -1);
        check_errno("O_NOFOLLOW on a symlink is ELOOP", open("/sandbox/link-to-file", O_RDONLY | O_NOFOLLOW) < 0 ? errno : 0, ELOOP, -1);
    }

    /* Listings page correctly through tiny buffers. */
    int dirfd = open("/sandbox", O_RDONLY | O_DIRECTORY);
    check("open the preopen as a directory", dirfd >= 0);
    char full[32][64], paged[32][64];
    int full_count = list_with_cookies(dirfd, 4096, full, 32);
    int paged_count = list_with_cookies(dirfd, 40, paged, 32);
    check("a 40-byte buffer lists the same entries as a large one", full_count > 0 && full_count == paged_count
          && memcmp(full, paged, sizeof(full[0]) * (size_t)full_count) == 0);
    int with_dots = 0;
    for (int i = 0; i < full_count; i++) {
        with_dots += strcmp(full[i], ".") == 0 || strcmp(full[i], "..") == 0;
    }
    printf("entries besides . and ..: %d\n", full_count - with_dots);
    if (strict()) {
        check_int("the listing includes . and ..", with_dots, 2);
        uint8_t buffer[256], filestat[FILESTAT_SIZE];
        int32_t used = 0;
        raw_fd_readdir(dirfd, buffer, sizeof buffer, 0, &used);
        raw_fd_filestat_get(dirfd, filestat);
        check("the first entry is . with the directory's inode",
              buffer[24] == '.' && *(uint32_t *)(buffer + 16) == 1 && *(uint64_t *)(buffer + 8) == *(uint64_t *)(filestat + FILESTAT_INO));
        check_int("a cookie past the end reads nothing", (raw_fd_readdir(dirfd, buffer, sizeof buffer, 1000, &used), used), 0);

        /* Byte I/O on a directory descriptor fails: it has none of those rights. */
        __wasi_iovec_t vector = {buffer, sizeof buffer};
        int32_t count = 0;
        uint64_t offset = 0;
        check_errno("fd_read on a directory is EBADF", raw_fd_read(dirfd, &vector, 1, &count), E_BADF, -1);
        check_errno("fd_write on a directory is EBADF", raw_fd_write(dirfd, &vector, 1, &count), E_BADF, -1);
        check_errno("fd_seek on a directory is EBADF", raw_fd_seek(dirfd, 0, 0, &offset), E_BADF, -1);
        check_errno("fd_tell on a directory is EBADF", raw_fd_tell(dirfd, &offset), E_BADF, -1);
        check_errno("fd_allocate on a directory is EBADF", raw_fd_allocate(dirfd, 0, 10), E_BADF, -1);
        check_errno("ftruncate on a directory is EBADF", ftruncate(dirfd, 0) < 0 ? errno : 0, EBADF, -1);

        /* Without PATH_FILESTAT_SET_SIZE a directory cannot truncate what it opens, nor create without PATH_CREATE_FILE. */
        __wasi_fdstat_t fdstat;
        raw_fd_fdstat_get(dirfd, &fdstat);
        check_int("dropping PATH_FILESTAT_SET_SIZE and PATH_CREATE_FILE",
                  raw_fd_fdstat_set_rights(dirfd, (int64_t)(fdstat.fs_rights_base & ~(__WASI_RIGHTS_PATH_FILESTAT_SET_SIZE | __WASI_RIGHTS_PATH_CREATE_FILE)),
                                           (int64_t)fdstat.fs_rights_inheriting), 0);
        int32_t opened = -1;
        check_errno("O_TRUNC without PATH_FILESTAT_SET_SIZE is EPERM",
                    raw_path_open(dirfd, 1, STR("top.txt"), __WASI_OFLAGS_TRUNC, (int64_t)__WASI_RIGHTS_FD_WRITE, 0, 0, &opened), E_PERM, -1);
        check_errno("O_CREAT without PATH_CREATE_FILE is EPERM",
                    raw_path_open(dirfd, 1, STR("created.txt"), __WASI_OFLAGS_CREAT, (int64_t)__WASI_RIGHTS_FD_WRITE, 0, 0, &opened), E_PERM, -1);
        check_int("the file was not truncated", (stat("/sandbox/top.txt", &status), (int)status.st_size), 4);
        raw_fd_fdstat_get(dirfd, &fdstat);
        check_errno("dropping PATH_OPEN makes path_open EBADF",
                    (raw_fd_fdstat_set_rights(dirfd, (int64_t)(fdstat.fs_rights_base & ~__WASI_RIGHTS_PATH_OPEN), (int64_t)fdstat.fs_rights_inheriting),
                     raw_path_open(dirfd, 1, STR("top.txt"), 0, (int64_t)__WASI_RIGHTS_FD_READ, 0, 0, &opened)), E_BADF, -1);
    }
    close(dirfd);

    /* telldir/seekdir use the cookies. */
    DIR *directory = opendir("/sandbox/a");
    struct dirent *entry;
    long position = -1;
    char remembered[64] = {0};
    int index = 0;
    while ((entry = readdir(directory)) != NULL) {
        if (index == 1) {
            position = telldir(directory);
        }
        if (index == 2) {
            strcpy(remembered, entry->d_name);
        }
        index++;
    }
    seekdir(directory, position);
    entry = readdir(directory);
    check("seekdir returns to the entry after the remembered position", entry != NULL && strcmp(entry->d_name, remembered) == 0);
    closedir(directory);

    /* Removing. */
    check_errno("rmdir of a non-empty directory is ENOTEMPTY", rmdir("/sandbox/a") < 0 ? errno : 0, ENOTEMPTY, -1);
    check_errno("rmdir of a file is ENOTDIR", rmdir("/sandbox/top.txt") < 0 ? errno : 0, ENOTDIR, -1);
    check_errno("unlink of a directory is EISDIR", unlink("/sandbox/a/b") < 0 ? errno : 0, EISDIR, -1);
    check_errno("rmdir of a missing directory is ENOENT", rmdir("/sandbox/nothing") < 0 ? errno : 0, ENOENT, -1);
    check_int("unlink a symlink", unlink("/sandbox/link-to-file"), 0);
    check_int("the target survives", access("/sandbox/a/file.txt", F_OK), 0);
    check_int("unlink one hard link", unlink("/sandbox/hard.txt"), 0);
    check_int("the other name keeps the data", (stat("/sandbox/top.txt", &status), (int)status.st_size), 4);
    check_int("back to one link", (long long)status.st_nlink, 1);

    /* Renaming directories. */
    check_int("rename a directory", rename("/sandbox/a", "/sandbox/renamed"), 0);
    check_int("its content moved with it", access("/sandbox/renamed/b", F_OK), 0);
    check_int("mkdir an empty target", mkdir("/sandbox/empty", 0755), 0);
    check_int("rename a directory over an empty one", rename("/sandbox/renamed/b", "/sandbox/empty"), 0);
    check_int("mkdir a second", mkdir("/sandbox/full", 0755), 0);
    touch("/sandbox/full/x", "x");
    check_errno("rename over a non-empty directory is ENOTEMPTY", rename("/sandbox/empty", "/sandbox/full") < 0 ? errno : 0, ENOTEMPTY, EEXIST);
    check_errno("rename a file over a directory is EISDIR", rename("/sandbox/top.txt", "/sandbox/full") < 0 ? errno : 0, EISDIR, -1);
    check_errno("rename a directory over a file is ENOTDIR", rename("/sandbox/full", "/sandbox/top.txt") < 0 ? errno : 0, ENOTDIR, -1);
    check_errno("rename a directory into itself is EINVAL", rename("/sandbox/full", "/sandbox/full/inner") < 0 ? errno : 0, EINVAL, -1);
    check_errno("rename of a missing entry is ENOENT", rename("/sandbox/none", "/sandbox/other") < 0 ? errno : 0, ENOENT, -1);
    check_int("unlink the file in it", unlink("/sandbox/full/x"), 0);
    unlink("/sandbox/renamed/c1");
    unlink("/sandbox/renamed/c2");
    unlink("/sandbox/renamed/c3");
    check_int("rmdir now works", rmdir("/sandbox/full"), 0);
    list("/sandbox");
    list("/sandbox/renamed");
    return finish();
}
