/* SPDX-License-Identifier: MIT
 *
 * rounds.c - one round of a benchmark in a worker process: the counters
 * opened in the child around each sample, the round's plan from the
 * configuration, its samples appended to the benchmark's slot, and the
 * progress line.
 */
#include "run/runner_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "measure/worker.h"
#include "perf/counters.h"
#include "run/forecast.h"

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
void cbench__runner_probe_counters(cbench_runner *r)
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
 * Progress: each planned round of a benchmark is worth its share of the
 * benchmark's estimate; rounds beyond the plan (replacing slow ones) are
 * not, so the time left grows when they happen.
 * ================================================================== */

void cbench__runner_advance(const cbench_runner *r, slot *s, unsigned upto)
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

void cbench__runner_clear_progress(const cbench_runner *r)
{
    if (r->env->progress != NULL)
        cbench_progress_clear(r->env->progress);
}

/* Runs round 'round' of slot s in a worker. */
int cbench__runner_run_round(cbench_runner *r, slot *s)
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
        double threads = s->inst->threads > 0 ? s->inst->threads : 1;
        s->throughput_per_iter = w.out.throughput_per_iter * threads;
        s->other_per_iter = w.out.other_per_iter > 0 ? w.out.other_per_iter * threads : 0;
        s->flat |= w.out.flat;
        s->per_iter_hint = w.out.warm_up_per_iter_ns;
        cbench__gate_record_speed(r, s, round, w.out.speed_ns);
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
    cbench__runner_advance(r, s, s->next_round);
    return 0;
}
