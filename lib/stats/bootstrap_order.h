/* SPDX-License-Identifier: MIT
 *
 * bootstrap_order.h - order statistics of a resample held as counts
 * (internal to the bootstrap).
 *
 * x is the data sorted ascending with sentinels x[-1] = -inf and x[n] =
 * +inf; cnt[i] says how often x[i] was drawn (cnt[-1] = cnt[n] = 0); the
 * resample has m = sum cnt values. Both functions are O(n) and sort
 * nothing.
 */
#ifndef CBENCH_STATS_BOOTSTRAP_ORDER_H
#define CBENCH_STATS_BOOTSTRAP_ORDER_H

#include <stddef.h>
#include <stdint.h>

/* Percentile p (in [0, 100]) of the resample, interpolated at rank
 * p / 100 (m - 1); *lo_pos gets the position of the lower order
 * statistic. */
double cbench__boot_count_percentile(const double *x, const uint32_t *cnt, size_t m,
                                     double p, size_t *lo_pos);

/* Scaled MAD (CBENCH_MAD_SCALE times the median absolute deviation from
 * med, the resample's median found at position med_pos). skip > 0 allows
 * the shortcut that counts the values within skip of the median in one
 * pass when they are all below the middle rank (0: never). */
double cbench__boot_count_mad(const double *x, const uint32_t *cnt, size_t n,
                              size_t m, double med, size_t med_pos, double skip);

#endif /* CBENCH_STATS_BOOTSTRAP_ORDER_H */
