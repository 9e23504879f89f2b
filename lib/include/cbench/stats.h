/* SPDX-License-Identifier: MIT
 *
 * cbench/stats.h - cbench's statistics on plain arrays of doubles, usable
 * without the benchmark runner (link libcbench, include <cbench/stats.h>).
 *
 * Conventions, for every function below:
 *  - Input arrays are not modified and may be in any order.
 *  - Return 0 on success or a negative CBENCH_E* code:
 *      CBENCH_EINVAL  empty input, a NaN or infinite value, a NULL pointer or
 *                     an argument outside its stated range. Outputs are NaN.
 *      CBENCH_EDOMAIN the input is valid but the statistic is undefined for
 *                     it (e.g. the standard deviation of one value). The
 *                     output is NaN: an undefined value is never a number.
 *      CBENCH_ENOMEM  out of memory (functions that need a sorted copy).
 *  - Definitions are those of criterion.rs and ../shared/testdata:
 *      mean       arithmetic mean (computed in two passes, so an offset of
 *                 1e9 on a spread of 1e-3 loses nothing)
 *      variance   sum (x - mean)^2 / (n - 1); defined for n >= 2
 *      percentile rank r = p/100 * (n - 1) on the sorted data, linear
 *                 interpolation between floor(r) and ceil(r); p in [0, 100]
 *      median     percentile 50
 *      mad        median(|x - median|) * 1.4826 (consistent with the
 *                 standard deviation for normal data); 0 for n = 1
 *      slope      OLS through the origin: sum(x y) / sum(x^2)
 *      r_squared  1 - sum (y - slope x)^2 / sum (y - mean y)^2
 *      welch t    (mean a - mean b) / sqrt(var a / na + var b / nb)
 */
#ifndef CBENCH_STATS_H
#define CBENCH_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "cbench.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Normal-consistency factor of the MAD. */
#define CBENCH_MAD_SCALE 1.4826

/* Domain: n >= 1, all finite. */
CBENCH_API int cbench_stats_mean(const double *x, size_t n, double *out);
/* Domain: n >= 1 (n = 1 -> CBENCH_EDOMAIN), all finite. */
CBENCH_API int cbench_stats_variance(const double *x, size_t n, double *out);
CBENCH_API int cbench_stats_stddev(const double *x, size_t n, double *out);
/* Domain: n >= 1, all finite. Both outputs are written. */
CBENCH_API int cbench_stats_minmax(const double *x, size_t n,
                                   double *min, double *max);
/* Domain: n >= 1, all finite; p in [0, 100]. These three sort a copy
 * (CBENCH_ENOMEM if it cannot be allocated). */
CBENCH_API int cbench_stats_percentile(const double *x, size_t n, double p,
                                       double *out);
CBENCH_API int cbench_stats_median(const double *x, size_t n, double *out);
CBENCH_API int cbench_stats_mad(const double *x, size_t n, double *out);

/* OLS slope through the origin of y against x, and R^2.
 * Domain: n >= 1, all finite, sum x^2 > 0 (else CBENCH_EDOMAIN, both NaN).
 * r_squared (may be NULL) is NaN when undefined: n < 2 or all y equal;
 * the function still returns 0 then, since the slope is defined. */
CBENCH_API int cbench_stats_ols_slope(const double *x, const double *y,
                                      size_t n, double *slope,
                                      double *r_squared);

/* Welch's two-sample t-test. Writes t, the Welch-Satterthwaite degrees of
 * freedom and the two-sided p-value (each pointer may be NULL).
 * Domain: na, nb >= 2, all finite. If both variances are 0 the test is
 * degenerate but decided: equal means give t = 0, p = 1; different means
 * give t = +-inf, p = 0; df is NaN in both cases. */
CBENCH_API int cbench_stats_welch(const double *a, size_t na,
                                  const double *b, size_t nb,
                                  double *t, double *df, double *p);

/* Statistics the bootstrap can resample. */
typedef enum cbench_stats_statistic {
    CBENCH_STAT_MEAN = 0,
    CBENCH_STAT_MEDIAN,
    CBENCH_STAT_STD_DEV,
    CBENCH_STAT_MAD
} cbench_stats_statistic;

/* Percentile bootstrap confidence interval of a statistic of x:
 * 'n_resamples' resamples of size n drawn with replacement (xoshiro256**
 * seeded with 'seed', unbiased bounded integers), CI = the (1-c)/2 and
 * (1+c)/2 percentiles of the resampled statistic. threads: 0 = auto (at
 * most 2), 1 = none, else that many. The result is bit-for-bit the same
 * for a seed whatever the thread count. lower/upper/std_err (bootstrap
 * standard error; may be NULL) are written.
 * Domain: n >= 1 (n >= 2 for CBENCH_STAT_STD_DEV), finite; n <= 2^32;
 * n_resamples >= 2; 0 < confidence < 1. */
CBENCH_API int cbench_stats_bootstrap_ci(const double *x, size_t n,
                                         cbench_stats_statistic stat,
                                         unsigned n_resamples,
                                         double confidence, uint64_t seed,
                                         unsigned threads, double *lower,
                                         double *upper, double *std_err);
/* cbench_stats_bootstrap_ci(x, n, CBENCH_STAT_MEAN, ...). The fast path
 * that cbench's own benchmark of its analysis times. */
CBENCH_API int cbench_stats_bootstrap_mean_ci(const double *x, size_t n,
                                              unsigned n_resamples,
                                              double confidence,
                                              uint64_t seed, unsigned threads,
                                              double *lower, double *upper);

/* Student's t distribution with df > 0 degrees of freedom (df may be
 * fractional; df = INFINITY is the normal distribution). cdf is
 * P(T <= t); quantile inverts it for 0 < p < 1 (NaN outside). */
CBENCH_API double cbench_stats_t_cdf(double t, double df);
CBENCH_API double cbench_stats_t_quantile(double p, double df);
/* The standard normal distribution. */
CBENCH_API double cbench_stats_normal_cdf(double x);
CBENCH_API double cbench_stats_normal_quantile(double p);

#ifdef __cplusplus
}
#endif
#endif /* CBENCH_STATS_H */
