/* SPDX-License-Identifier: MIT
 *
 * instr_mode.c - deterministic (valgrind) and profiling modes.
 *
 * Deterministic mode: a native probe round estimates the time per
 * iteration; the program then re-executes itself under callgrind with
 * `--worker ID --worker-iters N`, N chosen for ~20 ms of native work, and
 * collection restricted to the measured sample. Counts are exact and
 * repeatable, so the comparison with a baseline is exact: any change
 * beyond the noise threshold is reported as real.
 */
#include "run/instr_mode.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "measure/runid.h"
#include "run/runner.h"
#include "run/save.h"
#include "measure/worker.h"
#include "perf/instr.h"
#include "perf/profile.h"
#include "store/store.h"

static const cbench_instance *find(const cbench_instance *inst, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (id == NULL || strcmp(inst[i].id, id) == 0)
            return &inst[i];
    return NULL;
}

static void instr_begin(void *ctx) { (void)ctx; cbench_instr_region_begin(); }
static void instr_end(void *ctx, double *acc) { (void)ctx; (void)acc; cbench_instr_region_end(); }

int cbench_instr_worker(const cbench_config *cfg, const cbench_instance *inst, size_t n)
{
    const cbench_instance *in = find(inst, n, cfg->worker_id);
    if (in == NULL) {
        fprintf(stderr, "cbench: --worker %s: no such benchmark\n", cfg->worker_id);
        return 2;
    }
    cbench_round_cfg rc;
    memset(&rc, 0, sizeof rc);
    rc.fixed_iters = cfg->worker_iters ? cfg->worker_iters : 1;
    rc.hooks = (cbench_region_hooks){.begin = instr_begin, .end = instr_end};
    cbench_round_out out;
    int status = cbench_round_run(in, &rc, &out);
    cbench_round_out_free(&out);
    return status == 0 ? 0 : 1;
}

static void profile_begin(void *ctx) { (void)ctx; cbench_profile_enable(); }
static void profile_end(void *ctx, double *acc) { (void)ctx; (void)acc; cbench_profile_disable(); }

int cbench_instr_profile(const cbench_config *cfg, const cbench_instance *inst, size_t n)
{
    if (n != 1)
        fprintf(stderr, "cbench: --profile-time: %zu benchmarks match; profiling only '%s' "
                "(use --exact ID)\n", n, inst[0].id);
    int ctl = cbench_profile_ctl_open();
    cbench_round_cfg rc;
    memset(&rc, 0, sizeof rc);
    rc.warm_up_ns = 0.2e9;
    rc.profile_ns = cfg->profile_time_s * 1e9;
    if (ctl > 0)      /* 1: perf control fifos open (0: not under perf) */
        rc.hooks = (cbench_region_hooks){.begin = profile_begin, .end = profile_end};
    cbench_round_out out;
    fprintf(stderr, "cbench: profiling %s for %g s%s\n", inst[0].id, cfg->profile_time_s,
            ctl > 0 ? " (perf recording only the timed loop)" : "");
    int status = cbench_round_run(&inst[0], &rc, &out);
    cbench_round_out_free(&out);
    cbench_profile_ctl_close();
    return status == 0 ? 0 : 1;
}

/* Native time per iteration, from one short in-process warm-up. */
static double probe_per_iter(const cbench_instance *in)
{
    cbench_round_cfg rc;
    memset(&rc, 0, sizeof rc);
    rc.warm_up_ns = 0.05e9;
    rc.fixed_iters = 1;
    cbench_worker_cfg wc = {.round = &rc};
    cbench_worker_result w;
    cbench_worker_run(in, &wc, &w);
    double t = w.status == 0 && !w.out.skipped ? w.out.warm_up_per_iter_ns : NAN;
    cbench_round_out_free(&w.out);
    return t;
}

static uint64_t choose_iters(double per_iter_ns)
{
    if (!(per_iter_ns > 0))
        return 1000;
    double n = 20e6 / per_iter_ns;           /* ~20 ms of native work */
    return n < 1 ? 1 : n > 1e7 ? 10000000u : (uint64_t)n;
}

/* Runs one instance under callgrind; fills res's counters. */
static int measure_one(const char *self, const cbench_instance *in, int quick,
                       cbench_result *res, char *err, size_t errlen)
{
    uint64_t iters = choose_iters(probe_per_iter(in));
    char iters_s[32];
    snprintf(iters_s, sizeof iters_s, "%llu", (unsigned long long)iters);
    /* --quick changes the parameter lists, so the worker must see it to
     * find quick-only ids. */
    const char *argv[] = {self, "--worker", in->id, "--worker-iters", iters_s,
                          quick ? "--quick" : NULL, NULL};
    cbench_instr_totals t;
    int rc = cbench_instr_run(argv, &t, err, errlen);
    if (rc != 0)
        return rc;
    cbench_instr_to_counters(&t, (double)iters, res);
    res->flags |= CBENCH_RESULT_INSTRUCTIONS;
    res->typical.point = res->typical.lower = res->typical.upper = t.ir / (double)iters;
    res->typical.std_err = 0;
    res->typical.level = 1;
    res->n_rounds = 1;
    return 0;
}

/* Exact comparison: counts are deterministic, so the change is the
 * change; the noise threshold only separates "within noise" from a
 * verdict (an unrelated build change can move a count by a few). */
static void compare_exact(const cbench_config *cfg, const cbench_run *base, cbench_result *res)
{
    const cbench_result *b = base ? cbench__run_find(base, res->id) : NULL;
    if (b == NULL || !(b->flags & CBENCH_RESULT_INSTRUCTIONS) || !(b->typical.point > 0))
        return;
    double ch = res->typical.point / b->typical.point - 1;
    cbench_change *c = &res->change;
    c->mean = (cbench_estimate){ch, ch, ch, 0, 1};
    c->median = c->mean;
    c->p_value = c->df = NAN;
    c->noise_threshold = cfg->noise_threshold;
    c->significance = cfg->significance;
    c->test_name = "exact count";
    c->verdict = ch == 0 ? CBENCH_VERDICT_NO_CHANGE
               : fabs(ch) <= cfg->noise_threshold ? CBENCH_VERDICT_WITHIN_NOISE
               : ch > 0 ? CBENCH_VERDICT_REGRESSED : CBENCH_VERDICT_IMPROVED;
    res->has_change = 1;
    for (size_t i = 0; i < res->n_counters; i++)
        for (size_t j = 0; j < b->n_counters; j++)
            if (strcmp(res->counters[i].name, b->counters[j].name) == 0)
                res->counters[i].base_per_iter = b->counters[j].per_iter;
}



int cbench_instr_measure(const cbench_config *cfg, const cbench_instance *inst, size_t n,
                         cbench_run *run, const cbench_run *base,
                         const cbench_reporter *rep, const cbench_report_opts *ro,
                         const char *dir)
{
    char self[4096];
    ssize_t k = readlink("/proc/self/exe", self, sizeof self - 1);
    if (k <= 0) {
        fprintf(stderr, "cbench: --mode=instructions: cannot find this executable\n");
        return 1;
    }
    self[k] = '\0';
    char last[32];                     /* a quick or filtered run's own (measure/runid.h) */
    cbench_runid_auto_baseline(1, cfg->quick, cfg->n_filters > 0, 1, last, sizeof last);
    const char *names[2] = {last, cfg->save_baseline};
    cbench_saver saver;
    cbench_saver_init(&saver, dir, names, dir != NULL ? 2 : 0, rep, ro);   /* NULL: not kept */
    if (rep->begin)
        rep->begin(ro, n);
    if (cbench_saver_check(&saver) != 0)
        return 1;
    int fails = 0;
    for (size_t i = 0; i < n; i++) {
        cbench_result *res = cbench__run_add(run);
        if (res == NULL || cbench_registry_identity(&inst[i], res) != 0)
            return 1;
        if (inst[i].threads > 1) {
            /* Callgrind runs one thread at a time and toggles collection
             * for all of them: the counts would hold the others' barrier
             * spinning and not be repeatable. */
            res->flags |= CBENCH_RESULT_SKIPPED;
            res->error = cbench__strdup("--mode=instructions counts single-threaded "
                                        "benchmarks only; run this one in time mode");
            rep->result(ro, res, i + 1);
            continue;
        }
        char err[1024];
        int rc = measure_one(self, &inst[i], cfg->quick, res, err, sizeof err);
        if (rc != 0) {
            res->flags |= CBENCH_RESULT_FAILED;
            res->error = cbench__strdup(err);
            fails++;
        } else {
            compare_exact(cfg, base, res);
            fails += cbench_report_is_failure(res, cfg->fail_on_regression);
        }
        rep->result(ro, res, i + 1);
        /* Each count takes seconds under valgrind (and nothing here stops
         * on Ctrl-C), so every result is saved as it comes. */
        cbench_saver_flush(&saver, run);
    }
    fails += cbench_saver_finish(&saver, run) != 0;
    return fails ? 1 : 0;
}
