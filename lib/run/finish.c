/* SPDX-License-Identifier: MIT
 *
 * finish.c - a benchmark's rounds become its result: samples and
 * counters moved in, analysis, the comparison with its baseline, ratios
 * to its reference and its bound, the engine's own warnings, then the
 * report.
 */
#include "run/runner_int.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/counters.h"
#include "measure/team.h"
#include "run/against.h"
#include "stats/analysis.h"
#include "stats/ucount.h"

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
    res->other_per_iter = s->other_per_iter;
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
    res->threads.imbalance = k > 0 ? cbench__median_of(imb, k) : NAN;
    free(imb);
}

/* Moves the slot's samples into res and summarises its counters. */
static void fill_samples(cbench_runner *r, cbench_result *res, slot *s)
{
    cbench__gate_set_aside(r, s, res);
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
        hi = cbench__round_end(res->samples, res->n_samples, lo);
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
    return k > 0 ? cbench__median_of(ratios, k) : 1.0;
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

int cbench__runner_finish(cbench_runner *r, slot *s)
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
            cbench__gate_widen(r, res);
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
    cbench__runner_advance(r, s, (unsigned)-1);
    cbench__runner_clear_progress(r);
    r->env->rep->result(r->env->ropts, res, ++r->reported);
    return 0;
}
