/* SPDX-License-Identifier: MIT
 *
 * outliers.h - Tukey's fences (Tukey 1977; as criterion.rs stats/tukey.rs).
 *
 * Method: q1, q3 = percentiles 25 and 75 (linear interpolation, see
 * univariate.h), iqr = q3 - q1, fences at 3 and 1.5 iqr beyond the
 * quartiles. A point exactly on a fence belongs to the inner class:
 *
 *   low severe | low mild |          normal          | high mild | high severe
 *  ------------+----------+--------------------------+-----------+------------
 *          q1 - 3 iqr  q1 - 1.5 iqr            q3 + 1.5 iqr  q3 + 3 iqr
 *
 *   x <  q1-3iqr                 -> low severe
 *   q1-3iqr <= x < q1-1.5iqr     -> low mild
 *   q1-1.5iqr <= x <= q3+1.5iqr  -> normal
 *   q3+1.5iqr < x <= q3+3iqr     -> high mild
 *   x >  q3+3iqr                 -> high severe
 *
 * Outliers are counted and reported; they are never dropped from the data.
 */
#ifndef CBENCH_STATS_OUTLIERS_H
#define CBENCH_STATS_OUTLIERS_H

#include <stddef.h>

#include "model/result.h"

/* Classifies sorted x (n >= 1, finite, ascending; unchecked) and fills
 * out->fences {low_severe, low_mild, high_mild, high_severe} and counts. */
void cbench_outliers_classify_sorted(const double *x, size_t n,
                                     cbench_outliers *out);

/* The same for any finite x in any order. 0, CBENCH_EINVAL (empty, NaN,
 * inf; *out zeroed with NaN fences) or CBENCH_ENOMEM. */
int cbench_outliers_classify(const double *x, size_t n, cbench_outliers *out);

/* The total number of mild and severe outliers. */
unsigned cbench_outliers_total(const cbench_outliers *o);

#endif /* CBENCH_STATS_OUTLIERS_H */
