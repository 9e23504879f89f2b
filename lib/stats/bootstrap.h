/* SPDX-License-Identifier: MIT
 *
 * bootstrap.h - resampling distributions and percentile confidence
 * intervals (Efron & Tibshirani 1993, ch. 13; criterion.rs stats/).
 *
 * Method. A resample draws, with replacement and unbiased bounded integers
 * (rng.h), either
 *   plain:        n values from the n data, or
 *   two-level:    K groups (rounds) from the K groups, then, inside each
 *                 chosen group g, n_g values from that group's n_g values
 *                 (Davison & Hinkley 1997, 3.8: resampling at both stages
 *                 of a hierarchical sample keeps the between-group
 *                 variance in the bootstrap distribution).
 * The statistic of every resample is computed and the CI is read off the
 * bootstrap distribution at the requested quantile levels (percentile
 * method), with linear interpolation at rank q (B - 1).
 *
 * Speed. The data are sorted once. A resample is represented by a count
 * per sorted position, so its median and percentiles come from walking
 * cumulative counts (O(n), no sort) and its MAD from merging the deviation
 * runs left and right of the median, also O(n):
 *
 *   sorted x:  x0  x1  x2  x3  x4  x5        counts: 2 0 1 1 0 2   (m = 6)
 *   median = values at ranks 2 and 3 of the multiset = x2, x3 -> (x2+x3)/2
 *
 * Mean, variance and the slope's sums accumulate while drawing (about the
 * data's mean, to avoid cancellation). The quantiles of the B values are
 * found by selection (O(B)), not by sorting them.
 *
 * Reproducibility. Resamples are cut into fixed chunks of
 * CBENCH_BOOT_CHUNK; chunk c uses the generator seeded with 'seed' and
 * jumped c times (2^128 draws apart), and writes its results to fixed
 * slots. The distribution is therefore bit-for-bit identical for a seed
 * whatever the number of threads.
 *
 * Files, one job each: bootstrap.c (set-up, chunks, threads, the public
 * intervals), bootstrap_draw.c (one resample), bootstrap_order.c (order
 * statistics from counts), bootstrap_ci.c (reading a distribution).
 */
#ifndef CBENCH_STATS_BOOTSTRAP_H
#define CBENCH_STATS_BOOTSTRAP_H

#include <stddef.h>
#include <stdint.h>

#define CBENCH_BOOT_CHUNK 4096u

typedef enum cbench_boot_stat {
    CBENCH_BOOT_MEAN = 0,
    CBENCH_BOOT_STD_DEV,
    CBENCH_BOOT_MEDIAN,
    CBENCH_BOOT_MAD,
    CBENCH_BOOT_SLOPE,
    CBENCH_BOOT_NSTAT
} cbench_boot_stat;

#define CBENCH_BOOT_WANT(s) (1u << (s))

/* What to resample. */
typedef struct cbench_boot_spec {
    const double *x;         /* n values, ascending when median, MAD or
                                percentiles are wanted */
    size_t n;                /* 1 <= n <= 2^32 */
    /* Slope pairs aligned with x (x[i] = ns[i] / iters[i]); required for
     * CBENCH_BOOT_SLOPE, else may be NULL. */
    const double *iters, *ns;
    /* Groups for the two-level bootstrap: group g holds the indices
     * members[group_off[g] .. group_off[g+1]) into x; every group is
     * non-empty. n_groups <= 1 (members may be NULL) means plain. */
    const uint32_t *members;
    const size_t *group_off;
    size_t n_groups;
    unsigned want;           /* CBENCH_BOOT_WANT() bits */
    const double *pcts;      /* percentiles in [0, 100] to resample */
    size_t n_pcts;
    unsigned n_resamples;    /* >= 1 */
    uint64_t seed;
    unsigned threads;        /* 0 = auto (at most 2) */
} cbench_boot_spec;

/* Bootstrap distributions: stat[s] holds n_resamples values when wanted
 * (else NULL); pct[k] likewise for pcts[k]. A value is NaN where the
 * statistic is undefined for a resample (std dev of one value). */
typedef struct cbench_boot_dist {
    unsigned n_resamples;
    double *stat[CBENCH_BOOT_NSTAT];
    double **pct;
    size_t n_pcts;
} cbench_boot_dist;

/* Runs the bootstrap. Fills *out (free with cbench_boot_dist_free).
 * 0, CBENCH_EINVAL (bad spec) or CBENCH_ENOMEM (out zeroed). */
int cbench_boot_run(const cbench_boot_spec *spec, cbench_boot_dist *out);
void cbench_boot_dist_free(cbench_boot_dist *d);   /* NULL-safe */

/* Regenerates resample number b (< n_resamples) of spec: counts[i] = how
 * often sorted position i was drawn (n entries), returns the resample size
 * m (0 on bad input or out of memory). For tests and diagnostics: the
 * statistics of this multiset equal the distribution's entries b. */
size_t cbench_boot_resample_counts(const cbench_boot_spec *spec, size_t b,
                                   uint32_t *counts);

/* Reading a distribution (bootstrap_ci.c). */

/* Percentile CI from a bootstrap distribution v[0..B): the values at
 * quantile levels q_lo < q_hi (rank q (B - 1), interpolated), and the
 * bootstrap standard error (SD of v). Reorders v. If any value is NaN,
 * all three outputs are NaN and CBENCH_EDOMAIN is returned. */
int cbench_boot_ci(double *v, size_t b, double q_lo, double q_hi,
                   double *lower, double *upper, double *std_err);

/* The value of quantile level q of v[0..B) (rank q (B - 1)); reorders v. */
double cbench_boot_quantile(double *v, size_t b, double q);

#endif /* CBENCH_STATS_BOOTSTRAP_H */
