/*
 * Clocks, sleeping and poll_oneoff (clock and descriptor subscriptions), random_get and
 * sched_yield. Times vary from run to run, so only their properties are printed.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>
#include "check.h"
#include "wasi_raw.h"

static uint64_t monotonic_now(void) {
    uint64_t now = 0;
    raw_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &now);
    return now;
}

static __wasi_subscription_t clock_subscription(uint64_t userdata, __wasi_clockid_t clock, uint64_t timeout, int absolute) {
    __wasi_subscription_t subscription;
    memset(&subscription, 0, sizeof subscription);
    subscription.userdata = userdata;
    subscription.u.tag = __WASI_EVENTTYPE_CLOCK;
    subscription.u.u.clock.id = clock;
    subscription.u.u.clock.timeout = timeout;
    subscription.u.u.clock.precision = 1000;
    subscription.u.u.clock.flags = absolute ? __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME : 0;
    return subscription;
}

static __wasi_subscription_t descriptor_subscription(uint64_t userdata, __wasi_eventtype_t type, int fd) {
    __wasi_subscription_t subscription;
    memset(&subscription, 0, sizeof subscription);
    subscription.userdata = userdata;
    subscription.u.tag = type;
    if (type == __WASI_EVENTTYPE_FD_READ) {
        subscription.u.u.fd_read.file_descriptor = (uint32_t)fd;
    } else {
        subscription.u.u.fd_write.file_descriptor = (uint32_t)fd;
    }
    return subscription;
}

int main(void) {
    uint64_t resolution = 0;
    check_int("clock_res_get REALTIME", raw_clock_res_get(__WASI_CLOCKID_REALTIME, &resolution), 0);
    check("REALTIME resolution is positive and at most 1 ms", resolution > 0 && resolution <= 1000000);
    check_int("clock_res_get MONOTONIC", raw_clock_res_get(__WASI_CLOCKID_MONOTONIC, &resolution), 0);
    check("MONOTONIC resolution is positive and at most 1 ms", resolution > 0 && resolution <= 1000000);
    check_errno("clock_time_get of an unknown clock is EINVAL", raw_clock_time_get(99, 0, &resolution), E_INVAL, -1);
    check_errno("clock_res_get of an unknown clock is EINVAL", raw_clock_res_get(99, &resolution), E_INVAL, -1);
    if (strict()) {
        /* CPU-time clocks are not offered (Node's uvwasi offers them). */
        check_errno("PROCESS_CPUTIME is EINVAL", raw_clock_time_get(__WASI_CLOCKID_PROCESS_CPUTIME_ID, 0, &resolution), E_INVAL, -1);
    }

    uint64_t realtime = 0;
    check_int("clock_time_get REALTIME", raw_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &realtime), 0);
    check("REALTIME is after 2020", realtime > 1577836800ULL * 1000000000ULL);
    time_t seconds = time(NULL);
    check("time() agrees with REALTIME", seconds >= (time_t)(realtime / 1000000000ULL) && seconds - (time_t)(realtime / 1000000000ULL) < 5);

    uint64_t previous = monotonic_now();
    int backwards = 0;
    for (int i = 0; i < 10000; i++) {
        uint64_t now = monotonic_now();
        backwards |= now < previous;
        previous = now;
    }
    check("MONOTONIC never goes backwards", !backwards);

    uint64_t start = monotonic_now();
    struct timespec nap = {0, 30 * 1000 * 1000};
    check_int("nanosleep 30 ms", nanosleep(&nap, NULL), 0);
    check("nanosleep slept at least 30 ms", monotonic_now() - start >= 30ULL * 1000 * 1000);

    /* Two clocks: only the shorter fires. */
    __wasi_subscription_t subscriptions[3];
    __wasi_event_t events[3];
    int32_t count = 0;
    subscriptions[0] = clock_subscription(1, __WASI_CLOCKID_MONOTONIC, 20ULL * 1000 * 1000, 0);
    subscriptions[1] = clock_subscription(2, __WASI_CLOCKID_MONOTONIC, 10ULL * 1000 * 1000 * 1000, 0);
    start = monotonic_now();
    check_int("poll_oneoff with two clocks", raw_poll_oneoff(subscriptions, events, 2, &count), 0);
    uint64_t elapsed = monotonic_now() - start;
    check_int("one event", count, 1);
    check("it is the 20 ms clock", events[0].userdata == 1 && events[0].type == __WASI_EVENTTYPE_CLOCK && events[0].error == 0);
    check("it waited about 20 ms", elapsed >= 20ULL * 1000 * 1000 && elapsed < 5ULL * 1000 * 1000 * 1000);

    /* An absolute REALTIME deadline. */
    raw_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &realtime);
    subscriptions[0] = clock_subscription(7, __WASI_CLOCKID_REALTIME, realtime + 25ULL * 1000 * 1000, 1);
    start = monotonic_now();
    check_int("poll_oneoff with an absolute deadline", raw_poll_oneoff(subscriptions, events, 1, &count), 0);
    elapsed = monotonic_now() - start;
    check("the absolute clock fired", count == 1 && events[0].userdata == 7 && events[0].error == 0);
    check("it waited until the deadline", elapsed >= 15ULL * 1000 * 1000 && elapsed < 5ULL * 1000 * 1000 * 1000);

    if (strict()) {
        /* Node's uvwasi fails descriptor subscriptions (EPERM on a piped stdout) and does not
           report bad descriptors per event; these checks run on a strict runtime only.
           A descriptor that is ready ends the wait at once. */
        subscriptions[0] = clock_subscription(1, __WASI_CLOCKID_MONOTONIC, 10ULL * 1000 * 1000 * 1000, 0);
        subscriptions[1] = descriptor_subscription(2, __WASI_EVENTTYPE_FD_WRITE, 1);
        start = monotonic_now();
        check_int("poll_oneoff on stdout and a long clock", raw_poll_oneoff(subscriptions, events, 2, &count), 0);
        elapsed = monotonic_now() - start;
        check("only stdout is ready", count == 1 && events[0].userdata == 2 && events[0].type == __WASI_EVENTTYPE_FD_WRITE && events[0].error == 0);
        check("without waiting for the clock", elapsed < 5ULL * 1000 * 1000 * 1000);

        int file = open("/sandbox/poll.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
        write(file, "0123456789", 10);
        lseek(file, 4, SEEK_SET);
        subscriptions[0] = descriptor_subscription(5, __WASI_EVENTTYPE_FD_READ, file);
        subscriptions[1] = descriptor_subscription(6, __WASI_EVENTTYPE_FD_READ, 999);
        check_int("poll_oneoff on a file and a bad descriptor", raw_poll_oneoff(subscriptions, events, 2, &count), 0);
        check_int("both produce events", count, 2);
        check("the file is readable with the bytes left", events[0].userdata == 5 && events[0].error == 0 && events[0].fd_readwrite.nbytes == 6);
        check("the bad descriptor's event carries EBADF", events[1].userdata == 6 && events[1].error == E_BADF);
        close(file);
        check_errno("poll_oneoff without subscriptions is EINVAL", raw_poll_oneoff(subscriptions, events, 0, &count), E_INVAL, -1);
    }

    /* Randomness. */
    enum { BIG = 1 << 20 };
    static unsigned char big[BIG];
    check_int("random_get of 1 MiB", raw_random_get(big, BIG), 0);
    int zeros = 0;
    for (int i = 0; i < BIG; i++) {
        zeros += big[i] == 0;
    }
    check("the bytes look random", zeros > BIG / 512 && zeros < BIG / 128);
    unsigned char first[32], second[32];
    raw_random_get(first, sizeof first);
    raw_random_get(second, sizeof second);
    check("two draws differ", memcmp(first, second, sizeof first) != 0);
    check_int("getentropy", getentropy(first, sizeof first), 0);
    check_errno("random_get past the end of memory is FAULT", raw_random_get((void *)0xFFFFFFF0u, 64), E_FAULT, 61);

    check_int("sched_yield", sched_yield(), 0);
    return finish();
}
