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

/* A known fit: b = sum(it ns) / sum(it^2), R^2 close to 1. */
static void test_slope_of_a_known_fit(void)
{
    const double it[] = {1, 2, 3, 4}, ns[] = {2.1, 3.9, 6.2, 7.8};
    double b, r2;
    CHECK_INT_EQ(cbench_stats_ols_slope(it, ns, 4, &b, &r2), 0);
    /* sum xy = 2.1 + 7.8 + 18.6 + 31.2 = 59.7; sum xx = 30 */
    CHECK_NEAR(b, 59.7 / 30, 1e-14);
    CHECK(r2 > 0.99 && r2 <= 1);
}

/* No iterations at all: no slope, and both outputs say so with NaN. */
static void test_zero_iterations_have_no_slope(void)
{
    const double zero[] = {0, 0}, ns[] = {2.1, 3.9};
    double b, r2;
    CHECK_INT_EQ(cbench_stats_ols_slope(zero, ns, 2, &b, &r2), CBENCH_EDOMAIN);
    CHECK(isnan(b) && isnan(r2));
}

/* One point: slope defined, R^2 undefined. */
static void test_one_point_has_a_slope_but_no_r_squared(void)
{
    const double it[] = {1}, ns[] = {2.1};
    double b, r2;
    CHECK_INT_EQ(cbench_stats_ols_slope(it, ns, 1, &b, &r2), 0);
    CHECK_NEAR(b, 2.1, 1e-15);
    CHECK(isnan(r2));
}

/* A NaN time or no points at all is bad input, not a number. */
static void test_bad_input_is_refused(void)
{
    const double it[] = {1, 2}, ns[] = {2.1, 3.9}, bad[] = {1, NAN};
    double b, r2;
    CHECK_INT_EQ(cbench_stats_ols_slope(it, bad, 2, &b, &r2), CBENCH_EINVAL);
    CHECK_INT_EQ(cbench_stats_ols_slope(it, ns, 0, &b, &r2), CBENCH_EINVAL);
}

/* time = 2.5 ns x iterations exactly: slope 2.5, R^2 1; scaling the times
 * by 3 triples the slope, doubling the iterations halves it, R^2 stays. */
static void test_exact_line_is_recovered_and_scales(void)
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
static void test_r_squared_goes_negative_for_a_fit_worse_than_the_mean(void)
{
    const double x[] = {1, 2, 3, 4}, y[] = {10, 9, 8, 7};
    double r2;
    double b = cbench_regression_fit(x, y, 4, &r2);
    CHECK_NEAR(b, (10 + 18 + 24 + 28) / 30.0, 1e-14);
    CHECK(r2 < 0);
}

/* All times equal: SStot is 0, R^2 undefined. */
static void test_equal_times_have_no_r_squared(void)
{
    const double x[] = {1, 2, 3, 4}, same[] = {5, 5, 5, 5};
    double r2;
    cbench_regression_fit(x, same, 4, &r2);
    CHECK(isnan(r2));
}

int main(void)
{
    test_slope_of_a_known_fit();
    test_zero_iterations_have_no_slope();
    test_one_point_has_a_slope_but_no_r_squared();
    test_bad_input_is_refused();
    test_exact_line_is_recovered_and_scales();
    test_r_squared_goes_negative_for_a_fit_worse_than_the_mean();
    test_equal_times_have_no_r_squared();
    return check_result();
}
