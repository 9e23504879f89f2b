/* SPDX-License-Identifier: MIT
 *
 * outliers.c - Tukey's fences (stats/outliers.h), as a specification:
 * every point falls in exactly one class; the classes depend on the
 * shape of the data, not its location, scale or order; a point exactly
 * on a fence is in the inner class; the fences are ordered; bad input is
 * refused with NaN fences.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cbench.h"
#include "check.h"
#include "stats/outliers.h"
#include "stats/rng.h"

static unsigned total(const cbench_outliers *o)
{
    return o->low_severe + o->low_mild + o->normal + o->high_mild + o->high_severe;
}

static int same_classes(const cbench_outliers *a, const cbench_outliers *b)
{
    return a->low_severe == b->low_severe && a->low_mild == b->low_mild
        && a->normal == b->normal && a->high_mild == b->high_mild
        && a->high_severe == b->high_severe;
}

/* Tukey classes depend on the shape of the data, not its location. */
static void test_classes_ignore_location(void)
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
}

/* A point exactly on a fence belongs to the inner class. */
static void test_point_on_a_fence_is_in_the_inner_class(void)
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

/* Order and a power-of-two scale change nothing; the fences come out in
 * order and every point is counted once (seeded, 50 draws of skewed data
 * with heavy tails). */
static void test_classes_ignore_order_and_scale(void)
{
    cbench_rng r;
    cbench_rng_seed(&r, 17);
    for (int trial = 0; trial < 50; trial++) {
        double x[101], y[101];
        for (int i = 0; i < 101; i++) {
            x[i] = ldexp(floor(ldexp(cbench_rng_lognormal(&r, 0, 1.0), 12)), -12);
            y[100 - i] = x[i] * 8;                       /* reversed, scaled */
        }
        cbench_outliers a, b;
        CHECK_INT_EQ(cbench_outliers_classify(x, 101, &a), 0);
        CHECK_INT_EQ(cbench_outliers_classify(y, 101, &b), 0);
        CHECK(same_classes(&a, &b));
        CHECK_INT_EQ(total(&a), 101);
        CHECK(a.fences[0] <= a.fences[1] && a.fences[1] <= a.fences[2]
              && a.fences[2] <= a.fences[3]);
        CHECK_INT_EQ(cbench_outliers_total(&a), 101 - a.normal);
    }
}

/* Equal values: no spread, so nothing is an outlier. */
static void test_equal_values_have_no_outliers(void)
{
    const double x[] = {7, 7, 7, 7};
    cbench_outliers o;
    CHECK_INT_EQ(cbench_outliers_classify(x, 4, &o), 0);
    CHECK_INT_EQ(o.normal, 4);
    CHECK_NEAR(o.fences[0], 7, 0);
    CHECK_NEAR(o.fences[3], 7, 0);
}

/* A NaN or an infinity, or no data, is refused, with NaN fences. */
static void test_non_finite_input_is_refused_with_nan_fences(void)
{
    cbench_outliers o;
    const double nan_in[] = {1, NAN};
    CHECK_INT_EQ(cbench_outliers_classify(nan_in, 2, &o), CBENCH_EINVAL);
    CHECK(isnan(o.fences[0]));
    CHECK_INT_EQ(cbench_outliers_classify(nan_in, 0, &o), CBENCH_EINVAL);
    const double inf_in[] = {1, INFINITY};
    CHECK_INT_EQ(cbench_outliers_classify(inf_in, 2, &o), CBENCH_EINVAL);
    CHECK(isnan(o.fences[3]));
}

int main(void)
{
    test_classes_ignore_location();
    test_point_on_a_fence_is_in_the_inner_class();
    test_classes_ignore_order_and_scale();
    test_equal_values_have_no_outliers();
    test_non_finite_input_is_refused_with_nan_fences();
    return check_result();
}
