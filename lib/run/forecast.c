/* SPDX-License-Identifier: MIT
 *
 * forecast.c - what a run will measure and how long it should take (see
 * forecast.h).
 */
#include "run/forecast.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "run/progress.h"
#include "run/runner.h"

/* Measured on the project's VM: a round costs 3-5 ms beyond its warm-up
 * and sampling (fork, two core probes, the pipe back), the analysis of a
 * benchmark tens of ms at the defaults. */
#define ROUND_COST_S 0.005
#define ANALYSIS_S 0.03

/* A stored ratio of wall time to plan outside this range is not a
 * measurement of the same kind of run (a crash, a debugger): ignored. */
#define MIN_FACTOR 0.5
#define MAX_FACTOR 50.0

static double round_plan_s(const cbench_config *cfg)
{
    return (cfg->warm_up_s + cfg->measure_s) / (cfg->rounds ? cfg->rounds : 1) + ROUND_COST_S;
}

double cbench_forecast_one_s(const cbench_config *cfg)
{
    unsigned rounds = cfg->rounds ? cfg->rounds : 1;
    if (cfg->target_precision > 0 && cfg->max_rounds > rounds)
        rounds = cfg->max_rounds;           /* may add rounds up to the cap */
    return rounds * round_plan_s(cfg) + ANALYSIS_S;
}

/* CBENCH_TEST_TIMEOUT_MIN_S lowers the floor, only so that a test can
 * watch the default limit fail a hung body in seconds. */
double cbench_forecast_round_timeout_s(const cbench_config *cfg)
{
    if (cfg->timeout_s >= 0)
        return cfg->timeout_s;
    const char *t = getenv("CBENCH_TEST_TIMEOUT_MIN_S");
    char *end;
    double floor_s = t != NULL ? strtod(t, &end) : NAN;
    if (t == NULL || end == t || *end || !(floor_s > 0))
        floor_s = CBENCH_ROUND_TIMEOUT_MIN_S;
    return fmax(floor_s, 10 * round_plan_s(cfg));
}

/* How long the last run of the same benchmark took against its plan, or
 * NaN when no stored run says. */
static double stored_factor(const cbench_run *const *history, size_t n_history, const char *id)
{
    for (size_t k = 0; k < n_history; k++) {
        const cbench_result *h = history[k] ? cbench__run_find(history[k], id) : NULL;
        if (h == NULL || !(h->wall_s > 0) || !(h->planned_s > 0))
            continue;
        double f = h->wall_s / h->planned_s;
        if (f >= MIN_FACTOR && f <= MAX_FACTOR)
            return f;
    }
    return NAN;
}

int cbench_forecast_make(cbench_forecast *p, const cbench_config *cfg,
                         const cbench_instance *inst, size_t n,
                         const cbench_run *const *history, size_t n_history, int gated)
{
    memset(p, 0, sizeof *p);
    p->plan_s = calloc(n ? n : 1, sizeof *p->plan_s);
    p->estimate_s = calloc(n ? n : 1, sizeof *p->estimate_s);
    if (p->plan_s == NULL || p->estimate_s == NULL) {
        cbench_forecast_free(p);
        return CBENCH_ENOMEM;
    }
    p->n = n;
    double one = cbench_forecast_one_s(cfg);
    for (size_t i = 0; i < n; i++) {
        double f = stored_factor(history, n_history, inst[i].id);
        p->plan_s[i] = one;
        p->estimate_s[i] = isfinite(f) ? one * f : one;
        p->n_known += isfinite(f);
        if (!isfinite(f))
            p->unknown_plan_s += one;
        p->plan_total_s += p->plan_s[i];
        p->estimate_total_s += p->estimate_s[i];
    }
    /* A benchmark that finds the core slow gets its round budget, then
     * waits for a second budget (lib/run/runner.c). */
    p->slow_factor = gated ? 2.0 * cbench_runner_round_budget(cfg) / (cfg->rounds ? cfg->rounds : 1)
                           : 1.0;
    return 0;
}

void cbench_forecast_free(cbench_forecast *p)
{
    free(p->plan_s);
    free(p->estimate_s);
    memset(p, 0, sizeof *p);
}

static const char *sweep_name(int sweep)
{
    return sweep == CBENCH_SWEEP_FULL ? "full" : sweep == CBENCH_SWEEP_QUICK ? "quick"
                                                                              : "default";
}

void cbench_forecast_describe(char *buf, size_t size, const char *name, const cbench_forecast *p,
                          const cbench_config *cfg, size_t n_full)
{
    char sweep[128] = "", est[32], slow[96] = "";
    if (cfg->sweep != CBENCH_SWEEP_FULL && n_full > p->n)
        snprintf(sweep, sizeof sweep, " (%s sweep; --sweep=full runs %zu)",
                 sweep_name(cfg->sweep), n_full);
    else if (cfg->sweep != CBENCH_SWEEP_DEFAULT)
        snprintf(sweep, sizeof sweep, " (%s sweep)", sweep_name(cfg->sweep));
    cbench_progress_fmt_duration(est, sizeof est, p->estimate_total_s);
    if (p->n_known == p->n && p->n > 0) {
        snprintf(slow, sizeof slow, ", as long as they took the last time");
    } else if (p->slow_factor > 1.0) {
        char up[32];
        double unknown = p->estimate_total_s + p->unknown_plan_s * (p->slow_factor - 1);
        snprintf(slow, sizeof slow, " (up to %s if the core is often slow)",
                 cbench_progress_fmt_duration(up, sizeof up, unknown));
    }
    /* With nothing stored the plan is the measuring alone: what setup
     * costs (filling a DRAM-sized array in every worker) shows only once
     * it ran, so say so rather than promise (a first run of points took
     * 2.7x its plan). */
    const char *first = p->n_known == 0 && p->n > 0 ? " of measuring, plus setup" : "";
    snprintf(buf, size, "%s: %zu benchmark%s%s, about %s%s%s", name, p->n,
             p->n == 1 ? "" : "s", sweep, est, first, slow);
}
