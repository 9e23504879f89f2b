/* SPDX-License-Identifier: MIT
 *
 * forecast.h - what a run will measure and how long it should take, said at
 * start-up: "points: 78 benchmarks (default sweep; --sweep=full runs
 * 234), about 2 min 10 s".
 *
 * A benchmark's plan is its warm-up and measurement time plus a small
 * cost per round (fork, speed probes) and its analysis. Its estimate is
 * the plan scaled by how long it took against its plan the last time
 * (results store both), which covers what the plan cannot know: setup
 * (filling a DRAM-sized array in every worker) and rounds run again on a
 * slow core. Without a stored result the estimate is the plan, and the
 * start-up line says how much longer a slow core can make it.
 */
#ifndef CBENCH_RUN_FORECAST_H
#define CBENCH_RUN_FORECAST_H

#include <stddef.h>

#include "run/config.h"
#include "measure/registry.h"
#include "model/result.h"

typedef struct cbench_forecast {
    double *plan_s;            /* per instance */
    double *estimate_s;        /* per instance */
    size_t n;
    size_t n_known;            /* estimates that came from a stored result */
    double plan_total_s, estimate_total_s;
    double unknown_plan_s;     /* the plans of those without a stored result */
    double slow_factor;        /* how much longer rounds replaced on a slow
                                  core can make a benchmark (1: no gate) */
} cbench_forecast;

/* The plan of one benchmark under cfg, in seconds. */
double cbench_forecast_one_s(const cbench_config *cfg);

/* The time limit of one round in seconds (0 = none): --timeout when
 * given (0 = none), else the larger of CBENCH_ROUND_TIMEOUT_MIN_S (60 s)
 * and 10x the planned round, so a hung body fails its benchmark instead
 * of holding the run (and CI) until its job's limit. */
#define CBENCH_ROUND_TIMEOUT_MIN_S 60.0
double cbench_forecast_round_timeout_s(const cbench_config *cfg);

/* Plans the n instances; history[0..n_history) are stored runs (entries
 * may be NULL) whose results with the same id and a recorded wall and
 * planned time scale their estimates, the first that has one winning.
 * gated: rounds on a slow core are replaced (the run may take up to
 * slow_factor longer). Returns 0 or CBENCH_ENOMEM. */
int cbench_forecast_make(cbench_forecast *p, const cbench_config *cfg,
                         const cbench_instance *inst, size_t n,
                         const cbench_run *const *history, size_t n_history, int gated);
void cbench_forecast_free(cbench_forecast *p);

/* The start-up line, e.g. "points: 78 benchmarks (default sweep;
 * --sweep=full runs 234), about 2 min (up to 5 min 12 s if the core is
 * often slow)". n_full: how many the full sweep has. */
void cbench_forecast_describe(char *buf, size_t size, const char *name, const cbench_forecast *p,
                          const cbench_config *cfg, size_t n_full);

#endif
