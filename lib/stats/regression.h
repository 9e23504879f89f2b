/* SPDX-License-Identifier: MIT
 *
 * regression.h - the linear-sampling fit: time = slope * iterations.
 *
 * Method: ordinary least squares through the origin (criterion.rs
 * stats/bivariate/regression.rs), which minimises sum (y - b x)^2:
 *
 *     b   = sum(x y) / sum(x^2)
 *     R^2 = 1 - SSres / SStot,  SSres = sum (y - b x)^2,
 *                               SStot = sum (y - mean y)^2
 *
 * SStot is taken about the mean of y, as the test data define it (and not
 * about 0, nor with the slope's residuals swapped in, the mistakes that
 * make R^2 meaningless). SStot uses the corrected two-pass sum. R^2 can be
 * negative for a line through the origin that fits worse than the mean.
 *
 *      y |            .  *
 *        |        * .        slope = time per iteration (ns)
 *        |    * .  *
 *        |  .*
 *        +--------------- x (iterations)
 */
#ifndef CBENCH_STATS_REGRESSION_H
#define CBENCH_STATS_REGRESSION_H

#include <stddef.h>

/* Unchecked fit of finite x, y (n >= 1). Returns the slope (NaN when
 * sum x^2 == 0) and stores R^2 (NaN when n < 2 or all y equal) unless
 * r_squared is NULL. */
double cbench_regression_fit(const double *x, const double *y, size_t n,
                             double *r_squared);

#endif /* CBENCH_STATS_REGRESSION_H */
