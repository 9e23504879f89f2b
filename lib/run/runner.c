/* SPDX-License-Identifier: MIT
 *
 * runner.c - rounds of worker processes, then analysis, comparison,
 * report and save of each benchmark as soon as its last round is in.
 */
#include "run/runner.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "run/against.h"
#include "measure/clock.h"
#include "run/forecast.h"
#include "measure/probe.h"
#include "run/save.h"
#include "measure/team.h"
#include "measure/ucount.h"
#include "measure/worker.h"
#include "perf/counters.h"
#include "stats/analysis.h"
#include "stats/ucount.h"
#include "stats/univariate.h"
#include "store/store.h"

/* One benchmark instance while its rounds come in. */
typedef struct slot {
    const cbench_instance *inst;
    size_t n, cap, nc;
    cbench_sample *samples;
    double *counters;             /* n x nc totals */
    size_t nt;                    /* multi-threaded: doubles per sample row */
    double *threads;              /* n x nt (measure/team.h) */
    cbench_ucount_acc ucount;     /* user counters: a value per round */
    unsigned rounds;              /* rounds that delivered samples */
    double *speed;                /* core probe per round index (NaN: none) */
    size_t n_speed;
    unsigned next_round;          /* index of the next round to run */
    int deferred;                 /* never saw the fast core: retry at the end */
    int retried;                  /* in its second chance */
    double per_iter_hint;
    int done, failed, skipped, flat;
    cbench_throughput_kind throughput;
    double throughput_per_iter;
    char message[320];
    const char *stop_reason;
    size_t result;                /* index in run->results once final */
    size_t index;                 /* in the instances (and the plan) */
    uint64_t busy_ns;             /* time spent in its rounds and analysis */
    unsigned advanced;            /* planned rounds counted as progress */
} slot;

struct cbench_runner {
    const cbench_runner_env *env;
    const cbench_config *cfg;
    slot *slots;
    size_t n_slots;
    cbench_clock_probe probe;
    int gate;                     /* rounds are probed and slow ones set aside */
    int replace;                  /* ... and replaced, or run again later */
    int may_defer;                /* a slow benchmark may wait for a second chance */
    double speed_ref;             /* the core's fastest state seen so far */
    char *counter_names[CBENCH_MAX_COUNTERS];
    size_t n_counter_names;
    size_t reported;
    int failures;
    cbench_saver saver;           /* saves after each block and at the end */
};

/* {=================================================================
 * Counters in the worker: opened per round inside the child.
 * ================================================================== */

static void hook_begin(void *ctx) { cbench_counters_start(ctx); }

static void hook_end(void *ctx, double *acc)
{
    double v[CBENCH_MAX_COUNTERS];
    cbench_counters_stop(ctx, v);
    size_t n = cbench_counters_count(ctx);
    for (size_t i = 0; i < n; i++)
        acc[i] += v[i];
}

static int open_hooks(void *ctx, cbench_region_hooks *h)
{
    const cbench_runner *r = ctx;
    cbench_counters *c = NULL;
    char err[256];
    if (r->n_counter_names == 0
        || cbench_counters_open(&c, r->cfg->counters, NULL, err, sizeof err) != 0
        || c == NULL || cbench_counters_count(c) == 0) {
        cbench_counters_close(c);
        return 0;
    }
    h->begin = hook_begin;
    h->end = hook_end;
    h->ctx = c;
    h->n_counters = cbench_counters_count(c);
    return 0;
}

static void close_hooks(void *ctx, cbench_region_hooks *h)
{
    (void)ctx;
    cbench_counters_close(h->ctx);
    memset(h, 0, sizeof *h);
}

/* Probes the counters once in the parent: names, and one notice. */
static void probe_counters(cbench_runner *r)
{
    const cbench_config *cfg = r->cfg;
    if (cfg->counters == NULL || strcmp(cfg->counters, "none") == 0)
        return;
    cbench_counters *c = NULL;
    char *note = NULL, err[256];
    if (cbench_counters_open(&c, cfg->counters, &note, err, sizeof err) != 0) {
        r->env->rep->notice(r->env->ropts, err);
        return;
    }
    if (note != NULL)
        r->env->rep->notice(r->env->ropts, note);
    free(note);
    size_t n = cbench_counters_count(c);
    for (size_t i = 0; i < n && i < CBENCH_MAX_COUNTERS; i++) {
        char *name = cbench__strdup(cbench_counters_name(c, i));
        if (name == NULL) {         /* no counters rather than nameless ones */
            while (r->n_counter_names > 0)
                free(r->counter_names[--r->n_counter_names]);
            r->env->rep->notice(r->env->ropts, "counters: out of memory");
            break;
        }
        r->counter_names[r->n_counter_names++] = name;
    }
    cbench_counters_close(c);
}

/* {=================================================================
 * Rounds
 * ================================================================== */

static int slot_append(slot *s, const cbench_worker_result *w, unsigned round)
{
    size_t add = w->out.n, nc = w->n_counters;
    if (s->n + add > s->cap) {
        size_t cap = (s->n + add) * 2;
        cbench_sample *smp = realloc(s->samples, cap * sizeof *smp);
        if (smp == NULL)
            return CBENCH_ENOMEM;
        s->samples = smp;
        if (nc > 0) {
            double *c = realloc(s->counters, cap * nc * sizeof *c);
            if (c == NULL)
                return CBENCH_ENOMEM;
            s->counters = c;
        }
        s->cap = cap;
    }
    if (s->n > 0 && nc != s->nc)      /* counters vanished mid-run: drop them */
        nc = 0;
    s->nc = nc;
    for (size_t i = 0; i < add; i++) {
        s->samples[s->n + i] = (cbench_sample){w->out.iters[i], w->out.ns[i], round};
        if (nc > 0)
            memcpy(s->counters + (s->n + i) * nc, w->out.counters + i * nc, nc * sizeof(double));
    }
    s->n += add;
    return 0;
}

/* Appends the thread rows of a round; a round without them (or with
 * another width) drops every row, so the rows always match the samples. */
static int slot_append_threads(slot *s, const cbench_worker_result *w, size_t first)
{
    size_t nt = w->out.thread_row;
    if (nt == 0 || (first > 0 && nt != s->nt) || (first > 0 && s->threads == NULL)) {
        free(s->threads);
        s->threads = NULL;
        s->nt = 0;
        return 0;
    }
    double *t = realloc(s->threads, s->cap * nt * sizeof *t);
    if (t == NULL)
        return CBENCH_ENOMEM;
    s->threads = t;
    s->nt = nt;
    memcpy(s->threads + first * nt, w->out.threads, w->out.n * nt * sizeof *t);
    return 0;
}

static void round_cfg(const cbench_runner *r, cbench_round_cfg *rc)
{
    const cbench_config *cfg = r->cfg;
    unsigned rounds = cfg->rounds ? cfg->rounds : 1;
    memset(rc, 0, sizeof *rc);
    rc->warm_up_ns = cfg->warm_up_s * 1e9 / rounds;
    rc->measure_ns = cfg->measure_s * 1e9 / rounds;
    rc->n_samples = cfg->sample_size / rounds;
    if (rc->n_samples < 5)
        rc->n_samples = 5;
    rc->min_sample_ns = cbench_clock_min_sample_ns(&r->probe);
    rc->stop = r->env->stop;
    rc->probe_speed = r->gate;
    /* Wait up to a tenth of the round's own time (at most 20 ms) for the
     * fast state before sampling: cheaper than replacing the round. */
    if (r->gate && r->speed_ref > 0) {
        rc->speed_limit_ns = r->speed_ref * (1 + cfg->speed_tolerance);
        rc->speed_wait_ns = fmin(20e6, 0.1 * (rc->warm_up_ns + rc->measure_ns));
    }
}

/* {=================================================================
 * The core's state per round
 *
 * On a shared machine the core itself switches between states for
 * seconds at a time (here: a dependent add chain runs 1.6x slower while
 * another guest uses the sibling hyperthread or the clock drops), and a
 * cache-resident body slows with it. Rounds are cheap to repeat, so a
 * round whose speed probe says the core was more than --speed-tolerance
 * slower than the fastest state seen in this process is set aside and
 * another round runs in its place, up to 30 % more rounds. What is left
 * measures the code in one machine state, which is what the next process
 * will see too.
 * ================================================================== */

/* End of the round that starts at v[lo] (a slot's samples come grouped
 * by round). */
static size_t round_end(const cbench_sample *v, size_t n, size_t lo)
{
    size_t hi = lo;
    while (hi < n && v[hi].round == v[lo].round)
        hi++;
    return hi;
}

/* Median of v[0..k), k >= 1 (sorts v). */
static double median_of(double *v, size_t k)
{
    cbench_univariate_sort(v, k);
    return cbench_univariate_percentile_sorted(v, k, 50);
}

static void record_speed(cbench_runner *r, slot *s, unsigned round, double speed)
{
    if (!r->gate || !(speed > 0))
        return;
    if (round >= s->n_speed) {
        size_t n = (size_t)round * 2 + 8;
        double *v = realloc(s->speed, n * sizeof *v);
        if (v == NULL)
            return;                   /* the round counts as fast */
        for (size_t i = s->n_speed; i < n; i++)
            v[i] = NAN;
        s->speed = v;
        s->n_speed = n;
    }
    s->speed[round] = speed;
    if (!(speed >= r->speed_ref))
        r->speed_ref = speed;
}

static int round_slow(const cbench_runner *r, const slot *s, uint32_t round)
{
    return r->gate && round < s->n_speed
        && s->speed[round] > r->speed_ref * (1 + r->cfg->speed_tolerance);
}

/* Rounds of s that delivered samples in the fast state (and, in *all,
 * every round that delivered samples). */
static unsigned fast_rounds_of(const cbench_runner *r, const slot *s, unsigned *all)
{
    unsigned fast = 0, n = 0;
    for (size_t lo = 0; lo < s->n; lo = round_end(s->samples, s->n, lo)) {
        fast += !round_slow(r, s, s->samples[lo].round);
        n++;
    }
    if (all != NULL)
        *all = n;
    return fast;
}

static unsigned fast_rounds(const cbench_runner *r, const slot *s)
{
    return fast_rounds_of(r, s, NULL);
}

/* Rounds a benchmark may run in all to get cfg->rounds fast ones: 30 %
 * more (at least one), so a contended spell costs at most that much time. */
unsigned cbench_runner_round_budget(const cbench_config *cfg)
{
    unsigned extra = cfg->rounds * 3 / 10 ? cfg->rounds * 3 / 10 : 1;
    unsigned cap = cfg->max_rounds > cfg->rounds ? cfg->max_rounds : cfg->rounds;
    return cfg->rounds + extra < cap ? cfg->rounds + extra : cap;
}

/* Whether the slow rounds can be set aside: enough fast ones remain for
 * an interval (three, or all the rounds asked for when fewer). */
static int can_set_aside(const cbench_runner *r, const slot *s)
{
    unsigned need = r->cfg->rounds < 3 ? r->cfg->rounds : 3;
    return fast_rounds(r, s) >= need;
}

/* Moves the samples (and counter rows) of kept rounds to the front of s;
 * returns how many rounds were dropped. */
static size_t drop_slow_rounds(const cbench_runner *r, slot *s)
{
    size_t w = 0, dropped = 0;
    for (size_t lo = 0, hi; lo < s->n; lo = hi) {
        hi = round_end(s->samples, s->n, lo);
        if (round_slow(r, s, s->samples[lo].round)) {
            dropped++;
            continue;
        }
        for (size_t i = lo; i < hi; i++, w++) {
            s->samples[w] = s->samples[i];
            if (s->nc > 0)
                memmove(s->counters + w * s->nc, s->counters + i * s->nc,
                        s->nc * sizeof(double));
            if (s->nt > 0)
                memmove(s->threads + w * s->nt, s->threads + i * s->nt,
                        s->nt * sizeof(double));
        }
    }
    s->n = w;
    return dropped;
}

/* Median core probe over the rounds left in s (NaN when none probed). */
static double kept_speed(const slot *s)
{
    double v[256];
    size_t k = 0;
    for (size_t lo = 0; lo < s->n && k < 256; lo = round_end(s->samples, s->n, lo)) {
        uint32_t round = s->samples[lo].round;
        if (round < s->n_speed && s->speed[round] > 0)
            v[k++] = s->speed[round];
    }
    return k > 0 ? median_of(v, k) : NAN;
}

/* A copy of the samples of s that its fast rounds delivered. */
static cbench_sample *kept_samples(const cbench_runner *r, const slot *s, size_t *n)
{
    cbench_sample *v = malloc((s->n ? s->n : 1) * sizeof *v);
    *n = 0;
    if (v == NULL)
        return NULL;
    for (size_t i = 0; i < s->n; i++)
        if (!round_slow(r, s, s->samples[i].round))
            v[(*n)++] = s->samples[i];
    return v;
}

/* Sets the slow rounds of s aside when enough fast ones remain, or says
 * why not; records the core's speed over what is kept. */
static void set_aside_slow_rounds(const cbench_runner *r, slot *s, cbench_result *res)
{
    if (!r->gate)
        return;                           /* nothing probed: speed_ns stays NaN */
    unsigned all, fast = fast_rounds_of(r, s, &all);
    int set_aside = fast < all && can_set_aside(r, s);
    if (set_aside) {
        res->rounds_set_aside = drop_slow_rounds(r, s);
        s->rounds -= (unsigned)res->rounds_set_aside;
    }
    res->speed_ns = kept_speed(s);
    if (fast < all && !set_aside) {
        char msg[500];
        snprintf(msg, sizeof msg, "The core ran slower than its fastest state (speed probe "
                 "%+.0f %%) in %u of %u rounds, too many to set aside: this is the slow "
                 "state's time and the next run may differ (the interval's lower end is "
                 "extended to what the fast state would give a core-bound body); rerun when "
                 "the machine is quieter, or raise --speed-tolerance if the core's speed "
                 "varies by design.", 100 * (res->speed_ns / r->speed_ref - 1), all - fast, all);
        (void)cbench__result_warn(res, CBENCH_WARN_SLOW_CORE, msg);
        res->flags |= CBENCH_RESULT_SLOW_CORE;
    }
}

/* A result measured on a slow core: the next run may find the fast state,
 * where a core-bound body takes speed_ref / speed_ns of the time (a body
 * bound by memory, less). The interval's lower end reaches that far, so
 * it still describes what the next run can show. */
static void widen_for_slow_core(const cbench_runner *r, cbench_result *res)
{
    double ratio = r->speed_ref / res->speed_ns;
    if ((res->flags & CBENCH_RESULT_SLOW_CORE) && ratio > 0 && ratio < 1)
        res->typical.lower *= ratio;
}

/* {=================================================================
 * Progress: each planned round of a benchmark is worth its share of the
 * benchmark's estimate; rounds beyond the plan (replacing slow ones) are
 * not, so the time left grows when they happen.
 * ================================================================== */

static void advance_rounds(const cbench_runner *r, slot *s, unsigned upto)
{
    const cbench_runner_env *env = r->env;
    unsigned rounds = r->cfg->rounds ? r->cfg->rounds : 1;
    if (upto > rounds)
        upto = rounds;
    if (env->progress == NULL || env->plan == NULL || upto <= s->advanced)
        return;
    double per_round = env->plan->estimate_s[s->index] / rounds;
    cbench_progress_advance(env->progress, per_round * (upto - s->advanced));
    s->advanced = upto;
}

static void show_progress(const cbench_runner *r, const slot *s, unsigned round)
{
    if (r->env->progress != NULL)
        cbench_progress_show(r->env->progress, r->reported, r->n_slots, s->inst->id,
                             round + 1, r->cfg->rounds);
}

static void clear_progress(const cbench_runner *r)
{
    if (r->env->progress != NULL)
        cbench_progress_clear(r->env->progress);
}

/* Runs round 'round' of slot s in a worker. */
static int run_round(cbench_runner *r, slot *s)
{
    unsigned round = s->next_round++;
    uint64_t t0 = cbench_clock_now_ns();
    show_progress(r, s, round);
    cbench_round_cfg rc;
    round_cfg(r, &rc);
    cbench_worker_cfg wc = {
        .round = &rc, .timeout_s = cbench_forecast_round_timeout_s(r->cfg),
        .in_process = r->cfg->in_process && !r->cfg->isolate,
        .layout_seed = (unsigned)(round * 2654435761u) ^ (unsigned)s->n,
        .open_hooks = open_hooks, .close_hooks = close_hooks, .hooks_ctx = r,
    };
    cbench_worker_result w;
    int rc_ = cbench_worker_run(s->inst, &wc, &w);
    if (rc_ == CBENCH_EINTR || (r->env->stop && *r->env->stop)) {
        cbench_round_out_free(&w.out);
        return CBENCH_EINTR;
    }
    if (rc_ != 0) {
        s->failed = 1;
        s->done = 1;
        snprintf(s->message, sizeof s->message, "round %u %.240s%s", round + 1,
                 w.error[0] ? w.error : w.out.message[0] ? w.out.message : cbench_strerror(rc_),
                 rc_ == CBENCH_ETIMEOUT && r->cfg->timeout_s < 0
                     ? "; that is the default limit, --timeout S sets another (0 = none)" : "");
    } else if (w.out.skipped) {
        s->skipped = 1;
        s->done = 1;
        snprintf(s->message, sizeof s->message, "%s", w.out.message);
    } else {
        s->throughput = w.out.throughput;
        /* A multi-threaded iteration is one per thread (cbench.h). */
        s->throughput_per_iter = w.out.throughput_per_iter
                               * (s->inst->threads > 0 ? s->inst->threads : 1);
        s->flat |= w.out.flat;
        s->per_iter_hint = w.out.warm_up_per_iter_ns;
        record_speed(r, s, round, w.out.speed_ns);
        size_t first = s->n;
        if (slot_append(s, &w, round) != 0 || slot_append_threads(s, &w, first) != 0
            || cbench__ucount_add_round(&s->ucount, round, w.out.user, w.out.n_user) != 0) {
            cbench_round_out_free(&w.out);
            return CBENCH_ENOMEM;
        }
        s->rounds++;
    }
    cbench_round_out_free(&w.out);
    s->busy_ns += cbench_clock_now_ns() - t0;
    advance_rounds(r, s, s->next_round);
    return 0;
}

/* {=================================================================
 * Finishing a benchmark: result, analysis, comparison, report, save.
 * ================================================================== */

void cbench_runner_analysis_opts(const cbench_config *cfg, cbench_analysis_opts *o)
{
    cbench_analysis_opts_default(o);
    o->n_resamples = cfg->n_resamples;
    o->confidence = cfg->confidence;
    o->seed = cfg->seed;
    o->noise_threshold = cfg->noise_threshold;
    o->significance = cfg->significance;
    o->estimator = (cbench_estimator)cfg->estimator;
}

static int fill_identity(cbench_result *res, const slot *s)
{
    res->throughput = s->throughput;
    res->throughput_per_iter = s->throughput_per_iter;
    return cbench_registry_identity(s->inst, res);
}

/* What the threads did: each one's CPU time per iteration (mean over the
 * kept samples) and the median imbalance (measure/team.h). */
static void fill_threads(cbench_result *res, const slot *s)
{
    unsigned n = s->inst->threads;
    res->threads.cpus = cbench_team_cpus();
    res->threads.oversubscribed = n > res->threads.cpus;
    if (n == 0 || s->nt != (size_t)n + 1 || s->n == 0)
        return;
    double *cpu = calloc(n, sizeof *cpu), *imb = malloc(s->n * sizeof *imb);
    size_t k = 0;
    if (cpu == NULL || imb == NULL) {
        free(cpu);
        free(imb);
        return;
    }
    for (size_t i = 0; i < s->n; i++) {
        const double *row = s->threads + i * s->nt;
        for (unsigned t = 0; t < n; t++)
            cpu[t] += row[t] / res->samples[i].iters / (double)s->n;
        if (isfinite(row[n]))
            imb[k++] = row[n];
    }
    res->threads.cpu_ns = cpu;
    res->threads.imbalance = k > 0 ? median_of(imb, k) : NAN;
    free(imb);
}

/* Moves the slot's samples into res and summarises its counters. */
static void fill_samples(cbench_runner *r, cbench_result *res, slot *s)
{
    set_aside_slow_rounds(r, s, res);
    res->samples = s->samples;
    res->n_samples = s->n;
    res->n_rounds = s->rounds;
    s->samples = NULL;
    if (cbench__ucount_fill(&s->ucount, res) != 0)
        cbench__result_clear_user_counters(res);
    if (s->nc > 0 && s->nc == r->n_counter_names) {
        double *iters = malloc(s->n * sizeof *iters);
        if (iters != NULL) {
            for (size_t i = 0; i < s->n; i++)
                iters[i] = res->samples[i].iters;
            cbench_counters_summarize((const char *const *)r->counter_names, s->nc,
                                      s->counters, iters, s->n, res);
            free(iters);
        }
    }
    if (s->flat)
        res->flags |= CBENCH_RESULT_FLAT;
    fill_threads(res, s);
}

static void compare_with_base(const cbench_config *cfg, const cbench_context *now,
                              const cbench_run *base, cbench_result *res,
                              const cbench_runner_env *env)
{
    if (base == NULL)
        return;
    const cbench_result *b = cbench__run_find(base, res->id);
    if (b == NULL || b->n_samples == 0) {
        if (env != NULL && cfg->baseline != NULL) {
            char msg[400];
            snprintf(msg, sizeof msg, "benchmark '%s' is not in baseline '%s': reported "
                     "without a comparison", res->id, cfg->baseline);
            env->rep->notice(env->ropts, msg);
        }
        return;
    }
    cbench_analysis_opts o;
    cbench_runner_analysis_opts(cfg, &o);
    (void)cbench_against(&o, now, res, base, b, 0, NULL);
}

/* Fills ratio_to_reference for res when its group has a reference with
 * the same parameter among run's results. */
static void ratio_to_reference(const cbench_config *cfg, const cbench_run *run, cbench_result *res)
{
    if (res->reference || (res->flags & (CBENCH_RESULT_FAILED | CBENCH_RESULT_SKIPPED)))
        return;
    for (size_t i = 0; i < run->n_results; i++) {
        const cbench_result *ref = &run->results[i];
        if (!ref->reference || ref->n_samples == 0 || strcmp(ref->group, res->group) != 0
            || !cbench__same_param(ref, res) || ref->threads.count != res->threads.count)
            continue;
        cbench_analysis_opts o;
        cbench_runner_analysis_opts(cfg, &o);
        cbench_analysis_ratio(&o, ref, res);
        return;
    }
}

/* Fills bound_fraction: this result's throughput over that of a bound
 * benchmark with the same parameter and throughput kind (one of its own
 * group preferred). */
static void fraction_of_bound(const cbench_run *run, cbench_result *res)
{
    if (res->bound || res->throughput == CBENCH_THROUGHPUT_NONE
        || !(res->typical.point > 0) || !(res->throughput_per_iter > 0))
        return;
    const cbench_result *best = NULL;
    for (size_t i = 0; i < run->n_results; i++) {
        const cbench_result *b = &run->results[i];
        if (!b->bound || b->throughput != res->throughput || !cbench__same_param(b, res)
            || b->threads.count != res->threads.count
            || !(b->typical.point > 0)
            || !(b->throughput_per_iter > 0))
            continue;
        if (best == NULL || strcmp(b->group, res->group) == 0)
            best = b;
    }
    if (best == NULL)
        return;
    double rate = res->throughput_per_iter / res->typical.point;
    double bound_rate = best->throughput_per_iter / best->typical.point;
    res->bound_fraction = rate / bound_rate;
    free(res->bound_id);
    res->bound_id = cbench__strdup(best->id);
}

void cbench_runner_compare_all(const cbench_config *cfg, cbench_run *run, const cbench_run *base)
{
    for (size_t i = 0; i < run->n_results; i++) {
        cbench_result *res = &run->results[i];
        if (res->n_samples == 0)
            continue;
        compare_with_base(cfg, cbench__result_context(run, res), base, res, NULL);
        ratio_to_reference(cfg, run, res);
        fraction_of_bound(run, res);
    }
}


/* Ratio of the mean time per iteration in the last third of a round's
 * samples to the first third, as the median over rounds (1 = steady). */
static double drift_within_rounds(const cbench_result *res)
{
    double ratios[256];
    size_t k = 0;
    for (size_t lo = 0, hi; lo < res->n_samples && k < 256; lo = hi) {
        hi = round_end(res->samples, res->n_samples, lo);
        size_t third = (hi - lo) / 3;
        if (third >= 2) {
            double a = 0, b = 0, ia = 0, ib = 0;
            for (size_t i = 0; i < third; i++) {
                a += res->samples[lo + i].ns;
                ia += res->samples[lo + i].iters;
                b += res->samples[hi - 1 - i].ns;
                ib += res->samples[hi - 1 - i].iters;
            }
            if (a > 0 && ia > 0 && ib > 0)
                ratios[k++] = (b / ib) / (a / ia);
        }
    }
    return k > 0 ? median_of(ratios, k) : 1.0;
}

/* What the engine itself can tell about a measurement: a body too short
 * to be real work, one too long for the time given, memory touched for
 * the first time inside the timed loop. */
static void engine_warnings(const cbench_runner *r, const slot *s, cbench_result *res)
{
    char msg[400];
    double t = res->typical.point;
    unsigned want = r->cfg->sample_size / (r->cfg->rounds ? r->cfg->rounds : 1);
    if (isfinite(t) && t < 1.0) {
        snprintf(msg, sizeof msg, "The body takes %.3f ns per iteration, about the cost of "
                 "the loop itself: if it should do work, the compiler may have removed it "
                 "(pass results to cbench_do_not_optimize()).", t);
        (void)cbench__result_warn(res, CBENCH_WARN_TOO_SHORT, msg);
    }
    if (s->flat && s->rounds > 0 && s->n / s->rounds < want) {
        char per[32];
        cbench_report_fmt_time(per, sizeof per, s->per_iter_hint);
        snprintf(msg, sizeof msg, "One iteration takes %s, too long for %u samples in the "
                 "%.3g s of measurement per round: took %zu per round; raise "
                 "--measurement-time for a tighter estimate.", per, want,
                 r->cfg->measure_s / (r->cfg->rounds ? r->cfg->rounds : 1), s->n / s->rounds);
        (void)cbench__result_warn(res, CBENCH_WARN_FEW_SAMPLES, msg);
    }
    double drift = drift_within_rounds(res);
    if (fabs(drift - 1.0) > 0.05) {
        snprintf(msg, sizeof msg, "The time per iteration changes during sampling (the last "
                 "third of each round runs at %.2fx the first): the body is still warming "
                 "up (caches, branch predictors, allocator) or accumulates state; raise "
                 "--warm-up-time or reset state in setup.", drift);
        (void)cbench__result_warn(res, CBENCH_WARN_DRIFT, msg);
    }
    if (res->threads.oversubscribed) {
        snprintf(msg, sizeof msg, "Oversubscribed: %u threads on %u CPUs take turns instead "
                 "of running at once, so the time measures the scheduler as much as the "
                 "code; compare thread counts up to %u.", res->threads.count,
                 res->threads.cpus, res->threads.cpus);
        (void)cbench__result_warn(res, CBENCH_WARN_OVERSUBSCRIBED, msg);
    }
    const cbench_counter_value *pf = cbench_counters_find(res->counters, res->n_counters,
                                                          "page-faults");
    if (pf != NULL && pf->per_iter > 0.01) {
        snprintf(msg, sizeof msg, "%.3g page faults per iteration inside the timed loop: the "
                 "benchmark touches fresh memory while timed; allocate and touch it in "
                 "setup.", pf->per_iter);
        (void)cbench__result_warn(res, CBENCH_WARN_PAGE_FAULTS, msg);
    }
}

static void set_failure(cbench_result *res, const slot *s)
{
    res->flags |= s->failed ? CBENCH_RESULT_FAILED : CBENCH_RESULT_SKIPPED;
    res->error = cbench__strdup(s->message);
}

/* What the engine spent on s against its plan (run/forecast.h). */
static void record_wall(const cbench_runner *r, const slot *s, cbench_result *res)
{
    res->wall_s = (double)s->busy_ns * 1e-9;
    res->planned_s = r->env->plan ? r->env->plan->plan_s[s->index] : NAN;
}

static int finish(cbench_runner *r, slot *s)
{
    uint64_t t0 = cbench_clock_now_ns();
    cbench_run *run = r->env->run;
    cbench_result *res = cbench__run_add(run);
    if (res == NULL || fill_identity(res, s) != 0)
        return CBENCH_ENOMEM;
    s->result = run->n_results - 1;
    if (s->failed || s->skipped) {
        set_failure(res, s);
    } else {
        fill_samples(r, res, s);
        cbench_analysis_opts o;
        cbench_runner_analysis_opts(r->cfg, &o);
        int rc = cbench_analysis_run(&o, res);
        if (rc != 0) {
            res->flags |= CBENCH_RESULT_FAILED;
            res->error = cbench__strdup(cbench_strerror(rc));
        }
        res->stop_reason = s->stop_reason;
        if (cbench_ucount_finish(&o, res) != 0)
            cbench__result_clear_user_counters(res);
        if (rc == 0) {
            widen_for_slow_core(r, res);
            engine_warnings(r, s, res);
        }
        compare_with_base(r->cfg, &run->ctx, r->env->base, res, r->env);
        ratio_to_reference(r->cfg, run, res);
        fraction_of_bound(run, res);
    }
    if (cbench_report_is_failure(res, r->cfg->fail_on_regression))
        r->failures++;
    s->busy_ns += cbench_clock_now_ns() - t0;
    record_wall(r, s, res);
    advance_rounds(r, s, (unsigned)-1);
    clear_progress(r);
    r->env->rep->result(r->env->ropts, res, ++r->reported);
    return 0;
}

/* {=================================================================
 * Scheduling
 * ================================================================== */

/* Whether s has enough rounds: the minimum, then (with a precision
 * target) until its CI is narrow enough or the round cap is reached. */
static int enough_rounds(cbench_runner *r, slot *s)
{
    const cbench_config *cfg = r->cfg;
    if (s->rounds < cfg->rounds)
        return 0;
    if (r->replace && fast_rounds(r, s) < cfg->rounds) {
        unsigned budget = cbench_runner_round_budget(cfg) * (s->retried ? 2 : 1);
        if (s->rounds < budget)
            return 0;                     /* replace a slow round */
        if (r->may_defer && !s->retried && !can_set_aside(r, s)) {
            s->deferred = 1;              /* the spell may pass: try again at the end */
            return 0;
        }
        s->stop_reason = "slow machine";
        return 1;
    }
    if (!(cfg->target_precision > 0)) {
        s->stop_reason = "rounds";
        return 1;
    }
    if (s->rounds >= cfg->max_rounds) {
        s->stop_reason = "round cap";
        return 1;
    }
    cbench_result tmp;
    memset(&tmp, 0, sizeof tmp);
    tmp.samples = kept_samples(r, s, &tmp.n_samples);
    if (tmp.samples == NULL)
        return 0;
    cbench_analysis_opts o;
    cbench_runner_analysis_opts(cfg, &o);
    o.n_resamples = 1000;         /* only the typical (t-interval) matters */
    int rc = cbench_analysis_run(&o, &tmp);
    double half = 0.5 * (tmp.typical.upper - tmp.typical.lower) / tmp.typical.point;
    free(tmp.warning);
    free(tmp.samples);
    if (rc != 0)
        return 0;
    if (half <= cfg->target_precision) {
        s->stop_reason = "precision";
        return 1;
    }
    return 0;
}

/* Finishing order: bounds, then references, then the rest, so each
 * result can be reported against the ones it is measured by. */
static int finish_rank(const slot *s)
{
    const cbench_options *o = &s->inst->bench->opt;
    return o->bound ? 0 : o->reference ? 1 : 2;
}

/* Whether two instances have the same value on every axis, by name. */
static int same_axes(const cbench_instance *x, const cbench_instance *y)
{
    if (x->n_axes != y->n_axes)
        return 0;
    for (size_t i = 0; i < x->n_axes; i++)
        if (x->axis[i] != y->axis[i]
            || strcmp(x->bench->opt.axes[i].name, y->bench->opt.axes[i].name) != 0)
            return 0;
    return 1;
}

/* Interleaving blocks: the benchmarks compared with each other. With a
 * parameter, every benchmark at the same value (AoS and SoA at 4096
 * points), with axes the same value on every axis; without, every
 * benchmark of the group. */
static int same_block(const slot *a, const slot *b)
{
    const cbench_instance *x = a->inst, *y = b->inst;
    if (x->has_param != y->has_param || x->threads != y->threads || !same_axes(x, y))
        return 0;
    return x->has_param ? x->param == y->param
                        : strcmp(x->bench->group, y->bench->group) == 0;
}

/* Whether s must wait for its block's reference to finish first: its
 * ratio to the reference needs the reference's result (rounds set aside
 * can leave the reference needing more rounds than the others). */
static int waits_for_reference(const cbench_runner *r, const slot *s)
{
    if (finish_rank(s) != 2)
        return 0;
    for (size_t i = 0; i < r->n_slots; i++) {
        const slot *t = &r->slots[i];
        if (t != s && t->inst->bench->opt.reference && same_block(t, s)
            && t->result == (size_t)-1)
            return 1;
    }
    return 0;
}

/* Finishes every slot whose rounds are complete. */
static int finish_ready(cbench_runner *r)
{
    for (int pass = 0; pass < 3; pass++)
        for (size_t i = 0; i < r->n_slots; i++) {
            slot *s = &r->slots[i];
            if (s->result != (size_t)-1 || s->deferred || finish_rank(s) != pass)
                continue;
            if (!s->done && !enough_rounds(r, s))
                continue;
            s->done = 1;
            if (waits_for_reference(r, s))
                continue;
            int rc = finish(r, s);
            if (rc != 0)
                return rc;
        }
    return 0;
}

/* A block is done for now when each of its benchmarks is finished, has
 * its rounds (waiting for its reference), or waits for a second chance. */
static int block_done(const cbench_runner *r, const slot *first)
{
    for (size_t i = 0; i < r->n_slots; i++) {
        const slot *s = &r->slots[i];
        if (same_block(s, first) && s->result == (size_t)-1 && !s->done && !s->deferred)
            return 0;
    }
    return 1;
}

/* Probes the machine again (keeping the faster readings) and lets the
 * core's fastest state follow. */
static void reprobe(cbench_runner *r)
{
    cbench_context *c = &r->env->run->ctx;
    cbench_probe_again(&c->probe_cpu_ns, &c->probe_mem_ns);
    r->speed_ref = fmin(r->speed_ref, c->probe_cpu_ns);
}

/* Second chance, after every block: the benchmarks that never saw the
 * fast core within their round budget (a slow spell of several seconds
 * covered them) run another budget of rounds now, interleaved; their
 * earlier slow rounds are set aside if enough fast ones come. */
static int retry_deferred(cbench_runner *r)
{
    int any = 0;
    r->may_defer = 0;
    for (size_t i = 0; i < r->n_slots; i++)
        if (r->slots[i].deferred) {
            r->slots[i].deferred = 0;
            r->slots[i].retried = 1;
            any = 1;
        }
    if (!any)
        return 0;
    reprobe(r);
    for (int open = 1; open;) {
        open = 0;
        for (size_t i = 0; i < r->n_slots; i++) {
            slot *s = &r->slots[i];
            if (s->result != (size_t)-1 || s->done)
                continue;
            int rc = run_round(r, s);
            if (rc != 0)
                return rc;
            open = 1;
        }
        int rc = finish_ready(r);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Interleaved: within a block, round k visits every unfinished benchmark
 * in turn, so drift during the block hits all of them alike and their
 * rounds pair up in time (ratios to the reference are paired by round).
 * Blocks run one after another, so results stream out block by block. */
static int schedule_interleaved(cbench_runner *r)
{
    for (size_t b = 0; b < r->n_slots; b++) {
        slot *first = &r->slots[b];
        if (first->result != (size_t)-1 || first->done || first->deferred)
            continue;                         /* block already run */
        if (b > 0)
            reprobe(r);
        r->may_defer = r->replace;
        while (!block_done(r, first)) {
            for (size_t i = b; i < r->n_slots; i++) {
                slot *s = &r->slots[i];
                if (!same_block(s, first) || s->done || s->deferred
                    || s->result != (size_t)-1)
                    continue;
                int rc = run_round(r, s);
                if (rc != 0)
                    return rc;
            }
            int rc = finish_ready(r);
            if (rc != 0)
                return rc;
        }
        cbench_saver_flush(&r->saver, r->env->run);
    }
    return retry_deferred(r);
}

/* Back to back: all rounds of one benchmark, then the next. */
static int schedule_sequential(cbench_runner *r)
{
    for (size_t i = 0; i < r->n_slots; i++) {
        slot *s = &r->slots[i];
        while (!s->done && !enough_rounds(r, s)) {
            int rc = run_round(r, s);
            if (rc != 0)
                return rc;
        }
        s->done = 1;
        int rc = finish(r, s);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Interrupted: every benchmark with at least one complete round still
 * gets its (less precise) result reported and saved; the round in flight
 * is abandoned. */
static void finish_interrupted(cbench_runner *r)
{
    for (size_t i = 0; i < r->n_slots; i++) {
        slot *s = &r->slots[i];
        if (s->result != (size_t)-1 || (s->rounds == 0 && !s->failed && !s->skipped))
            continue;
        s->stop_reason = "interrupted";
        s->done = 1;
        if (finish(r, s) != 0)
            return;
    }
}

static int same_text(const char *a, const char *b)
{
    return a != NULL && b != NULL && strcmp(a, b) == 0;
}

/* The core's fastest state: this run's start-up probe, or the baseline's
 * when it was measured on the same machine and saw a faster one (a run
 * that starts while the core is slow for seconds would otherwise judge
 * its rounds against that slow state). A baseline's probe is its own
 * run's, so a machine that really got slower stops being compared with
 * its old speed after one run. */
static double fastest_known_state(const cbench_runner_env *env)
{
    const cbench_context *now = &env->run->ctx;
    double ref = now->probe_cpu_ns;
    if (env->base != NULL && same_text(now->host, env->base->ctx.host)
        && same_text(now->cpu, env->base->ctx.cpu) && env->base->ctx.probe_cpu_ns > 0
        && env->base->ctx.probe_cpu_ns < ref)
        ref = env->base->ctx.probe_cpu_ns;
    return ref;
}

static void runner_free(cbench_runner *r)
{
    for (size_t i = 0; i < r->n_slots; i++) {
        free(r->slots[i].samples);
        free(r->slots[i].counters);
        free(r->slots[i].threads);
        free(r->slots[i].speed);
        cbench__ucount_acc_free(&r->slots[i].ucount);
    }
    free(r->slots);
    for (size_t i = 0; i < r->n_counter_names; i++)
        free(r->counter_names[i]);
}

int cbench_runner_run(const cbench_runner_env *env, const cbench_instance *inst, size_t n_inst)
{
    cbench_runner r;
    memset(&r, 0, sizeof r);
    r.env = env;
    r.cfg = env->cfg;
    r.slots = calloc(n_inst ? n_inst : 1, sizeof *r.slots);
    if (r.slots == NULL)
        return CBENCH_ENOMEM;
    r.n_slots = n_inst;
    for (size_t i = 0; i < n_inst; i++) {
        r.slots[i].inst = &inst[i];
        r.slots[i].index = i;
        r.slots[i].result = (size_t)-1;
    }
    cbench_clock_probe_run(&r.probe);
    r.speed_ref = fastest_known_state(env);
    r.gate = env->cfg->speed_tolerance > 0 && env->cfg->mode == CBENCH_MODE_TIME
          && r.speed_ref > 0 && cbench_probe_core_meaningful();
    /* A process of one round (what `cbench ab` runs, one per build and
     * pair) only probes: its caller pairs processes in time and sets aside
     * the pairs a slow core ran, and a round replaced here, later, would
     * no longer be paired with the other build's. */
    r.replace = r.gate && env->cfg->rounds > 1;
    cbench_saver_init(&r.saver, env->baseline_dir, env->save_names, env->n_save_names,
                      env->rep, env->ropts);
    if (cbench_saver_check(&r.saver) != 0) {
        runner_free(&r);
        return 1;                 /* nothing measured that could not be kept */
    }
    probe_counters(&r);
    int rc = env->cfg->interleave ? schedule_interleaved(&r) : schedule_sequential(&r);
    if (rc == CBENCH_EINTR)
        finish_interrupted(&r);
    clear_progress(&r);
    if (cbench_saver_finish(&r.saver, env->run) != 0)
        r.failures++;
    if (env->saved != NULL)
        *env->saved = cbench_saver_saved(&r.saver);
    runner_free(&r);
    return rc != 0 ? rc : r.failures;
}
