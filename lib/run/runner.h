/* SPDX-License-Identifier: MIT
 *
 * runner.h - a run from the selected benchmarks to reported, saved
 * results.
 *
 * Rounds: each benchmark is measured in cfg.rounds worker processes. By
 * default the rounds are interleaved within a block of benchmarks that are
 * compared with each other (same parameter value, or same group): round 1
 * visits every benchmark of the block, then round 2, ..., so slow drift of
 * the machine shows up as between-round spread (and so in the confidence
 * interval) instead of as a bogus difference between benchmarks, and the
 * rounds of AoS and SoA at one size pair up in time. Blocks run one after
 * another, so results stream out as each block completes. The statistics
 * treat a round as the unit of independence.
 */
#ifndef CBENCH_RUN_RUNNER_H
#define CBENCH_RUN_RUNNER_H

#include <signal.h>

#include "run/config.h"
#include "run/forecast.h"
#include "run/progress.h"
#include "measure/registry.h"
#include "model/result.h"
#include "report/report.h"

typedef struct cbench_runner cbench_runner;

/* Context the runner needs from main: configuration, reporter, the run
 * to fill (context already set), the baseline to compare with (NULL for
 * none), where to save. */
typedef struct cbench_runner_env {
    const cbench_config *cfg;
    const cbench_reporter *rep;
    const cbench_report_opts *ropts;
    cbench_run *run;
    const cbench_run *base;
    const char *baseline_dir;
    const char *const *save_names;   /* baselines to save into (run/save.h) */
    size_t n_save_names;
    volatile sig_atomic_t *stop;
    const cbench_forecast *plan;         /* NULL: no estimates (results get no planned_s) */
    cbench_progress *progress;       /* NULL: no progress shown */
    size_t *saved;                   /* out (may be NULL): results saved */
} cbench_runner_env;

/* Runs the instances; every finished result is analysed, compared and
 * reported at once, and saved after its block (run/save.h). Returns the
 * number of failures of the run (failed rounds, regressions with gating,
 * a save that did not happen), or a negative CBENCH_E* (CBENCH_EINTR when
 * interrupted). */
int cbench_runner_run(const cbench_runner_env *env, const cbench_instance *inst,
                      size_t n_inst);

/* Rounds a benchmark may run in all to get cfg->rounds on a fast core
 * (then it waits for a second budget of as many, run/forecast.h). */
unsigned cbench_runner_round_budget(const cbench_config *cfg);

/* Analysis options from the configuration. */
struct cbench_analysis_opts;
void cbench_runner_analysis_opts(const cbench_config *cfg, struct cbench_analysis_opts *o);

/* Compares every result of run that base also has, fills ratios to each
 * group's reference (for --load-baseline and cbench tools). */
void cbench_runner_compare_all(const cbench_config *cfg, cbench_run *run,
                               const cbench_run *base);

#endif
