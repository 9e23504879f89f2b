/* SPDX-License-Identifier: MIT
 *
 * team.c - the threads of a multi-threaded benchmark: start barrier,
 * sample commands, per-thread observers, CPU times; see team.h.
 */
#include "measure/team.h"

#include <math.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "measure/clock.h"
#include "measure/state.h"

/* A helper thread: its state, its own observers and counter totals. */
typedef struct helper {
    cbench_state st;
    cbench_ucount_table ucount;     /* its cbench_counter() calls */
    cbench_region_hooks hooks;
    double *counters;
    pthread_t tid;
    struct cbench_team *team;
} helper;

struct cbench_team {
    unsigned n;
    cbench_state **member;          /* n: member[0] is the sampler's state */
    helper *helpers;                /* n - 1 */
    unsigned started;               /* helper threads running */
    atomic_uint arrived, gen;       /* the start barrier of a sample */
    uint64_t release_ns;            /* written before gen moves */
    atomic_uint go;                 /* commands to the helpers */
    atomic_uint finished;           /* helpers done with the current one */
    int quit;                       /* the command is "tear down and exit" */
    int counters_ok;                /* every helper has the same observers */
    double *row;                    /* n + 1: CPU ns per thread, imbalance */
};

unsigned cbench_team_cpus(void)
{
#ifdef CPU_COUNT
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
        return (unsigned)CPU_COUNT(&set);
#endif
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (unsigned)n : 1;
}

/* One turn of a wait: a pause while the others are probably running,
 * then the CPU to whoever needs it (an oversubscribed team). */
static void relax(unsigned *turns)
{
    if (++*turns < 4000) {
#if defined(__x86_64__) || defined(__i386__)
        __builtin_ia32_pause();
#endif
        return;
    }
    sched_yield();
}

static uint64_t thread_cpu_ns(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
        return 0;
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The start barrier: the last thread to arrive reads the clock and
 * releases the rest; everyone returns that reading. */
static uint64_t arrive(cbench_team *tm)
{
    unsigned gen = atomic_load(&tm->gen);
    if (atomic_fetch_add(&tm->arrived, 1) + 1 == tm->n) {
        atomic_store(&tm->arrived, 0);
        tm->release_ns = cbench_clock_now_ns();
        atomic_store(&tm->gen, gen + 1);
    } else {
        unsigned turns = 0;
        while (atomic_load(&tm->gen) == gen)
            relax(&turns);
    }
    return tm->release_ns;
}

/* The CPU clock is read after the barrier: a thread that waited there
 * for a late one would otherwise count its spinning as work. */
uint64_t cbench__team_region_begin(cbench_state *b)
{
    if (b->arrived) {
        b->cpu_start = thread_cpu_ns();
        return cbench_clock_now_ns();     /* a later region of this sample */
    }
    b->arrived = 1;
    uint64_t t = arrive(b->team);
    b->cpu_start = thread_cpu_ns();
    return t;
}

void cbench__team_region_end(cbench_state *b)
{
    b->cpu_ns += thread_cpu_ns() - b->cpu_start;
}

/* Runs one sample's body in this thread; a body that returned without a
 * timed region still passes the barrier, so the others are not stuck. */
static void run_member(cbench_state *b)
{
    b->in_body = 1;
    b->inst->bench->fn(b);
    b->in_body = 0;
    if (b->timing)
        cbench_timer_stop(b);
    if (!b->arrived) {
        b->arrived = 1;
        (void)arrive(b->team);
    }
}

/* Waits until every helper has finished the current command. */
static void wait_helpers(cbench_team *tm)
{
    unsigned turns = 0;
    while (atomic_load(&tm->finished) < tm->n - 1)
        relax(&turns);
}

/* Issues a command (a sample, or quit) to the helpers. */
static void command(cbench_team *tm)
{
    atomic_store(&tm->finished, 0);
    atomic_fetch_add(&tm->go, 1);
}

static void open_observers(helper *h, const cbench_region_hooks *parent)
{
    memset(&h->hooks, 0, sizeof h->hooks);
    if (parent != NULL && parent->open_thread != NULL)
        parent->open_thread(parent->opener, &h->hooks);
    h->st.hooks = &h->hooks;
    h->counters = calloc(h->hooks.n_counters + 1, sizeof *h->counters);
    h->st.counters = h->counters;
    if (h->counters == NULL)
        h->hooks.n_counters = 0;
}

static void close_observers(helper *h, const cbench_region_hooks *parent)
{
    if (parent != NULL && parent->close_thread != NULL)
        parent->close_thread(parent->opener, &h->hooks);
    free(h->counters);
    h->counters = NULL;
}

static void *helper_main(void *arg)
{
    helper *h = arg;
    cbench_team *tm = h->team;
    const cbench_region_hooks *parent = tm->member[0]->hooks;
    const cbench_options *opt = &h->st.inst->bench->opt;
    open_observers(h, parent);
    if (opt->thread_setup != NULL && opt->thread_setup(&h->st) != 0 && !h->st.skipped)
        cbench_skip(&h->st, "thread_setup failed");
    unsigned seen = 0;
    atomic_fetch_add(&tm->finished, 1);       /* ready */
    for (;;) {
        unsigned turns = 0;
        while (atomic_load(&tm->go) == seen)
            relax(&turns);
        seen = atomic_load(&tm->go);
        if (tm->quit)
            break;
        run_member(&h->st);
        atomic_fetch_add(&tm->finished, 1);
    }
    if (opt->thread_teardown != NULL && !h->st.skipped)
        opt->thread_teardown(&h->st);
    close_observers(h, parent);
    atomic_fetch_add(&tm->finished, 1);
    return NULL;
}

static cbench_team *team_new(cbench_state *b, unsigned n)
{
    cbench_team *tm = calloc(1, sizeof *tm);
    if (tm == NULL)
        return NULL;
    tm->n = n;
    tm->member = calloc(n, sizeof *tm->member);
    tm->helpers = calloc(n, sizeof *tm->helpers);
    tm->row = calloc(n + 1, sizeof *tm->row);
    if (tm->member == NULL || tm->helpers == NULL || tm->row == NULL) {
        free(tm->member);
        free(tm->helpers);
        free(tm->row);
        free(tm);
        return NULL;
    }
    atomic_init(&tm->arrived, 0);
    atomic_init(&tm->gen, 0);
    atomic_init(&tm->go, 0);
    atomic_init(&tm->finished, 0);
    tm->member[0] = b;
    for (unsigned i = 1; i < n; i++) {
        helper *h = &tm->helpers[i - 1];
        h->st = *b;                          /* user data, throughput, inst */
        h->st.thread_index = i;
        h->st.team = tm;
        h->st.counters = NULL;
        memset(&h->ucount, 0, sizeof h->ucount);
        h->st.ucount = &h->ucount;
        h->team = tm;
        tm->member[i] = &h->st;
    }
    return tm;
}

/* What the helpers' own states say, moved to b, which the round reads:
 * the first misuse of the API (cbench_param_named of no such axis, ...)
 * fails the benchmark as it does in thread 0, naming the thread; else the
 * first skip reason. */
static void adopt_outcome(cbench_team *tm)
{
    cbench_state *b = tm->member[0];
    for (unsigned i = 1; i < tm->n && !b->failed; i++)
        if (tm->member[i]->failed) {
            b->failed = 1;
            snprintf(b->fail_reason, sizeof b->fail_reason, "thread %u: %.200s", i,
                     tm->member[i]->fail_reason);
        }
    for (unsigned i = 1; i < tm->n && !b->skipped; i++)
        if (tm->member[i]->skipped)
            cbench_skip(b, tm->member[i]->skip_reason);
}

int cbench_team_start(cbench_state *b)
{
    unsigned n = b->inst->threads ? b->inst->threads : 1;
    cbench_team *tm = team_new(b, n);
    if (tm == NULL)
        return CBENCH_ENOMEM;
    b->team = tm;
    b->thread_index = 0;
    for (unsigned i = 1; i < n; i++) {
        if (pthread_create(&tm->helpers[i - 1].tid, NULL, helper_main, &tm->helpers[i - 1]) != 0) {
            char why[120];
            snprintf(why, sizeof why, "could not start thread %u of %u (pthread_create)", i, n);
            cbench_skip(b, why);
            break;
        }
        tm->started++;
    }
    tm->n = tm->started + 1;      /* the barrier counts the threads that run */
    const cbench_options *opt = &b->inst->bench->opt;
    if (!b->skipped && opt->thread_setup != NULL && opt->thread_setup(b) != 0 && !b->skipped)
        cbench_skip(b, "thread_setup failed");
    wait_helpers(tm);
    adopt_outcome(tm);
    tm->counters_ok = 1;
    for (unsigned i = 1; i < tm->n; i++)
        tm->counters_ok &= tm->helpers[i - 1].hooks.n_counters == b->hooks->n_counters;
    return 0;
}

static void reset_member(cbench_state *s, uint64_t iters, int armed, size_t nc)
{
    s->iters = iters;
    s->elapsed_ns = 0;
    s->regions = 0;
    s->timing = 0;
    s->arrived = 0;
    s->cpu_ns = 0;
    s->armed = armed;
    if (s->thread_index > 0 && s->counters != NULL && nc > 0)
        memset(s->counters, 0, nc * sizeof *s->counters);
}

/* Sums the helpers' counters into b's (NaN when their observers differ). */
static void sum_counters(cbench_team *tm)
{
    cbench_state *b = tm->member[0];
    size_t nc = b->hooks->n_counters;
    for (size_t k = 0; k < nc; k++) {
        double v = b->counters[k];
        for (unsigned i = 1; i < tm->n; i++)
            v = tm->counters_ok ? v + tm->member[i]->counters[k] : NAN;
        b->counters[k] = v;
    }
}

int cbench_team_sample(cbench_state *b, uint64_t iters, double *ns)
{
    cbench_team *tm = b->team;
    size_t nc = b->hooks->n_counters;
    for (unsigned i = 0; i < tm->n; i++)
        reset_member(tm->member[i], iters, b->armed, nc);
    command(tm);
    run_member(b);
    wait_helpers(tm);
    adopt_outcome(tm);
    uint64_t slow = 0, fast = UINT64_MAX;
    int missing = 0;
    for (unsigned i = 0; i < tm->n; i++) {
        const cbench_state *s = tm->member[i];
        missing |= s->regions == 0;
        slow = s->elapsed_ns > slow ? s->elapsed_ns : slow;
        fast = s->elapsed_ns < fast ? s->elapsed_ns : fast;
        tm->row[i] = (double)s->cpu_ns;
    }
    tm->row[tm->n] = fast > 0 ? (double)slow / (double)fast : NAN;
    if (nc > 0 && b->armed)
        sum_counters(tm);
    for (unsigned i = 1; i < tm->n; i++)
        cbench__ucount_merge(b->ucount, tm->member[i]->ucount);
    b->total_iters += iters;
    *ns = (double)slow;
    return (missing && !b->skipped) || b->failed ? CBENCH_EINVAL : 0;
}

size_t cbench_team_row_len(const cbench_state *b)
{
    return b->team != NULL ? b->team->n + 1 : 0;
}

const double *cbench_team_last_row(const cbench_state *b)
{
    return b->team != NULL ? b->team->row : NULL;
}

void cbench_team_stop(cbench_state *b)
{
    cbench_team *tm = b->team;
    if (tm == NULL)
        return;
    tm->quit = 1;
    command(tm);
    const cbench_options *opt = &b->inst->bench->opt;
    if (opt->thread_teardown != NULL && !b->skipped)
        opt->thread_teardown(b);
    wait_helpers(tm);
    for (unsigned i = 0; i < tm->started; i++)
        pthread_join(tm->helpers[i].tid, NULL);
    /* What thread_teardown reported, for the whole round. */
    for (unsigned i = 1; i < tm->n; i++)
        cbench__ucount_merge(b->ucount, tm->member[i]->ucount);
    free(tm->member);
    free(tm->helpers);
    free(tm->row);
    free(tm);
    b->team = NULL;
}
