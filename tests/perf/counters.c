/* SPDX-License-Identifier: MIT
 *
 * counters.c - the counter plumbing through a scripted fake source: spec
 * parsing, which events open, the note, group leadership, scaling of
 * multiplexed groups, per-iteration folding and derived ratios, exactly.
 */
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "perf/counters.h"

/* A fake perf: events named in 'fail' fail with 'fail_errno'; reads return
 * raw[] and the times below; every call is recorded. */
typedef struct fake {
    const char *fail[16];
    int fail_errno[16];
    int paranoid;
    uint64_t raw[16], enabled, running;
    int read_rc;
    int next_fd, group_fds[16], n_open, n_start, n_stop, n_close, last_leader;
} fake;

static int fake_errno_for(const fake *f, const char *name)
{
    for (int i = 0; i < 16 && f->fail[i] != NULL; i++)
        if (strcmp(f->fail[i], name) == 0)
            return f->fail_errno[i];
    return 0;
}

static int fake_open(void *ctx, const cbench_counter_event *ev, int group_fd)
{
    fake *f = ctx;
    int e = fake_errno_for(f, ev->name);
    if (e)
        return -e;
    f->group_fds[f->n_open++] = group_fd;
    return f->next_fd++;
}
static void fake_start(void *ctx, int leader)
{
    ((fake *)ctx)->n_start++;
    ((fake *)ctx)->last_leader = leader;
}
static void fake_stop(void *ctx, int leader)
{
    ((fake *)ctx)->n_stop++;
    ((fake *)ctx)->last_leader = leader;
}
static int fake_read(void *ctx, int leader, size_t n, uint64_t *values,
                     uint64_t *enabled, uint64_t *running)
{
    fake *f = ctx;
    (void)leader;
    memcpy(values, f->raw, n * sizeof *values);
    *enabled = f->enabled;
    *running = f->running;
    return f->read_rc;
}
static void fake_close(void *ctx, int fd)
{
    (void)fd;
    ((fake *)ctx)->n_close++;
}
static int fake_paranoid(void *ctx)
{
    return ((fake *)ctx)->paranoid;
}

static cbench_counter_source source_of(fake *f)
{
    cbench_counter_source s = {fake_open, fake_start, fake_stop, fake_read,
                               fake_close, fake_paranoid, f};
    f->next_fd = 100;
    return s;
}

static void test_spec_errors(void)
{
    fake f = {0};
    cbench_counter_source s = source_of(&f);
    cbench_counters *c = (cbench_counters *)&f;
    char err[600] = "";
    CHECK_INT_EQ(cbench_counters_open_source(&c, "cycles,bogus", &s, NULL, err, sizeof err),
                 CBENCH_EINVAL);
    CHECK(c == NULL);
    CHECK(strstr(err, "'bogus'") != NULL);
    CHECK(strstr(err, "L1-dcache-load-misses") != NULL);
    CHECK(strstr(err, "auto, none") != NULL);
    CHECK_INT_EQ(f.n_open, 0);
    CHECK_INT_EQ(cbench_counters_open_source(&c, "cycles,", &s, NULL, err, sizeof err),
                 CBENCH_EINVAL);  /* empty name */
}

static void test_none_is_empty(void)
{
    fake f = {0};
    cbench_counter_source s = source_of(&f);
    cbench_counters *c = NULL;
    char *note = (char *)"x";
    double v[1] = {42};
    CHECK_INT_EQ(cbench_counters_open_source(&c, "none", &s, &note, NULL, 0), 0);
    CHECK(c != NULL);
    CHECK(note == NULL);
    CHECK_INT_EQ(cbench_counters_count(c), 0);
    cbench_counters_start(c);
    cbench_counters_stop(c, v);
    CHECK_INT_EQ(f.n_start + f.n_stop + f.n_open, 0);
    CHECK(v[0] == 42);
    cbench_counters_close(c);
    cbench_counters_close(NULL);
}

/* The VM case: hardware ENOENT, context-switches EACCES (paranoid 2). */
static void test_auto_on_vm(void)
{
    fake f = {.fail = {"cycles", "instructions", "L1-dcache-loads", "L1-dcache-load-misses",
                       "branches", "branch-misses", "context-switches"},
              .fail_errno = {ENOENT, ENOENT, EOPNOTSUPP, ENOENT, ENOENT, ENOENT, EACCES},
              .paranoid = 2};
    cbench_counter_source s = source_of(&f);
    cbench_counters *c = NULL;
    char *note = NULL;
    CHECK_INT_EQ(cbench_counters_open_source(&c, "auto", &s, &note, NULL, 0), 0);
    CHECK_INT_EQ(cbench_counters_count(c), 2);
    CHECK_STR_EQ(cbench_counters_name(c, 0), "task-clock");
    CHECK_STR_EQ(cbench_counters_name(c, 1), "page-faults");
    CHECK(cbench_counters_name(c, 2) == NULL);
    /* The first event that opens leads; the next joins its group. */
    CHECK_INT_EQ(f.group_fds[0], -1);
    CHECK_INT_EQ(f.group_fds[1], 100);
    CHECK_STR_EQ(note, "perf counters unavailable: cycles, instructions, L1-dcache-loads, "
                       "L1-dcache-load-misses, branches, branch-misses (no hardware PMU "
                       "(virtual machine?)); context-switches (perf_event_paranoid=2 forbids "
                       "counting in the kernel, run: sudo sysctl "
                       "kernel.perf_event_paranoid=1).");
    free(note);
    cbench_counters_close(c);
    CHECK_INT_EQ(f.n_close, 2);
}

static void test_paranoid_blocks_all(void)
{
    fake f = {.fail = {"cycles", "task-clock"}, .fail_errno = {EACCES, EPERM}, .paranoid = 3};
    cbench_counter_source s = source_of(&f);
    cbench_counters *c = NULL;
    char *note = NULL;
    CHECK_INT_EQ(cbench_counters_open_source(&c, " cycles , task-clock", &s, &note, NULL, 0), 0);
    CHECK_INT_EQ(cbench_counters_count(c), 0);
    CHECK_STR_EQ(note, "perf counters unavailable: cycles, task-clock (perf_event_paranoid=3 "
                       "forbids perf_event_open for this user, run: sudo sysctl "
                       "kernel.perf_event_paranoid=1).");
    free(note);
    cbench_counters_close(c);
}

/* A PMU without L1 cache events (some CPUs): a gap, not "no PMU". */
static void test_partial_pmu(void)
{
    fake f = {.fail = {"L1-dcache-loads", "L1-dcache-load-misses"},
              .fail_errno = {ENOENT, EOPNOTSUPP}, .paranoid = 1};
    cbench_counter_source s = source_of(&f);
    cbench_counters *c = NULL;
    char *note = NULL;
    CHECK_INT_EQ(cbench_counters_open_source(&c, "auto", &s, &note, NULL, 0), 0);
    CHECK_INT_EQ(cbench_counters_count(c), 7);
    CHECK_STR_EQ(cbench_counters_name(c, 2), "branches");
    for (int i = 1; i < 7; i++)
        CHECK_INT_EQ(f.group_fds[i], 100);           /* one group */
    CHECK_STR_EQ(note, "perf counters unavailable: L1-dcache-loads, L1-dcache-load-misses "
                       "(not supported by this CPU's PMU).");
    free(note);
    cbench_counters_close(c);
    CHECK_INT_EQ(f.n_close, 7);
}

/* Multiplexed group: every value scales by enabled/running. */
static void test_scaling(void)
{
    fake f = {.raw = {1000, 2500, 400, 7}, .enabled = 3000, .running = 1000};
    cbench_counter_source s = source_of(&f);
    cbench_counters *c = NULL;
    double v[4];
    CHECK_INT_EQ(cbench_counters_open_source(&c, "cycles,instructions,L1-dcache-loads,"
                                                 "L1-dcache-load-misses", &s, NULL, NULL, 0), 0);
    CHECK_INT_EQ(cbench_counters_count(c), 4);
    cbench_counters_start(c);
    cbench_counters_stop(c, v);
    CHECK_INT_EQ(f.n_start, 1);
    CHECK_INT_EQ(f.n_stop, 1);
    CHECK_INT_EQ(f.last_leader, 100);
    CHECK(v[0] == 3000.0 && v[1] == 7500.0 && v[2] == 1200.0 && v[3] == 21.0);
    f.running = f.enabled = 5;                       /* not multiplexed: raw */
    cbench_counters_stop(c, v);
    CHECK(v[0] == 1000.0 && v[3] == 7.0);
    f.running = 0;                                   /* never scheduled */
    cbench_counters_stop(c, v);
    CHECK(isnan(v[0]) && isnan(v[3]));
    f.running = 5, f.read_rc = -EIO;                 /* read failed */
    cbench_counters_stop(c, v);
    CHECK(isnan(v[1]));
    cbench_counters_close(c);
    CHECK_NEAR(cbench_counters_scale(3, 4, 3), 4.0, 0);
    CHECK(cbench_counters_scale(UINT64_C(1) << 60, 7, 7) == 1152921504606846976.0);
}

static void test_summarize_and_derive(void)
{
    const char *names[] = {"cycles", "instructions", "L1-dcache-loads", "L1-dcache-load-misses"};
    /* 3 samples x 4 counters; sample 1 has a NaN (unscheduled) cycles. */
    const double totals[] = {
        400, 1000, 300, 30,
        NAN, 2000, 600, 90,
        1600, 4000, 1200, 60,
    };
    const double iters[] = {10, 20, 40};
    cbench_result r;
    cbench_counter_derived d;
    memset(&r, 0, sizeof r);
    cbench_counters_summarize(names, 4, totals, iters, 3, &r);
    CHECK_INT_EQ(r.n_counters, 4);
    CHECK_STR_EQ(r.counters[0].name, "cycles");
    CHECK(r.counters[0].per_iter == 40.0);                 /* (40 + 40) / 2 */
    CHECK(r.counters[1].per_iter == 100.0);                /* 100, 100, 100 */
    CHECK(r.counters[2].per_iter == 30.0);
    CHECK(r.counters[3].per_iter == (3.0 + 4.5 + 1.5) / 3);
    CHECK(isnan(r.counters[0].base_per_iter) && r.counters[0].exact == 0);
    cbench_counters_derive(r.counters, r.n_counters, 0, &d);
    CHECK(d.ipc == 2.5);
    CHECK(d.l1_miss_rate == 0.1);
    CHECK(isnan(d.branch_miss_rate));                      /* inputs absent */
    cbench_counters_derive(r.counters, r.n_counters, 1, &d);
    CHECK(isnan(d.ipc));                                   /* no baseline */
    CHECK(cbench_counters_find(r.counters, r.n_counters, "instructions") == &r.counters[1]);
    CHECK(cbench_counters_find(r.counters, r.n_counters, "nope") == NULL);
}

static void test_summarize_edges(void)
{
    const char *names[] = {"a", "b"};
    const double totals[] = {NAN, 5, NAN, 6};
    const double iters[] = {1, 0};                          /* iters 0 is skipped */
    cbench_result r;
    memset(&r, 0, sizeof r);
    r.n_counters = CBENCH_MAX_COUNTERS - 1;
    cbench_counters_summarize(names, 2, totals, iters, 2, &r);
    CHECK_INT_EQ(r.n_counters, CBENCH_MAX_COUNTERS);        /* capped, no overflow */
    CHECK(isnan(r.counters[CBENCH_MAX_COUNTERS - 1].per_iter));
    memset(&r, 0, sizeof r);
    cbench_counters_summarize(names, 2, totals, iters, 2, &r);
    CHECK(r.counters[1].per_iter == 5.0);
    cbench_counters_summarize(names, 2, totals, iters, 0, &r);
    CHECK(isnan(r.counters[2].per_iter));                   /* no samples */
}

/* "auto" leaves the allocation counters out; "allocations" asks for all
 * three, which this test binary (no interposer linked) cannot give: they
 * are named once with the remedy, and the perf events still open. */
static void test_allocations_without_interposer(void)
{
    fake f = {.paranoid = 1};
    cbench_counter_source s = source_of(&f);
    cbench_counters *c = NULL;
    char *note = NULL, err[512];
    CHECK_INT_EQ(cbench_counters_open_source(&c, "auto", &s, &note, NULL, 0), 0);
    CHECK_INT_EQ(cbench_counters_count(c), 9);
    CHECK(note == NULL);
    cbench_counters_close(c);
    CHECK_INT_EQ(cbench_counters_open_source(&c, "task-clock,allocations", &s, &note, NULL, 0),
                 0);
    CHECK_INT_EQ(cbench_counters_count(c), 1);
    CHECK_STR_EQ(note, "perf counters unavailable: allocs, alloc-bytes, frees (this "
                       "executable does not link the allocation interposer: add "
                       "cbench_allocs_dep to its dependencies (meson; not in sanitizer "
                       "builds)).");
    free(note);
    double v[1] = {0};
    cbench_counters_start(c);
    cbench_counters_stop(c, v);
    CHECK_INT_EQ(f.n_start, 1);
    cbench_counters_close(c);
    CHECK_INT_EQ(cbench_counters_check("auto,allocations", err, sizeof err), 0);
    CHECK_INT_EQ(cbench_counters_check("frees", err, sizeof err), 0);
    CHECK_INT_EQ(cbench_counters_check("allocz", err, sizeof err), CBENCH_EINVAL);
    CHECK(strstr(err, "'allocz'") != NULL && strstr(err, "allocations") != NULL);
}

int main(void)
{
    test_spec_errors();
    test_none_is_empty();
    test_auto_on_vm();
    test_paranoid_blocks_all();
    test_partial_pmu();
    test_scaling();
    test_summarize_and_derive();
    test_summarize_edges();
    test_allocations_without_interposer();
    return check_result();
}
