/* SPDX-License-Identifier: MIT
 *
 * counters.h - hardware and software event counters around each sample.
 *
 * One perf_event_open group per benchmark, user space only (exclude_kernel,
 * exclude_hv), read with PERF_FORMAT_GROUP | TOTAL_TIME_ENABLED |
 * TOTAL_TIME_RUNNING. When the kernel multiplexes the group, every value is
 * scaled by time_enabled / time_running (the group is either scheduled as a
 * whole or not at all, so one ratio serves all its members):
 *
 *     scaled = raw * enabled / running      (NaN when running == 0)
 *
 * Events that cannot be opened (no PMU in a VM, perf_event_paranoid) are
 * left out and named once in a human note; the rest are measured. The
 * syscalls sit behind a small source vtable so tests can script raw values.
 */
#ifndef CBENCH_PERF_COUNTERS_H
#define CBENCH_PERF_COUNTERS_H

#include <stddef.h>
#include <stdint.h>

#include "model/counters.h"
#include "model/result.h"

typedef struct cbench_counters cbench_counters;

/* What a source is asked to open: one of the events of the "auto" list. */
typedef struct cbench_counter_event {
    const char *name;         /* perf's name, e.g. "L1-dcache-load-misses" */
    uint32_t type;            /* PERF_TYPE_HARDWARE, _SOFTWARE, _HW_CACHE */
    uint64_t config;
    int kernel_side;          /* 1: only counts with exclude_kernel=0 */
} cbench_counter_event;

/* Where counts come from. The real one wraps perf_event_open; tests use a
 * fake that returns scripted values. All members are required except
 * paranoid (NULL: unknown level). */
typedef struct cbench_counter_source {
    /* Opens ev into the group led by group_fd (-1: ev becomes the leader,
     * created disabled). Returns an fd >= 0 or -errno. */
    int (*open)(void *ctx, const cbench_counter_event *ev, int group_fd);
    /* reset + enable (start) or disable (stop) the whole group. */
    void (*start)(void *ctx, int leader_fd);
    void (*stop)(void *ctx, int leader_fd);
    /* Reads the group: n values in opening order plus the group's times.
     * Returns 0, or -errno (the values are then reported as NaN). */
    int (*read)(void *ctx, int leader_fd, size_t n, uint64_t *values,
                uint64_t *time_enabled, uint64_t *time_running);
    void (*close)(void *ctx, int fd);
    int (*paranoid)(void *ctx); /* kernel.perf_event_paranoid, or INT_MIN */
    void *ctx;
} cbench_counter_source;

/* The perf_event_open source (every call fails with ENOSYS when cbench was
 * built without <linux/perf_event.h>). */
const cbench_counter_source *cbench_counters_perf_source(void);

/* Opens the counters named by spec with the real perf_event_open source.
 * spec: "auto" (cycles, instructions, L1-dcache-loads, L1-dcache-load-misses,
 * branches, branch-misses, task-clock, page-faults, context-switches),
 * "none" (or "" / NULL), or a comma list of those names.
 * On success returns 0 and *out holds the events that could be opened (maybe
 * none: start/stop are then no-ops); *note (if note != NULL) receives a
 * malloc'd sentence naming the events that are unavailable and why, or NULL
 * when everything opened. Returns CBENCH_EINVAL for a bad spec (err names the
 * bad event and lists the valid ones; *out is NULL) or CBENCH_ENOMEM. */
int cbench_counters_open(cbench_counters **out, const char *spec, char **note,
                         char *err, size_t errlen);
/* Whether spec is a valid counter list (what cbench_counters_open
 * accepts), so a bad --counters is a usage error before anything runs:
 * 0, or CBENCH_EINVAL with err naming the bad event and the valid ones. */
int cbench_counters_check(const char *spec, char *err, size_t errlen);

/* The same with an explicit source (tests; src must outlive the handle). */
int cbench_counters_open_source(cbench_counters **out, const char *spec,
                                const cbench_counter_source *src, char **note,
                                char *err, size_t errlen);

/* Number of opened events, and the name of the i-th one (static string). */
size_t cbench_counters_count(const cbench_counters *c);
const char *cbench_counters_name(const cbench_counters *c, size_t i);

/* Resets and enables the group (one ioctl each on the leader). NULL-safe;
 * a no-op without events. */
void cbench_counters_start(cbench_counters *c);
/* Disables and reads the group: values[i] (count() entries) receive the
 * scaled totals since start, NaN when the group never ran or the read
 * failed. */
void cbench_counters_stop(cbench_counters *c, double *values);
void cbench_counters_close(cbench_counters *c); /* NULL-safe */

/* Pure scaling rule (exposed for tests): raw * enabled / running, raw when
 * enabled == running, NaN when running == 0. */
double cbench_counters_scale(uint64_t raw, uint64_t enabled, uint64_t running);

#endif /* CBENCH_PERF_COUNTERS_H */
