/* SPDX-License-Identifier: MIT
 *
 * counters.h - event counter values in a result: folding a run's totals
 * into per-iteration values, looking one up, and the ratios derived from
 * them (IPC, miss rates).
 *
 * Pure arithmetic on cbench_counter_value, below the perf layer that
 * reads the counters (lib/perf/counters.h) and the reports that print
 * them, so that printing a ratio needs no perf_event_open code.
 */
#ifndef CBENCH_MODEL_COUNTERS_H
#define CBENCH_MODEL_COUNTERS_H

#include <stddef.h>

#include "model/result.h"

/* Folds per-sample totals into r->counters (appended after any counters r
 * already has, up to CBENCH_MAX_COUNTERS). totals is n_samples x n_counters,
 * row-major; iters[s] is the iteration count of sample s. per_iter is the
 * mean over samples of totals/iters, skipping samples whose total is NaN or
 * whose iters <= 0 (NaN when none is left); base_per_iter = NaN; exact = 0. */
void cbench_counters_summarize(const char *const *names, size_t n_counters,
                               const double *totals, const double *iters,
                               size_t n_samples, cbench_result *r);

/* Ratios derived from per-iteration counters, NaN when an input is missing,
 * NaN or a denominator is 0. */
typedef struct cbench_counter_derived {
    double ipc;                /* instructions / cycles */
    double l1_miss_rate;       /* L1-dcache-load-misses / L1-dcache-loads */
    double branch_miss_rate;   /* branch-misses / branches */
} cbench_counter_derived;

/* Computes the ratios from cv[0..n) (per_iter, or base_per_iter when
 * use_base is 1). */
void cbench_counters_derive(const cbench_counter_value *cv, size_t n,
                            int use_base, cbench_counter_derived *d);

/* Looks up a counter by name in cv[0..n); NULL when absent. */
const cbench_counter_value *cbench_counters_find(const cbench_counter_value *cv,
                                                 size_t n, const char *name);

#endif
