/* SPDX-License-Identifier: MIT
 *
 * univariate.h - summary statistics of one sample (public wrappers in
 * <cbench/stats.h>; definitions and domains are stated there).
 *
 * Method:
 *   mean      two passes: m1 = sum x / n, then m = m1 + sum (x - m1) / n.
 *             The correction recovers what rounding lost in the first sum,
 *             so 1e9 + noise of 1e-3 keeps all the noise's digits.
 *   variance  corrected two-pass (Chan, Golub & LeVeque 1983, eq. 1.7):
 *             (sum d^2 - (sum d)^2 / n) / (n - 1), d = x - mean. Never the
 *             naive sum of squares, which cancels catastrophically.
 *   percentile on sorted data, rank r = p/100 (n - 1):
 *
 *        x[lo] ----f----+---------- x[lo+1]      lo = floor(r), f = r - lo
 *                    value = x[lo] + f (x[lo+1] - x[lo])
 *
 *   mad       1.4826 * median |x - median|. The deviations are formed as
 *             (x - x[lo]) - f (x[lo+1] - x[lo]), which is exact for data
 *             with a huge common offset (Sterbenz), then merged outward from
 *             the median into sorted order in O(n) (no second sort).
 *
 * Functions named *_sorted need ascending input and do not check it.
 */
#ifndef CBENCH_STATS_UNIVARIATE_H
#define CBENCH_STATS_UNIVARIATE_H

#include <stddef.h>

#include "cbench/stats.h"

/* 0 if n >= 1, x != NULL and every value is finite, else CBENCH_EINVAL. */
int cbench_univariate_check(const double *x, size_t n);

/* The mean of x (n >= 1, unchecked). */
double cbench_univariate_mean(const double *x, size_t n);
/* The n-1 variance about 'mean' (n >= 2, unchecked). */
double cbench_univariate_variance(const double *x, size_t n, double mean);

/* Sorts x ascending in place (no NaN allowed). */
void cbench_univariate_sort(double *x, size_t n);

/* Percentile p in [0, 100] of sorted x, n >= 1. */
double cbench_univariate_percentile_sorted(const double *x, size_t n, double p);
/* MAD (scaled by 1.4826) of sorted x, n >= 1; scratch holds n doubles. */
double cbench_univariate_mad_sorted(const double *x, size_t n, double *scratch);

/* Copies x into a new sorted array (NULL on out of memory). */
double *cbench_univariate_sorted_copy(const double *x, size_t n);

#endif /* CBENCH_STATS_UNIVARIATE_H */
