/* SPDX-License-Identifier: MIT
 *
 * univariate.c - univariate statistics, outliers and the slope: known
 * values, numerics (huge offsets), properties against brute force, and
 * degenerate input (n = 0, 1, 2, all equal, NaN, inf).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cbench/stats.h"
#include "check.h"
#include "stats/outliers.h"
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

/* Tukey classes depend on the shape of the data, not its location. */
static void test_outliers_shift_invariant(void)
{
    cbench_rng r;
    cbench_rng_seed(&r, 3);
    for (int trial = 0; trial < 50; trial++) {
        double x[200], y[200];
        for (int i = 0; i < 200; i++) {
            /* Dyadic values, so shifting by a power of two is exact and
             * no point can cross a fence by rounding. */
            x[i] = ldexp(floor(ldexp(cbench_rng_lognormal(&r, 0, 0.6), 10)), -10);
            y[i] = x[i] + 1024;
        }
        cbench_outliers a, b;
        CHECK_INT_EQ(cbench_outliers_classify(x, 200, &a), 0);
        CHECK_INT_EQ(cbench_outliers_classify(y, 200, &b), 0);
        CHECK_INT_EQ(a.low_severe, b.low_severe);
        CHECK_INT_EQ(a.low_mild, b.low_mild);
        CHECK_INT_EQ(a.normal, b.normal);
        CHECK_INT_EQ(a.high_mild, b.high_mild);
        CHECK_INT_EQ(a.high_severe, b.high_severe);
        CHECK_INT_EQ(a.low_severe + a.low_mild + a.normal + a.high_mild + a.high_severe, 200);
    }
    cbench_outliers o;
    const double nan_in[] = {1, NAN};
    CHECK_INT_EQ(cbench_outliers_classify(nan_in, 2, &o), CBENCH_EINVAL);
    CHECK(isnan(o.fences[0]));
    CHECK_INT_EQ(cbench_outliers_classify(nan_in, 0, &o), CBENCH_EINVAL);
}

/* A point exactly on a fence belongs to the inner class. */
static void test_outliers_on_fence(void)
{
    /* q1 = 1, q3 = 2 (n = 5: 1 1 . 2 2 with rank 1 and 3), iqr = 1. */
    const double x[] = {1, 1, 1.5, 2, 2, 3.5, 5, -0.5, -2};
    cbench_outliers o;
    CHECK_INT_EQ(cbench_outliers_classify(x, 9, &o), 0);
    /* sorted: -2 -0.5 1 1 1.5 2 2 3.5 5; q1 = 1, q3 = 2, iqr = 1
     * fences -2, -0.5, 3.5, 5: every extreme point sits on a fence. */
    CHECK_NEAR(o.fences[0], -2, 0);
    CHECK_NEAR(o.fences[3], 5, 0);
    CHECK_INT_EQ(o.low_severe, 0);
    CHECK_INT_EQ(o.low_mild, 1);       /* -2 on the severe fence: mild */
    CHECK_INT_EQ(o.normal, 7);         /* -0.5 and 3.5 on the mild fences */
    CHECK_INT_EQ(o.high_mild, 1);      /* 5 on the severe fence: mild */
    CHECK_INT_EQ(o.high_severe, 0);
}

int main(void)
{
    test_known_values();
    test_huge_offset();
    test_mad_matches_brute_force();
    test_degenerate();
    test_slope();
    test_outliers_shift_invariant();
    test_outliers_on_fence();
    return check_result();
}
