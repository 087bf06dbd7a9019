/*
 * Standard streams: reads all of stdin, reports its size, lines and a checksum, echoes it
 * upper-cased to stdout, writes a line to stderr, then exits with the code given as argv[1].
 */
#include <ctype.h>
#include <errno.h>
#include <unistd.h>
#include <wasi/api.h>
#include "check.h"
#include "wasi_raw.h"

int main(int argc, char **argv) {
    static char input[1 << 20];
    size_t length = 0;
    ssize_t count;
    while (length < sizeof input && (count = read(0, input + length, sizeof input - length)) > 0) {
        length += (size_t)count;
    }
    check("stdin reads to the end without error", count == 0 || length == sizeof input);

    unsigned long checksum = 5381;
    int lines = 0;
    for (size_t i = 0; i < length; i++) {
        checksum = checksum * 33 + (unsigned char)input[i];
        lines += input[i] == '\n';
    }
    printf("stdin: %zu bytes, %d lines, checksum %lu\n", length, lines, checksum);
    for (size_t i = 0; i < length; i++) {
        putchar(toupper((unsigned char)input[i]));
    }
    if (length > 0 && input[length - 1] != '\n') {
        putchar('\n');
    }
    check_int("read at the end of input returns 0 again", read(0, input, 16), 0);
    check_errno("writing to stdin is EBADF", write(0, "x", 1) < 0 ? errno : 0, EBADF, ENOTCAPABLE);
    check_errno("reading from stdout is EBADF", read(1, input, 1) < 0 ? errno : 0, EBADF, ENOTCAPABLE);

    if (strict()) {
        /* Node's uvwasi rejects descriptor subscriptions; at the end of input stdin is readable with 0 bytes. */
        __wasi_subscription_t subscription;
        __wasi_event_t event;
        int32_t events = 0;
        memset(&subscription, 0, sizeof subscription);
        subscription.userdata = 9;
        subscription.u.tag = __WASI_EVENTTYPE_FD_READ;
        subscription.u.u.fd_read.file_descriptor = 0;
        check_int("poll_oneoff on stdin", raw_poll_oneoff(&subscription, &event, 1, &events), 0);
        check("stdin at its end is ready with 0 bytes", events == 1 && event.userdata == 9 && event.error == 0 && event.fd_readwrite.nbytes == 0);
    }

    fprintf(stderr, "this line goes to stderr\n");
    int code = argc > 1 ? atoi(argv[1]) : 0;
    int failed = finish();
    return failed ? failed : code;
}
