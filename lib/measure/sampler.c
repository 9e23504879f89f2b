/* SPDX-License-Identifier: MIT
 *
 * sampler.c - iteration plans and the in-process loop of one round.
 */
#include "measure/sampler.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "measure/clock.h"
#include "measure/probe.h"
#include "measure/state.h"
#include "measure/team.h"

static uint64_t clamp_iters(double x)
{
    if (!(x >= 1.0))
        return 1;
    if (x >= (double)CBENCH_MAX_SAMPLE_ITERS)
        return CBENCH_MAX_SAMPLE_ITERS;
    return (uint64_t)ceil(x);
}

void cbench_sampler_plan(double per_iter_ns, double measure_ns, unsigned n,
                         double min_sample_ns, cbench_sampling_mode mode,
                         cbench_plan *out)
{
    /* A body that took no measurable time: plan as if it took 0.01 ns, the
     * iteration cap then bounds the samples. */
    double t = per_iter_ns > 0.01 ? per_iter_ns : 0.01;
    if (n < 1)
        n = 1;
    double units = 0.5 * (double)n * (n + 1);      /* 1 + 2 + ... + n */
    int flat = mode == CBENCH_SAMPLING_FLAT
            || (mode == CBENCH_SAMPLING_AUTO && t * units > 2.0 * measure_ns);
    if (!flat) {
        uint64_t d = clamp_iters(measure_ns / (t * units));
        uint64_t dmin = clamp_iters(min_sample_ns / t);
        out->d = d > dmin ? d : dmin;
        uint64_t cap = CBENCH_MAX_SAMPLE_ITERS / n;
        uint64_t round_cap = (uint64_t)(CBENCH_MAX_ROUND_ITERS / units);
        cap = cap < round_cap ? cap : round_cap;
        if (out->d > cap)
            out->d = cap > 0 ? cap : 1;
        out->n = n;
    } else {
        /* Long bodies: fewer samples rather than overrunning the time. */
        unsigned fit = (unsigned)fmin((double)n, fmax(1.0, floor(measure_ns / t)));
        uint64_t d = clamp_iters(measure_ns / (t * fit));
        uint64_t dmin = clamp_iters(min_sample_ns / t);
        out->d = d > dmin ? d : dmin;
        out->n = mode == CBENCH_SAMPLING_FLAT ? n : fit;
    }
    out->flat = flat;
}

uint64_t cbench_sampler_iters(const cbench_plan *p, unsigned i)
{
    return p->flat ? p->d : p->d * (uint64_t)(i + 1);
}

/* Runs the body once for 'iters' iterations; returns its timed ns. */
static int run_sample(cbench_state *b, uint64_t iters, double *ns)
{
    if (b->team != NULL)
        return cbench_team_sample(b, iters, ns);
    b->iters = iters;
    b->elapsed_ns = 0;
    b->regions = 0;
    b->timing = 0;
    b->in_body = 1;
    b->inst->bench->fn(b);
    b->in_body = 0;
    if (b->timing)                  /* manual timer left running */
        cbench_timer_stop(b);
    b->total_iters += iters;
    if (b->failed)
        return CBENCH_EINVAL;
    if (b->regions == 0 && !b->skipped)
        return CBENCH_EINVAL;
    *ns = (double)b->elapsed_ns;
    return 0;
}

static int push(cbench_round_out *out, double iters, double ns,
                const double *counters, size_t nc)
{
    if (out->n == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 64;
        double *a = realloc(out->iters, cap * sizeof *a);
        if (a == NULL)
            return CBENCH_ENOMEM;
        out->iters = a;
        double *b = realloc(out->ns, cap * sizeof *b);
        if (b == NULL)
            return CBENCH_ENOMEM;
        out->ns = b;
        if (nc > 0) {
            double *c = realloc(out->counters, cap * nc * sizeof *c);
            if (c == NULL)
                return CBENCH_ENOMEM;
            out->counters = c;
        }
        out->cap = cap;
    }
    out->iters[out->n] = iters;
    out->ns[out->n] = ns;
    if (nc > 0)
        memcpy(out->counters + out->n * nc, counters, nc * sizeof *counters);
    out->n++;
    return 0;
}

static int stopped(const cbench_round_cfg *cfg)
{
    return cfg->stop != NULL && *cfg->stop;
}

/* Doubles the iteration count until warm_up_ns of wall time has passed;
 * returns the estimated time per iteration. */
static int warm_up(cbench_state *b, const cbench_round_cfg *cfg, double *per_iter)
{
    uint64_t iters = 1, total_iters = 0;
    double total_ns = 0;
    uint64_t t0 = cbench_clock_now_ns();
    for (;;) {
        double ns;
        int rc = run_sample(b, iters, &ns);
        if (rc != 0 || b->skipped)
            return rc;
        total_iters += iters;
        total_ns += ns;
        double wall = (double)(cbench_clock_now_ns() - t0);
        if (wall >= cfg->warm_up_ns || stopped(cfg) || iters >= CBENCH_MAX_SAMPLE_ITERS)
            break;
        /* Double, but do not overshoot the warm-up time by much: the
         * last doubling alone could otherwise take as long as all the
         * previous ones together. */
        double per_iter_now = total_ns / (double)total_iters;
        double fit = per_iter_now > 0 ? (cfg->warm_up_ns - wall) / per_iter_now : 2.0 * iters;
        uint64_t next = iters * 2;
        if (fit < (double)next)
            next = fit < 1 ? 1 : (uint64_t)fit;
        iters = next;
    }
    *per_iter = total_ns / (double)total_iters;
    return 0;
}

/* Appends the team's row of the last sample (multi-threaded only). */
static int push_thread_row(cbench_state *b, cbench_round_out *out)
{
    size_t k = cbench_team_row_len(b);
    if (k == 0)
        return 0;
    if (out->n > out->threads_cap) {
        size_t cap = out->cap;
        double *t = realloc(out->threads, cap * k * sizeof *t);
        if (t == NULL)
            return CBENCH_ENOMEM;
        out->threads = t;
        out->threads_cap = cap;
    }
    out->thread_row = k;
    memcpy(out->threads + (out->n - 1) * k, cbench_team_last_row(b), k * sizeof(double));
    return 0;
}

static int sample_loop(cbench_state *b, const cbench_round_cfg *cfg,
                       const cbench_plan *plan, cbench_round_out *out)
{
    size_t nc = cfg->hooks.n_counters;
    b->armed = 1;                   /* warm-up is over: counters count */
    cbench__ucount_drop_pending(b->ucount);
    for (unsigned i = 0; i < plan->n; i++) {
        if (stopped(cfg))
            return CBENCH_EINTR;
        if (nc > 0)
            memset(b->counters, 0, nc * sizeof *b->counters);
        double ns;
        uint64_t iters = cbench_sampler_iters(plan, i);
        int rc = run_sample(b, iters, &ns);
        if (rc != 0)
            return rc;
        if ((rc = push(out, (double)iters, ns, b->counters, nc)) != 0
            || (rc = push_thread_row(b, out)) != 0)
            return rc;
        cbench__ucount_end_sample(b->ucount, (double)iters, cbench_thread_count(b));
    }
    return 0;
}

/* --profile-time: run the body in samples of ~10 ms until time is up. */
static int profile_loop(cbench_state *b, const cbench_round_cfg *cfg, double per_iter)
{
    uint64_t iters = clamp_iters(1e7 / (per_iter > 0 ? per_iter : 1));
    uint64_t t0 = cbench_clock_now_ns();
    b->armed = 1;
    while ((double)(cbench_clock_now_ns() - t0) < cfg->profile_ns && !stopped(cfg)) {
        double ns;
        int rc = run_sample(b, iters, &ns);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* The real monotonic clock, whatever clock the samples use: waiting is
 * real time. */
static double real_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* The core probe, repeated until it reads the fast state or the wait is
 * over. On a core that flickers between states every few milliseconds (a
 * neighbour on the sibling hyperthread), a round that happens to start in
 * a slow spell would be set aside and replaced by a whole new round; a
 * few milliseconds of probing start most rounds in the fast state
 * instead. The probe touches only registers, so the warm caches stay
 * warm. Bounded by time and by count (a test's synthetic probe is
 * instant). */
static double probe_until_fast(const cbench_round_cfg *cfg)
{
    double p = cbench_probe_core();
    if (!(cfg->speed_limit_ns > 0) || !(cfg->speed_wait_ns > 0))
        return p;
    double until = real_now_ns() + cfg->speed_wait_ns;
    for (int k = 0; k < 100000 && p > cfg->speed_limit_ns && real_now_ns() < until; k++)
        p = cbench_probe_core();
    return p;
}

static int measure(cbench_state *b, const cbench_instance *inst,
                   const cbench_round_cfg *cfg, cbench_round_out *out)
{
    double per_iter = 0;
    int rc = warm_up(b, cfg, &per_iter);
    if (rc != 0 || b->skipped)
        return rc;
    out->warm_up_per_iter_ns = per_iter;
    if (cfg->profile_ns > 0)
        return profile_loop(b, cfg, per_iter);
    cbench_plan plan;
    if (cfg->fixed_iters > 0) {
        plan.flat = 1;
        plan.n = 1;
        plan.d = cfg->fixed_iters;
    } else {
        cbench_sampler_plan(per_iter, cfg->measure_ns, cfg->n_samples,
                            cfg->min_sample_ns, inst->bench->opt.sampling, &plan);
    }
    out->flat = plan.flat;
    if (!cfg->probe_speed)
        return sample_loop(b, cfg, &plan, out);
    /* The core's state on both sides of the samples: a round is taken in
     * the fast state only if both ends saw it. */
    double before = probe_until_fast(cfg);
    rc = sample_loop(b, cfg, &plan, out);
    out->speed_ns = fmax(before, cbench_probe_core());
    return rc;
}

/* The round's user counters into out; a bad cbench_counter() call fails
 * the round with its message. Returns the round's status. */
static int finish_user_counters(const cbench_state *b, int rc, cbench_round_out *out)
{
    if (rc == 0 && b->ucount->error[0] != '\0') {
        snprintf(out->message, sizeof out->message, "%s", b->ucount->error);
        return CBENCH_EINVAL;
    }
    if (rc == CBENCH_EINVAL && out->message[0] == '\0')
        snprintf(out->message, sizeof out->message,
                 "the benchmark never entered CBENCH_ITER or cbench_timer_start");
    out->n_user = cbench__ucount_finish(b->ucount, (double)b->total_iters, cbench_thread_count(b),
                                        out->user);
    return rc;
}

int cbench_round_run(const cbench_instance *inst, const cbench_round_cfg *cfg,
                     cbench_round_out *out)
{
    memset(out, 0, sizeof *out);
    out->speed_ns = NAN;
    cbench_state b;
    memset(&b, 0, sizeof b);
    b.inst = inst;
    b.user_data = inst->bench->opt.user_data;
    b.throughput = inst->bench->opt.throughput;
    b.throughput_per_iter = inst->bench->opt.throughput_per_iter;
    b.hooks = &cfg->hooks;
    double scratch[16] = {0};
    b.counters = cfg->hooks.n_counters <= 16 ? scratch : calloc(cfg->hooks.n_counters, sizeof(double));
    if (b.counters == NULL)
        return CBENCH_ENOMEM;

    cbench_ucount_table ucount;
    memset(&ucount, 0, sizeof ucount);
    b.ucount = &ucount;

    int rc = 0;
    const cbench_options *opt = &inst->bench->opt;
    if (opt->setup != NULL && opt->setup(&b) != 0 && !b.skipped && !b.failed)
        cbench_skip(&b, "setup failed");
    int set_up = !b.skipped && !b.failed; /* teardown undoes a setup that worked */
    if (set_up && inst->threads > 0)
        rc = cbench_team_start(&b);
    if (set_up && rc == 0)
        rc = measure(&b, inst, cfg, out);
    cbench_team_stop(&b);
    if (opt->teardown != NULL && set_up)
        opt->teardown(&b);
    if (b.failed)                   /* in setup, the body or teardown */
        rc = CBENCH_EINVAL;
    out->skipped = b.skipped && !b.failed;
    if (b.failed)
        snprintf(out->message, sizeof out->message, "%s", b.fail_reason);
    else if (b.skipped)
        snprintf(out->message, sizeof out->message, "%s", b.skip_reason);
    else
        rc = finish_user_counters(&b, rc, out);
    out->throughput = b.throughput;
    out->throughput_per_iter = b.throughput_per_iter;
    out->other_per_iter = b.other_per_iter;
    if (b.counters != scratch)
        free(b.counters);
    return rc;
}

void cbench_round_out_free(cbench_round_out *out)
{
    free(out->threads);
    free(out->iters);
    free(out->ns);
    free(out->counters);
    memset(out, 0, sizeof *out);
}
