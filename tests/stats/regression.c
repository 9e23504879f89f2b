/* SPDX-License-Identifier: MIT
 *
 * regression.c - the slope through the origin (stats/regression.h and
 * cbench_stats_ols_slope), as a specification: a known fit; an exact
 * line is recovered with R^2 = 1; the slope scales with the times and
 * inversely with the iterations; R^2 is about the mean of the times, so a
 * line through the origin that fits worse than the mean goes negative;
 * undefined cases say so.
 */
#include <math.h>

#include "cbench/stats.h"
#include "check.h"
#include "stats/regression.h"
#include "stats/rng.h"

static void test_slope(void)
{
    const double it[] = {1, 2, 3, 4}, ns[] = {2.1, 3.9, 6.2, 7.8};
    double b, r2;
    CHECK_INT_EQ(cbench_stats_ols_slope(it, ns, 4, &b, &r2), 0);
    /* sum xy = 2.1 + 7.8 + 18.6 + 31.2 = 59.7; sum xx = 30 */
    CHECK_NEAR(b, 59.7 / 30, 1e-14);
    CHECK(r2 > 0.99 && r2 <= 1);
    const double zero[] = {0, 0};
    CHECK_INT_EQ(cbench_stats_ols_slope(zero, ns, 2, &b, &r2), CBENCH_EDOMAIN);
    CHECK(isnan(b) && isnan(r2));
    /* One point: slope defined, R^2 undefined. */
    CHECK_INT_EQ(cbench_stats_ols_slope(it, ns, 1, &b, &r2), 0);
    CHECK_NEAR(b, 2.1, 1e-15);
    CHECK(isnan(r2));
    const double bad[] = {1, NAN};
    CHECK_INT_EQ(cbench_stats_ols_slope(it, bad, 2, &b, &r2), CBENCH_EINVAL);
    CHECK_INT_EQ(cbench_stats_ols_slope(it, ns, 0, &b, &r2), CBENCH_EINVAL);
}

/* time = 2.5 ns x iterations exactly: slope 2.5, R^2 1; scaling the times
 * by 3 triples the slope, doubling the iterations halves it, R^2 stays. */
static void test_exact_and_scaling(void)
{
    cbench_rng r;
    cbench_rng_seed(&r, 5);
    double x[40], y[40], y3[40], x2[40];
    for (int i = 0; i < 40; i++) {
        x[i] = 10.0 * (i + 1);
        y[i] = 2.5 * x[i];
    }
    double r2;
    CHECK_NEAR(cbench_regression_fit(x, y, 40, &r2), 2.5, 1e-14);
    CHECK_NEAR(r2, 1, 1e-14);
    for (int i = 0; i < 40; i++) {
        y[i] = 2.5 * x[i] * cbench_rng_lognormal(&r, 0, 0.05);
        y3[i] = 3 * y[i];
        x2[i] = 2 * x[i];
    }
    double b = cbench_regression_fit(x, y, 40, &r2), r2b;
    CHECK_NEAR(cbench_regression_fit(x, y3, 40, &r2b), 3 * b, 1e-12 * b);
    CHECK_NEAR(r2b, r2, 1e-12);
    CHECK_NEAR(cbench_regression_fit(x2, y, 40, &r2b), b / 2, 1e-12 * b);
    CHECK_NEAR(r2b, r2, 1e-12);
    CHECK(r2 > 0.9 && r2 < 1);
}

/* Times that fall as iterations grow: the best line through the origin
 * fits worse than the times' mean, and R^2 says so by going negative. */
static void test_negative_r_squared(void)
{
    const double x[] = {1, 2, 3, 4}, y[] = {10, 9, 8, 7};
    double r2;
    double b = cbench_regression_fit(x, y, 4, &r2);
    CHECK_NEAR(b, (10 + 18 + 24 + 28) / 30.0, 1e-14);
    CHECK(r2 < 0);
    /* all times equal: SStot is 0, R^2 undefined */
    const double same[] = {5, 5, 5, 5};
    cbench_regression_fit(x, same, 4, &r2);
    CHECK(isnan(r2));
}

int main(void)
{
    test_slope();
    test_exact_and_scaling();
    test_negative_r_squared();
    return check_result();
}
