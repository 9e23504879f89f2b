/* SPDX-License-Identifier: MIT
 *
 * univariate.c - univariate statistics: known values, numerics (huge
 * offsets), properties against brute force, and degenerate input (n = 0,
 * 1, 2, all equal, NaN, inf). Outliers and the slope have their own
 * specs (outliers.c, regression.c).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cbench/stats.h"
#include "check.h"
#include "stats/rng.h"
#include "stats/univariate.h"

#define CHECK_UNDEF(rc, v, code)                                          \
    do {                                                                  \
        CHECK_INT_EQ(rc, code);                                           \
        CHECK(isnan(v));                                                  \
    } while (0)

static void test_known_values(void)
{
    const double x[] = {2.5, 2.4, 3.3, 4.2, 5.1};   /* Google Benchmark */
    double v;
    CHECK_INT_EQ(cbench_stats_stddev(x, 5, &v), 0);
    CHECK_NEAR(v, 1.151086443322134, 1e-12);
    CHECK_INT_EQ(cbench_stats_mean(x, 5, &v), 0);
    CHECK_NEAR(v, 3.5, 1e-15);
    CHECK_INT_EQ(cbench_stats_median(x, 5, &v), 0);
    CHECK_NEAR(v, 3.3, 1e-15);
    /* |x - 3.3| = 0.8 0.9 0 0.9 1.8 -> median 0.9 */
    CHECK_INT_EQ(cbench_stats_mad(x, 5, &v), 0);
    CHECK_NEAR(v, 0.9 * 1.4826, 1e-12);
    CHECK_INT_EQ(cbench_stats_percentile(x, 5, 10, &v), 0);
    CHECK_NEAR(v, 2.4 + 0.4 * 0.1, 1e-15);
    CHECK_INT_EQ(cbench_stats_percentile(x, 5, 100, &v), 0);
    CHECK(v == 5.1);
    CHECK_INT_EQ(cbench_stats_percentile(x, 5, 0, &v), 0);
    CHECK(v == 2.4);
}

/* The variance of 1e9 + noise of 1e-3: a naive sum of squares gives 0 or
 * garbage here; the two-pass form keeps all the noise's digits. */
static void test_huge_offset(void)
{
    double x[1000], y[1000];
    cbench_rng r;
    cbench_rng_seed(&r, 7);
    for (int i = 0; i < 1000; i++) {
        y[i] = 1e-3 * cbench_rng_normal(&r);
        x[i] = 1e9 + y[i];
        y[i] = x[i] - 1e9;            /* the noise as actually stored */
    }
    double vx, vy, mx, my;
    CHECK_INT_EQ(cbench_stats_variance(x, 1000, &vx), 0);
    CHECK_INT_EQ(cbench_stats_variance(y, 1000, &vy), 0);
    CHECK_REL(vx, vy, 1e-6);
    CHECK_INT_EQ(cbench_stats_mean(x, 1000, &mx), 0);
    CHECK_INT_EQ(cbench_stats_mean(y, 1000, &my), 0);
    CHECK_NEAR(mx - 1e9, my, 2e-7);
    /* The MAD's deviations are formed without the offset's rounding. */
    double mad_x, mad_y;
    CHECK_INT_EQ(cbench_stats_mad(x, 1000, &mad_x), 0);
    CHECK_INT_EQ(cbench_stats_mad(y, 1000, &mad_y), 0);
    CHECK_REL(mad_x, mad_y, 1e-6);
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The O(n) merge in the MAD against the obvious sort-based definition, on
 * data with and without ties, odd and even n. */
static void test_mad_matches_brute_force(void)
{
    cbench_rng r;
    cbench_rng_seed(&r, 11);
    for (int trial = 0; trial < 200; trial++) {
        size_t n = 1 + cbench_rng_bounded(&r, 60);
        double x[64], dev[64], s[64];
        int ties = trial % 2;
        for (size_t i = 0; i < n; i++)
            x[i] = ties ? (double)cbench_rng_bounded(&r, 6) : cbench_rng_normal(&r);
        memcpy(s, x, n * sizeof *s);
        qsort(s, n, sizeof *s, cmp);
        double med = cbench_univariate_percentile_sorted(s, n, 50);
        for (size_t i = 0; i < n; i++)
            dev[i] = fabs(x[i] - med);
        qsort(dev, n, sizeof *dev, cmp);
        double want = 1.4826 * cbench_univariate_percentile_sorted(dev, n, 50), got;
        CHECK_INT_EQ(cbench_stats_mad(x, n, &got), 0);
        CHECK_NEAR(got, want, 1e-12);
    }
}

static void test_degenerate(void)
{
    const double one[] = {3.0}, two[] = {1.0, 4.0}, same[] = {2, 2, 2, 2};
    const double with_nan[] = {1, NAN, 3}, with_inf[] = {1, INFINITY, 3};
    double v, lo, hi;
    /* n = 0: invalid for everything, output NaN. */
    CHECK_UNDEF(cbench_stats_mean(one, 0, &v), v, CBENCH_EINVAL);
    CHECK_UNDEF(cbench_stats_variance(one, 0, &v), v, CBENCH_EINVAL);
    CHECK_UNDEF(cbench_stats_median(one, 0, &v), v, CBENCH_EINVAL);
    CHECK_UNDEF(cbench_stats_mad(one, 0, &v), v, CBENCH_EINVAL);
    CHECK_UNDEF(cbench_stats_percentile(one, 0, 5, &v), v, CBENCH_EINVAL);
    CHECK_INT_EQ(cbench_stats_minmax(one, 0, &lo, &hi), CBENCH_EINVAL);
    CHECK(isnan(lo) && isnan(hi));
    CHECK_UNDEF(cbench_stats_mean(NULL, 3, &v), v, CBENCH_EINVAL);
    /* n = 1: the spread is undefined, location is the value. */
    CHECK_UNDEF(cbench_stats_stddev(one, 1, &v), v, CBENCH_EDOMAIN);
    CHECK_UNDEF(cbench_stats_variance(one, 1, &v), v, CBENCH_EDOMAIN);
    CHECK_INT_EQ(cbench_stats_median(one, 1, &v), 0);
    CHECK(v == 3.0);
    CHECK_INT_EQ(cbench_stats_mad(one, 1, &v), 0);
    CHECK(v == 0.0);
    CHECK_INT_EQ(cbench_stats_percentile(one, 1, 99, &v), 0);
    CHECK(v == 3.0);
    /* n = 2. */
    CHECK_INT_EQ(cbench_stats_stddev(two, 2, &v), 0);
    CHECK_NEAR(v, 3 / sqrt(2.0), 1e-15);
    CHECK_INT_EQ(cbench_stats_median(two, 2, &v), 0);
    CHECK(v == 2.5);
    /* All equal: zero spread, not undefined. */
    CHECK_INT_EQ(cbench_stats_stddev(same, 4, &v), 0);
    CHECK(v == 0.0);
    CHECK_INT_EQ(cbench_stats_mad(same, 4, &v), 0);
    CHECK(v == 0.0);
    /* NaN and inf are rejected, never propagated. */
    CHECK_UNDEF(cbench_stats_mean(with_nan, 3, &v), v, CBENCH_EINVAL);
    CHECK_UNDEF(cbench_stats_mean(with_inf, 3, &v), v, CBENCH_EINVAL);
    CHECK_UNDEF(cbench_stats_stddev(with_inf, 3, &v), v, CBENCH_EINVAL);
    CHECK_UNDEF(cbench_stats_median(with_nan, 3, &v), v, CBENCH_EINVAL);
    CHECK_UNDEF(cbench_stats_mad(with_inf, 3, &v), v, CBENCH_EINVAL);
    CHECK_INT_EQ(cbench_stats_minmax(with_nan, 3, &lo, &hi), CBENCH_EINVAL);
    /* Out-of-range percentiles. */
    CHECK_UNDEF(cbench_stats_percentile(two, 2, -1, &v), v, CBENCH_EINVAL);
    CHECK_UNDEF(cbench_stats_percentile(two, 2, 100.5, &v), v, CBENCH_EINVAL);
    CHECK_UNDEF(cbench_stats_percentile(two, 2, NAN, &v), v, CBENCH_EINVAL);
}

int main(void)
{
    test_known_values();
    test_huge_offset();
    test_mad_matches_brute_force();
    test_degenerate();
    return check_result();
}
