/* SPDX-License-Identifier: MIT
 *
 * counters.c - counter groups on top of a cbench_counter_source: spec
 * parsing, opening what works, the "unavailable because ..." note, scaling
 * of multiplexed groups. The perf_event_open source itself lives in
 * counters_perf.c; folding totals into per-iteration values and the
 * derived ratios, which need no counters, in lib/model/counters.c.
 */
#include "model/result.h"
#include "perf/counters.h"
#include "allocs/allocs.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* perf ABI numbers (stable; counters_perf.c checks them against the
 * kernel header when it is available). T_ALLOC is no perf type: the
 * allocation interposer's tallies (allocs/allocs.h), config the field. */
enum { T_HW = 0, T_SW = 1, T_CACHE = 3, T_ALLOC = 0x7fffffff };

/* The interposer, when the executable links it (cbench_allocs_dep). */
#pragma weak cbench__allocs_count
#pragma weak cbench__allocs_read
#define L1D_READ_ACCESS 0x00000u  /* L1D | OP_READ << 8 | RESULT_ACCESS << 16 */
#define L1D_READ_MISS 0x10000u    /* L1D | OP_READ << 8 | RESULT_MISS << 16 */

/* The "auto" list, in opening order. context-switches happen inside the
 * kernel, so with exclude_kernel=1 they always read 0: it is opened with
 * kernel counting or not at all. */
static const cbench_counter_event events[] = {
    {"cycles", T_HW, 0, 0},
    {"instructions", T_HW, 1, 0},
    {"L1-dcache-loads", T_CACHE, L1D_READ_ACCESS, 0},
    {"L1-dcache-load-misses", T_CACHE, L1D_READ_MISS, 0},
    {"branches", T_HW, 4, 0},
    {"branch-misses", T_HW, 5, 0},
    {"task-clock", T_SW, 1, 0},
    {"page-faults", T_SW, 2, 0},
    {"context-switches", T_SW, 3, 1},
    /* not in "auto": the allocations of the timed region (spec
     * "allocations" selects all three) */
    {"allocs", T_ALLOC, 0, 0},
    {"alloc-bytes", T_ALLOC, 1, 0},
    {"frees", T_ALLOC, 2, 0},
};
#define N_EVENTS (sizeof events / sizeof events[0])

struct cbench_counters {
    const cbench_counter_source *src;
    int leader;                       /* -1 when no perf event opened */
    size_t n, n_perf;                 /* all events; those of the perf group */
    int fds[N_EVENTS];                /* -1 for allocation events */
    const cbench_counter_event *ev[N_EVENTS];
    uint64_t raw[N_EVENTS];           /* read buffer, no allocation in stop */
    int allocs;                       /* some allocation event is open */
};

/* Error messages go through the shared cbench__fail (model/result.h). */
#define set_err(err, errlen, ...) ((void)cbench__fail(err, errlen, 0, __VA_ARGS__))

static const cbench_counter_event *find_event(const char *name, size_t len)
{
    for (size_t i = 0; i < N_EVENTS; i++)
        if (strlen(events[i].name) == len && strncmp(events[i].name, name, len) == 0)
            return &events[i];
    return NULL;
}

static void valid_list(char *buf, size_t len)
{
    size_t used = (size_t)snprintf(buf, len, "auto, none, allocations");
    for (size_t i = 0; i < N_EVENTS && used < len; i++)
        used += (size_t)snprintf(buf + used, len - used, ", %s", events[i].name);
}

/* Parses spec into want[] (flags per event index). 0 or CBENCH_EINVAL. */
static int parse_spec(const char *spec, int want[N_EVENTS], char *err, size_t errlen)
{
    memset(want, 0, N_EVENTS * sizeof want[0]);
    if (spec == NULL || *spec == '\0' || strcmp(spec, "none") == 0)
        return 0;
    for (const char *p = spec;; p++) {
        size_t len = strcspn(p, ",");
        const char *s = p;
        while (len > 0 && (*s == ' ' || *s == '\t'))
            s++, len--;
        while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
            len--;
        int all = len == 4 && strncmp(s, "auto", 4) == 0;
        int allocations = len == 11 && strncmp(s, "allocations", 11) == 0;
        for (size_t i = 0; (all || allocations) && i < N_EVENTS; i++)
            want[i] |= (events[i].type == T_ALLOC) == allocations;
        const cbench_counter_event *ev = all || allocations ? NULL : find_event(s, len);
        if (ev == NULL && !all && !allocations) {
            char valid[512];
            valid_list(valid, sizeof valid);
            set_err(err, errlen, "--counters: unknown event '%.*s' in '%s' (valid: %s)",
                    (int)len, s, spec, valid);
            return CBENCH_EINVAL;
        }
        if (ev != NULL)
            want[ev - events] = 1;
        p += strcspn(p, ",");
        if (*p == '\0')
            break;
    }
    return 0;
}

/* {==================================================================
 * The note: one sentence naming unavailable events, grouped by reason.
 * =================================================================== */

/* have_pmu: some hardware event did open, so a missing one is a gap of
 * this CPU's PMU rather than no PMU at all. */
static void reason_for(int e, const cbench_counter_event *ev, int paranoid, int have_pmu,
                       char *buf, size_t len)
{
    char lvl[32] = "";
    if (paranoid != INT_MIN)
        snprintf(lvl, sizeof lvl, "=%d", paranoid);
    if ((e == ENOENT || e == EOPNOTSUPP || e == ENODEV) && have_pmu)
        snprintf(buf, len, "not supported by this CPU's PMU");
    else if (e == ENOENT || e == EOPNOTSUPP || e == ENODEV)
        snprintf(buf, len, "no hardware PMU (virtual machine?)");
    else if ((e == EACCES || e == EPERM) && ev->kernel_side)
        snprintf(buf, len, "perf_event_paranoid%s forbids counting in the kernel, "
                 "run: sudo sysctl kernel.perf_event_paranoid=1", lvl);
    else if (e == EACCES || e == EPERM)
        snprintf(buf, len, "perf_event_paranoid%s forbids perf_event_open for this user, "
                 "run: sudo sysctl kernel.perf_event_paranoid=1", lvl);
    else if (ev->type == T_ALLOC)
        snprintf(buf, len, "this executable does not link the allocation interposer: add "
                 "cbench_allocs_dep to its dependencies (meson; not in sanitizer builds)");
    else if (e == ENOSYS)
        snprintf(buf, len, "perf_event_open is not available: kernel without perf events, "
                 "or cbench built with -Dperf_counters=disabled");
    else
        snprintf(buf, len, "perf_event_open failed: %s", strerror(e));
}

/* Builds "perf counters unavailable: a, b (reason); c (reason)." from the
 * failed events. Returns NULL when nothing failed or on out of memory. */
static char *build_note(const cbench_counter_event **failed, const int *errs,
                        size_t n_failed, int paranoid, int have_pmu)
{
    char reasons[N_EVENTS][256];
    int done[N_EVENTS] = {0};
    size_t cap = 64 + n_failed * 320, used;
    char *note;
    if (n_failed == 0 || (note = malloc(cap)) == NULL)
        return NULL;
    for (size_t i = 0; i < n_failed; i++)
        reason_for(errs[i], failed[i], paranoid, have_pmu, reasons[i], sizeof reasons[i]);
    used = (size_t)snprintf(note, cap, "perf counters unavailable: ");
    for (size_t i = 0; i < n_failed; i++) {
        if (done[i])
            continue;
        const char *sep = "";
        for (size_t j = i; j < n_failed; j++) {
            if (done[j] || strcmp(reasons[i], reasons[j]) != 0)
                continue;
            used += (size_t)snprintf(note + used, cap - used, "%s%s", sep, failed[j]->name);
            sep = ", ";
            done[j] = 1;
        }
        used += (size_t)snprintf(note + used, cap - used, " (%s)%s", reasons[i], "; ");
    }
    snprintf(note + used - 2, cap - (used - 2), ".");
    return note;
}

/* {==================================================================
 * Opening, start/stop, close.
 * =================================================================== */

static int open_events(cbench_counters *c, const int want[N_EVENTS], char **note)
{
    const cbench_counter_event *failed[N_EVENTS];
    int errs[N_EVENTS];
    size_t n_failed = 0;
    for (size_t i = 0; i < N_EVENTS; i++) {
        if (!want[i])
            continue;
        if (events[i].type == T_ALLOC) {
            if (cbench__allocs_count == NULL || cbench__allocs_read == NULL) {
                failed[n_failed] = &events[i];
                errs[n_failed++] = ENOSYS;
                continue;
            }
            c->allocs = 1;
            c->fds[c->n] = -1;
            c->ev[c->n++] = &events[i];
            continue;
        }
        int fd = c->src->open(c->src->ctx, &events[i], c->leader);
        if (fd < 0) {
            failed[n_failed] = &events[i];
            errs[n_failed++] = -fd;
            continue;
        }
        if (c->leader < 0)
            c->leader = fd;
        c->n_perf++;
        c->fds[c->n] = fd;
        c->ev[c->n++] = &events[i];
    }
    if (note == NULL || n_failed == 0)
        return 0;
    int paranoid = c->src->paranoid ? c->src->paranoid(c->src->ctx) : INT_MIN;
    int have_pmu = 0;
    for (size_t i = 0; i < c->n; i++)
        have_pmu |= c->ev[i]->type != T_SW && c->ev[i]->type != T_ALLOC;
    *note = build_note(failed, errs, n_failed, paranoid, have_pmu);
    return *note == NULL ? CBENCH_ENOMEM : 0;
}

int cbench_counters_open_source(cbench_counters **out, const char *spec,
                                const cbench_counter_source *src, char **note,
                                char *err, size_t errlen)
{
    int want[N_EVENTS], rc;
    if (note != NULL)
        *note = NULL;
    if (out == NULL || src == NULL) {
        set_err(err, errlen, "counters: NULL argument");
        return CBENCH_EINVAL;
    }
    *out = NULL;
    if ((rc = parse_spec(spec, want, err, errlen)) < 0)
        return rc;
    cbench_counters *c = calloc(1, sizeof *c);
    if (c == NULL)
        return CBENCH_ENOMEM;
    c->src = src;
    c->leader = -1;
    if ((rc = open_events(c, want, note)) < 0) {
        cbench_counters_close(c);
        set_err(err, errlen, "counters: out of memory");
        return rc;
    }
    *out = c;
    return 0;
}

int cbench_counters_check(const char *spec, char *err, size_t errlen)
{
    int want[N_EVENTS];
    return parse_spec(spec, want, err, errlen);
}

int cbench_counters_open(cbench_counters **out, const char *spec, char **note,
                         char *err, size_t errlen)
{
    return cbench_counters_open_source(out, spec, cbench_counters_perf_source(),
                                       note, err, errlen);
}

size_t cbench_counters_count(const cbench_counters *c)
{
    return c ? c->n : 0;
}

const char *cbench_counters_name(const cbench_counters *c, size_t i)
{
    return c != NULL && i < c->n ? c->ev[i]->name : NULL;
}

void cbench_counters_start(cbench_counters *c)
{
    if (c != NULL && c->leader >= 0)
        c->src->start(c->src->ctx, c->leader);
    if (c != NULL && c->allocs)
        cbench__allocs_count(1);
}

double cbench_counters_scale(uint64_t raw, uint64_t enabled, uint64_t running)
{
    if (running == 0)
        return NAN;
    if (running == enabled)
        return (double)raw;
    return (double)raw * ((double)enabled / (double)running);
}

void cbench_counters_stop(cbench_counters *c, double *values)
{
    uint64_t enabled = 0, running = 0;
    cbench_alloc_tally t = {0, 0, 0};
    if (c == NULL)
        return;
    if (c->allocs) {
        cbench__allocs_count(0);
        cbench__allocs_read(&t);
    }
    int rc = 0;
    if (c->leader >= 0) {
        c->src->stop(c->src->ctx, c->leader);
        rc = c->src->read(c->src->ctx, c->leader, c->n_perf, c->raw, &enabled, &running);
    }
    const uint64_t tally[3] = {t.allocs, t.bytes, t.frees};
    for (size_t i = 0, k = 0; i < c->n; i++) {
        if (c->ev[i]->type == T_ALLOC)
            values[i] = (double)tally[c->ev[i]->config];
        else
            values[i] = rc < 0 ? NAN : cbench_counters_scale(c->raw[k++], enabled, running);
    }
}

void cbench_counters_close(cbench_counters *c)
{
    if (c == NULL)
        return;
    /* Siblings first, the leader last. */
    for (size_t i = c->n; i-- > 0;)
        if (c->fds[i] >= 0)
            c->src->close(c->src->ctx, c->fds[i]);
    free(c);
}
