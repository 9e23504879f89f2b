/* SPDX-License-Identifier: MIT
 *
 * counters_perf.c - the real cbench_counter_source: perf_event_open(2).
 * Events are counted for this thread (pid 0, any CPU), in user space only
 * (exclude_kernel, exclude_hv; see counters.c for context-switches), not
 * inherited by children, and read as one group with the enabled/running
 * times so multiplexing can be scaled out.
 */
#include "perf/counters.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>

#include "cbench_config.h"

#if CBENCH_HAVE_PERF
#include <linux/perf_event.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/* counters.c spells these numbers without the header. */
_Static_assert(PERF_TYPE_HARDWARE == 0 && PERF_TYPE_SOFTWARE == 1 &&
               PERF_TYPE_HW_CACHE == 3, "perf type ABI");
_Static_assert(PERF_COUNT_HW_CPU_CYCLES == 0 && PERF_COUNT_HW_INSTRUCTIONS == 1 &&
               PERF_COUNT_HW_BRANCH_INSTRUCTIONS == 4 && PERF_COUNT_HW_BRANCH_MISSES == 5,
               "perf hardware event ABI");
_Static_assert(PERF_COUNT_SW_TASK_CLOCK == 1 && PERF_COUNT_SW_PAGE_FAULTS == 2 &&
               PERF_COUNT_SW_CONTEXT_SWITCHES == 3, "perf software event ABI");
_Static_assert((PERF_COUNT_HW_CACHE_L1D | PERF_COUNT_HW_CACHE_OP_READ << 8 |
                PERF_COUNT_HW_CACHE_RESULT_MISS << 16) == 0x10000, "perf cache ABI");

static int perf_open(void *ctx, const cbench_counter_event *ev, int group_fd)
{
    struct perf_event_attr attr;
    (void)ctx;
    memset(&attr, 0, sizeof attr);
    attr.size = sizeof attr;
    attr.type = ev->type;
    attr.config = ev->config;
    attr.disabled = group_fd < 0;     /* siblings follow their leader */
    attr.exclude_kernel = !ev->kernel_side;
    attr.exclude_hv = 1;
    attr.read_format = PERF_FORMAT_GROUP | PERF_FORMAT_TOTAL_TIME_ENABLED |
                       PERF_FORMAT_TOTAL_TIME_RUNNING;
    long fd = syscall(SYS_perf_event_open, &attr, 0, -1, group_fd,
                      PERF_FLAG_FD_CLOEXEC);
    return fd < 0 ? -errno : (int)fd;
}

static void perf_start(void *ctx, int leader)
{
    (void)ctx;
    ioctl(leader, PERF_EVENT_IOC_RESET, PERF_IOC_FLAG_GROUP);
    ioctl(leader, PERF_EVENT_IOC_ENABLE, PERF_IOC_FLAG_GROUP);
}

static void perf_stop(void *ctx, int leader)
{
    (void)ctx;
    ioctl(leader, PERF_EVENT_IOC_DISABLE, PERF_IOC_FLAG_GROUP);
}

/* Group layout: nr, time_enabled, time_running, value[nr]. */
static int perf_read(void *ctx, int leader, size_t n, uint64_t *values,
                     uint64_t *enabled, uint64_t *running)
{
    uint64_t buf[3 + 16];
    (void)ctx;
    if (n > 16)
        return -EINVAL;
    ssize_t got = read(leader, buf, (3 + n) * sizeof buf[0]);
    if (got < 0)
        return -errno;
    if ((size_t)got < (3 + n) * sizeof buf[0] || buf[0] != n)
        return -EIO;
    *enabled = buf[1];
    *running = buf[2];
    memcpy(values, buf + 3, n * sizeof buf[0]);
    return 0;
}

static void perf_close(void *ctx, int fd)
{
    (void)ctx;
    close(fd);
}

static int perf_paranoid(void *ctx)
{
    int level = INT_MIN;
    FILE *f = fopen("/proc/sys/kernel/perf_event_paranoid", "r");
    (void)ctx;
    if (f == NULL)
        return INT_MIN;
    if (fscanf(f, "%d", &level) != 1)
        level = INT_MIN;
    fclose(f);
    return level;
}

#else /* !CBENCH_HAVE_PERF: every event is unavailable, with a reason. */

static int perf_open(void *ctx, const cbench_counter_event *ev, int group_fd)
{
    (void)ctx, (void)ev, (void)group_fd;
    return -ENOSYS;
}
static void perf_start(void *ctx, int leader) { (void)ctx, (void)leader; }
static void perf_stop(void *ctx, int leader) { (void)ctx, (void)leader; }
static int perf_read(void *ctx, int leader, size_t n, uint64_t *values,
                     uint64_t *enabled, uint64_t *running)
{
    (void)ctx, (void)leader, (void)n, (void)values, (void)enabled, (void)running;
    return -ENOSYS;
}
static void perf_close(void *ctx, int fd) { (void)ctx, (void)fd; }
static int perf_paranoid(void *ctx)
{
    (void)ctx;
    return INT_MIN;
}

#endif

static const cbench_counter_source perf_source = {
    perf_open, perf_start, perf_stop, perf_read, perf_close, perf_paranoid, NULL,
};

const cbench_counter_source *cbench_counters_perf_source(void)
{
    return &perf_source;
}
