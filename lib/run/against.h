/* SPDX-License-Identifier: MIT
 *
 * against.h - comparing a result with its baseline's: the one path the
 * bench executables (runner.c), `cbench compare`, `cbench plot` and
 * `cbench ab --baseline` share, so a pair gets the same verdict wherever
 * it is shown.
 *
 * The change test (stats/analysis.h) runs with the analysis settings the
 * new run was measured with, its noise threshold widened by the machine's
 * own drift between the two results' runs (measure/probe.h): a change no
 * larger than how far the machine moved cannot be told apart from it.
 */
#ifndef CBENCH_RUN_AGAINST_H
#define CBENCH_RUN_AGAINST_H

#include "model/result.h"
#include "stats/analysis.h"

/* The analysis settings a stored run was measured with (its context);
 * the defaults for what the context lacks or holds out of range. */
void cbench_against_opts(const cbench_context *c, cbench_analysis_opts *o);

/* Compares cur (measured in context now) with base, a result of
 * base_run: fills cur->change (has_change 0 when the test cannot run)
 * and each of cur's counters' base_per_iter (NaN when base lacks it),
 * and its user counters' base and change (stats/ucount.h).
 * The noise threshold of o widens by the drift unless ignore_drift;
 * *drift (may be NULL) gets what was added. Returns 0 or the analysis
 * error (CBENCH_EDOMAIN: too few samples). */
int cbench_against(const cbench_analysis_opts *o, const cbench_context *now, cbench_result *cur,
                   const cbench_run *base_run, const cbench_result *base, int ignore_drift,
                   double *drift);

#endif /* CBENCH_RUN_AGAINST_H */
