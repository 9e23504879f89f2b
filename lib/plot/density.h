/* SPDX-License-Identifier: MIT
 *
 * density.h - the little statistics the charts need, computed here so that
 * lib/plot does not depend on lib/stats: quantiles, Tukey fences, a Gaussian
 * kernel density estimate and a bootstrap of a relative change.
 * No I/O; every function is O(n log n) or O(n * points) as stated.
 */
#ifndef CBENCH_PLOT_DENSITY_H
#define CBENCH_PLOT_DENSITY_H

#include <stddef.h>
#include <stdint.h>

/* Quantile p (0..1) of the n >= 1 values in 'sorted' (ascending), by linear
 * interpolation between order statistics (R's type 7). NaN when n == 0. */
double cbench_plot_quantile(const double *sorted, size_t n, double p);

/* Tukey fences of the n values in 'sorted': fences[0..3] = q1 - 3 iqr,
 * q1 - 1.5 iqr, q3 + 1.5 iqr, q3 + 3 iqr. NaN for n == 0. */
void cbench_plot_fences(const double *sorted, size_t n, double fences[4]);

/* Tukey class of x against fences: -2 low severe, -1 low mild, 0 normal,
 * 1 high mild, 2 high severe. */
int cbench_plot_tukey_class(double x, const double fences[4]);

/* Silverman's rule-of-thumb bandwidth 0.9 * min(sd, iqr / 1.34) * n^-1/5 of
 * the n values in 'sorted'. Never 0 for finite input: a constant sample
 * gets a bandwidth of 1e-3 of its magnitude (or 1e-9 for all zeros). */
double cbench_plot_bandwidth(const double *sorted, size_t n);

/* Gaussian kernel density of the n values x with bandwidth bw, evaluated
 * at 'points' equally spaced positions from lo to hi (points >= 2):
 * gx[i] = position, gy[i] = density. Time O(n * points). */
void cbench_plot_kde(const double *x, size_t n, double bw, double lo, double hi,
                     size_t points, double *gx, double *gy);

/* Sorts n doubles ascending (NaN not allowed). */
void cbench_plot_sort(double *x, size_t n);

#endif /* CBENCH_PLOT_DENSITY_H */
