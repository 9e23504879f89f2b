/* SPDX-License-Identifier: MIT
 *
 * analysis_prep.h - a result's samples prepared once for every analysis
 * step (internal to the analysis files: analysis.c, analysis_change.c,
 * analysis_stability.c, analysis_paired.c).
 *
 * x = ns / iters sorted ascending (ties by sample index, so the order is
 * the same whatever qsort does), (iters, ns) aligned with x for the slope,
 * and the sorted positions grouped by round: the layout the two-level
 * bootstrap takes (bootstrap.h) and the per-round estimator reads.
 */
#ifndef CBENCH_STATS_ANALYSIS_PREP_H
#define CBENCH_STATS_ANALYSIS_PREP_H

#include <stddef.h>
#include <stdint.h>

#include "model/result.h"
#include "stats/analysis.h"
#include "stats/bootstrap.h"

typedef struct cbench_prep {
    size_t n, k;             /* samples, rounds */
    double *x;               /* per-iteration times, ascending */
    double *iters, *ns;      /* aligned with x */
    uint32_t *members;       /* positions into x, grouped by round */
    size_t *group_off;       /* k + 1 offsets into members */
    uint32_t *round_id;      /* k round ids, ascending */
    double *scratch;         /* 3 n doubles */
    int flat;
} cbench_prep;

/* 1 if o is usable by every cbench_analysis_* entry point, else 0. */
int cbench__analysis_opts_valid(const cbench_analysis_opts *o);

/* Prepares r's samples into *p (free with cbench__prep_free). 0,
 * CBENCH_EINVAL (no samples, more than 2^32, a non-finite value or iters
 * <= 0; *p zeroed) or CBENCH_ENOMEM. */
int cbench__prep_build(const cbench_result *r, cbench_prep *p);
void cbench__prep_free(cbench_prep *p);

/* The estimator e over round g (or over all samples when g == p->k);
 * uses p->scratch. The slope falls back to the mean for flat sampling. */
double cbench__prep_estimator(const cbench_prep *p, cbench_estimator e, size_t g);

/* The k per-round estimates in a malloc'd array (NULL on out of memory). */
double *cbench__prep_round_estimates(const cbench_prep *p, cbench_estimator e);

/* The bootstrap statistic that resamples estimator e: the slope (not
 * flat), the mean (mean, or slope when flat), else the median. */
cbench_boot_stat cbench__prep_boot_stat(const cbench_prep *p, cbench_estimator e);

/* A bootstrap spec over p (two-level when p->k >= 2) wanting the
 * CBENCH_BOOT_WANT bits want, with o's resamples and threads. */
void cbench__prep_boot_spec(const cbench_analysis_opts *o, const cbench_prep *p,
                            unsigned want, uint64_t seed, cbench_boot_spec *s);

/* Sets every field of *e. */
void cbench__analysis_est_set(cbench_estimate *e, double point, double lo, double hi,
                              double se, double level);

#endif /* CBENCH_STATS_ANALYSIS_PREP_H */
