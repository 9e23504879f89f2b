/* SPDX-License-Identifier: MIT
 *
 * compare.h - two-sample comparison: is 'b' (new) different from 'a'
 * (base), by how much, and is it worth reporting?
 *
 * Method.
 *   test      Welch's unequal-variance t-test (Welch 1947):
 *                 t  = (mean b - mean a) / se,  se^2 = va/na + vb/nb
 *                 df = se^4 / ((va/na)^2/(na-1) + (vb/nb)^2/(nb-1))
 *             (Welch-Satterthwaite), two-sided p from Student's t
 *             (distributions.h). The public cbench_stats_welch() keeps the
 *             test data's sign convention t = (mean a - mean b) / se.
 *             Why Welch and not criterion's bootstrap t-test: on the
 *             per-round estimates the units are few, independent and
 *             close to normal (each is itself a median or mean of many
 *             samples), which is exactly Welch's setting; it needs no
 *             equal-variance assumption, costs nothing, and its error rate
 *             at alpha is exact enough to be checked in the tests.
 *   change    relative change b/a - 1 of the typical value, as a ratio of
 *             geometric means with a Welch interval on the logs:
 *                 d = mean log b - mean log a,  CI = d +- t_{df,(1+c)/2} se_log
 *                 change = exp(d) - 1, CI = exp(CI) - 1
 *             Logs make the interval scale-free and asymmetric the right
 *             way (a halving and a doubling are equally far). When any
 *             value is <= 0 the change falls back to the difference of
 *             means over |mean a| with the same Welch interval.
 *   verdict   p >= significance          -> no change
 *             CI lower > +noise_threshold -> regressed (slower)
 *             CI upper < -noise_threshold -> improved (faster)
 *             otherwise                   -> within noise
 */
#ifndef CBENCH_STATS_COMPARE_H
#define CBENCH_STATS_COMPARE_H

#include <stddef.h>

#include "core/result.h"

/* Welch test of b against a (t > 0 when b's mean is larger). Unchecked
 * finite input, na, nb >= 2. Writes t, df and two-sided p (see
 * cbench_stats_welch for the zero-variance case). */
void cbench_compare_welch(const double *a, size_t na, const double *b,
                          size_t nb, double *t, double *df, double *p);

/* Relative change b/a - 1 with a Welch CI at 'confidence' (see Method);
 * na, nb >= 2, finite. 0, or CBENCH_EDOMAIN (est NaN) when undefined. */
int cbench_compare_change(const double *a, size_t na, const double *b,
                          size_t nb, double confidence, cbench_estimate *est);

/* Paired relative change b/a - 1: t-interval over the n log-ratios
 * log(b[i]/a[i]) (n >= 2, all > 0); p from the paired t-test on them. */
int cbench_compare_paired_change(const double *a, const double *b, size_t n,
                                 double confidence, cbench_estimate *est,
                                 double *p);

/* The verdict for a p-value and a relative-change CI (see Method). NaN p,
 * or a significant p with an undefined CI, gives CBENCH_VERDICT_NONE. */
cbench_verdict cbench_compare_verdict(double p, const cbench_estimate *change,
                                      double significance, double noise_threshold);

#endif /* CBENCH_STATS_COMPARE_H */
