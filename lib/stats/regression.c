/* SPDX-License-Identifier: MIT
 *
 * regression.c - OLS slope through the origin and R^2; see regression.h.
 */
#include "stats/regression.h"

#include <math.h>

#include "cbench/stats.h"
#include "stats/univariate.h"

/* R^2 of the line y = slope x. */
static double r_squared_of(const double *x, const double *y, size_t n,
                           double slope)
{
    if (n < 2)
        return NAN;
    double my = cbench_univariate_mean(y, n);
    double ss_tot = cbench_univariate_variance(y, n, my) * (double)(n - 1);
    if (!(ss_tot > 0))
        return NAN;
    double ss_res = 0;
    for (size_t i = 0; i < n; i++) {
        double e = y[i] - slope * x[i];
        ss_res += e * e;
    }
    return 1 - ss_res / ss_tot;
}

double cbench_regression_fit(const double *x, const double *y, size_t n,
                             double *r_squared)
{
    double sxy = 0, sxx = 0;
    for (size_t i = 0; i < n; i++) {
        sxy += x[i] * y[i];
        sxx += x[i] * x[i];
    }
    double slope = sxx > 0 ? sxy / sxx : NAN;
    if (r_squared != NULL)
        *r_squared = isnan(slope) ? NAN : r_squared_of(x, y, n, slope);
    return slope;
}

int cbench_stats_ols_slope(const double *x, const double *y, size_t n,
                           double *slope, double *r_squared)
{
    if (slope == NULL)
        return CBENCH_EINVAL;
    *slope = NAN;
    if (r_squared != NULL)
        *r_squared = NAN;
    int rc = cbench_univariate_check(x, n);
    if (rc == 0)
        rc = cbench_univariate_check(y, n);
    if (rc != 0)
        return rc;
    double r2;
    double b = cbench_regression_fit(x, y, n, &r2);
    if (isnan(b))
        return CBENCH_EDOMAIN;
    *slope = b;
    if (r_squared != NULL)
        *r_squared = r2;
    return 0;
}
