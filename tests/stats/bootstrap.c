/* SPDX-License-Identifier: MIT
 *
 * bootstrap.c - the resampling engine: every statistic computed from
 * counts equals the statistic of the expanded resample; quantile selection
 * equals sorting; bit-for-bit reproducibility (seed, threads); bootstrap
 * means within [min, max]; coverage of the 95 % CI of a normal mean and a
 * lognormal median in 1,000 trials with 2,000 resamples.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cbench/stats.h"
#include "check.h"
#include "stats/bootstrap.h"
#include "stats/regression.h"
#include "stats/rng.h"
#include "stats/univariate.h"

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Expands counts over sorted x into the resample (ascending). */
static size_t expand(const double *x, const uint32_t *cnt, size_t n, double *out)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        for (uint32_t k = 0; k < cnt[i]; k++)
            out[m++] = x[i];
    return m;
}

/* Each distribution entry against direct computation on its resample,
 * for plain (0) and two-level resampling (1: tied data, 2: continuous). */
static void test_counts_match_direct(int grouped)
{
    enum { N = 37 };
    double x[N], it[N], ns[N], res[8 * N], rit[8 * N], rns[8 * N], scratch[8 * N];
    uint32_t members[N], cnt[N];
    size_t off[5] = {0, 9, 10, 25, N};      /* 4 rounds of unequal size */
    cbench_rng r;
    cbench_rng_seed(&r, grouped + 1);
    for (size_t i = 0; i < N; i++)   /* ties on purpose, or none */
        x[i] = grouped == 2 ? cbench_rng_normal(&r)
                            : floor(8 * cbench_rng_uniform(&r)) + (i % 3 == 0 ? 0.5 : 0);
    qsort(x, N, sizeof *x, cmp);
    for (size_t i = 0; i < N; i++) {
        it[i] = 1 + (double)(i % 5);
        ns[i] = x[i] * it[i];
        members[i] = (uint32_t)((i * 7) % N);   /* a permutation */
    }
    const double pcts[] = {1, 25, 50, 90, 100};
    cbench_boot_spec s = {.x = x, .n = N, .iters = it, .ns = ns,
                          .members = grouped ? members : NULL,
                          .group_off = grouped ? off : NULL,
                          .n_groups = grouped ? 4 : 0,
                          .want = 0x1f, .pcts = pcts, .n_pcts = 5,
                          .n_resamples = 9000, .seed = 77, .threads = 2};
    cbench_boot_dist d;
    CHECK_INT_EQ(cbench_boot_run(&s, &d), 0);
    const size_t probe[] = {0, 1, 4095, 4096, 8191, 8999};
    for (size_t k = 0; k < sizeof probe / sizeof probe[0]; k++) {
        size_t b = probe[k];
        size_t m = cbench_boot_resample_counts(&s, b, cnt);
        CHECK(m == expand(x, cnt, N, res) && m >= 1);
        size_t q = 0;
        for (size_t i = 0; i < N; i++)
            for (uint32_t c = 0; c < cnt[i]; c++, q++) {
                rit[q] = it[i];
                rns[q] = ns[i];
            }
        double mean = cbench_univariate_mean(res, m);
        CHECK_REL(d.stat[CBENCH_BOOT_MEAN][b], mean, 1e-12);
        CHECK_REL(d.stat[CBENCH_BOOT_STD_DEV][b],
                  sqrt(cbench_univariate_variance(res, m, mean)), 1e-9);
        CHECK(d.stat[CBENCH_BOOT_MEDIAN][b] == cbench_univariate_percentile_sorted(res, m, 50));
        CHECK_NEAR(d.stat[CBENCH_BOOT_MAD][b], cbench_univariate_mad_sorted(res, m, scratch), 1e-12);
        CHECK_REL(d.stat[CBENCH_BOOT_SLOPE][b], cbench_regression_fit(rit, rns, m, NULL), 1e-12);
        for (size_t p = 0; p < 5; p++)
            CHECK(d.pct[p][b] == cbench_univariate_percentile_sorted(res, m, pcts[p]));
        if (grouped) {
            /* m is a sum of 4 round sizes: between 4 * 1 and 4 * 15. */
            CHECK(m >= 4 && m <= 60);
        } else {
            CHECK_INT_EQ(m, N);
        }
    }
    cbench_boot_dist_free(&d);
}

/* The mean-only fast path draws differently; check it too. */
static void test_mean_fast_path(void)
{
    double x[51], res[51];
    uint32_t cnt[51];
    for (int i = 0; i < 51; i++)
        x[i] = i * i;
    cbench_boot_spec s = {.x = x, .n = 51, .want = CBENCH_BOOT_WANT(CBENCH_BOOT_MEAN),
                          .n_resamples = 5000, .seed = 3};
    cbench_boot_dist d;
    CHECK_INT_EQ(cbench_boot_run(&s, &d), 0);
    for (size_t b = 0; b < 5000; b += 1237) {
        size_t m = cbench_boot_resample_counts(&s, b, cnt);
        CHECK_INT_EQ(expand(x, cnt, 51, res), m);
        CHECK_REL(d.stat[CBENCH_BOOT_MEAN][b], cbench_univariate_mean(res, m), 1e-12);
    }
    /* Every bootstrap mean lies within [min, max] of the data. */
    int inside = 1;
    for (size_t b = 0; b < 5000; b++)
        inside &= d.stat[CBENCH_BOOT_MEAN][b] >= 0 && d.stat[CBENCH_BOOT_MEAN][b] <= 2500;
    CHECK(inside);
    cbench_boot_dist_free(&d);
}

/* The bracketed selection is exact: same values as sorting. */
static void test_quantiles_exact(void)
{
    cbench_rng r;
    cbench_rng_seed(&r, 12);
    const size_t sizes[] = {1, 2, 10, 999, 20000, 100000};
    const double levels[][2] = {{0.025, 0.975}, {0.0005, 0.9995}, {0, 1}, {0.5, 0.5},
                                {0.3, 0.31}};
    for (size_t si = 0; si < sizeof sizes / sizeof sizes[0]; si++) {
        size_t n = sizes[si];
        double *v = malloc(n * sizeof *v), *s = malloc(n * sizeof *s);
        for (size_t li = 0; li < sizeof levels / sizeof levels[0]; li++) {
            for (size_t i = 0; i < n; i++)   /* heavy ties in half the runs */
                v[i] = li % 2 ? floor(20 * cbench_rng_normal(&r)) : cbench_rng_normal(&r);
            memcpy(s, v, n * sizeof *s);
            qsort(s, n, sizeof *s, cmp);
            double lo, hi, se;
            CHECK_INT_EQ(cbench_boot_ci(v, n, levels[li][0], levels[li][1], &lo, &hi, &se), 0);
            CHECK(lo == cbench_univariate_percentile_sorted(s, n, 100 * levels[li][0]));
            CHECK(hi == cbench_univariate_percentile_sorted(s, n, 100 * levels[li][1]));
            CHECK(se >= 0);
        }
        v[0] = NAN;
        double lo, hi, se;
        CHECK_INT_EQ(cbench_boot_ci(v, n, 0.1, 0.9, &lo, &hi, &se), CBENCH_EDOMAIN);
        CHECK(isnan(lo) && isnan(hi) && isnan(se));
        free(v);
        free(s);
    }
}

/* Same seed, same bits, whatever the thread count; another seed differs. */
static void test_reproducible(void)
{
    double x[100];
    for (int i = 0; i < 100; i++)
        x[i] = 100 + (i * 37 % 100) * 0.1;
    qsort(x, 100, sizeof *x, cmp);
    size_t off[] = {0, 30, 60, 100};
    uint32_t mem[100];
    for (uint32_t i = 0; i < 100; i++)
        mem[i] = i;
    cbench_boot_dist d[4];
    unsigned threads[4] = {1, 2, 3, 2};
    uint64_t seeds[4] = {5, 5, 5, 6};
    for (int k = 0; k < 4; k++) {
        cbench_boot_spec s = {.x = x, .n = 100, .members = mem, .group_off = off,
                              .n_groups = 3, .want = 0xf, .n_resamples = 10000,
                              .seed = seeds[k], .threads = threads[k]};
        CHECK_INT_EQ(cbench_boot_run(&s, &d[k]), 0);
    }
    for (int st = 0; st < 4; st++) {
        CHECK(memcmp(d[0].stat[st], d[1].stat[st], 10000 * sizeof(double)) == 0);
        CHECK(memcmp(d[0].stat[st], d[2].stat[st], 10000 * sizeof(double)) == 0);
        CHECK(memcmp(d[0].stat[st], d[3].stat[st], 10000 * sizeof(double)) != 0);
    }
    for (int k = 0; k < 4; k++)
        cbench_boot_dist_free(&d[k]);
    double a[2], b[2];
    CHECK_INT_EQ(cbench_stats_bootstrap_mean_ci(x, 100, 20000, 0.95, 9, 1, &a[0], &a[1]), 0);
    CHECK_INT_EQ(cbench_stats_bootstrap_mean_ci(x, 100, 20000, 0.95, 9, 2, &b[0], &b[1]), 0);
    CHECK(a[0] == b[0] && a[1] == b[1]);
    CHECK(a[0] < 104.95 && a[1] > 104.95);
}

static void test_bad_input(void)
{
    double x[3] = {1, 2, 3}, lo, hi, se;
    CHECK_INT_EQ(cbench_stats_bootstrap_ci(x, 0, CBENCH_STAT_MEAN, 100, 0.95, 1, 1, &lo, &hi, &se),
                 CBENCH_EINVAL);
    CHECK(isnan(lo) && isnan(hi) && isnan(se));
    CHECK_INT_EQ(cbench_stats_bootstrap_ci(x, 3, CBENCH_STAT_MEAN, 1, 0.95, 1, 1, &lo, &hi, &se),
                 CBENCH_EINVAL);
    CHECK_INT_EQ(cbench_stats_bootstrap_ci(x, 3, CBENCH_STAT_MEAN, 100, 1.0, 1, 1, &lo, &hi, &se),
                 CBENCH_EINVAL);
    CHECK_INT_EQ(cbench_stats_bootstrap_ci(x, 1, CBENCH_STAT_STD_DEV, 100, 0.9, 1, 1, &lo, &hi, &se),
                 CBENCH_EDOMAIN);
    x[1] = INFINITY;
    CHECK_INT_EQ(cbench_stats_bootstrap_ci(x, 3, CBENCH_STAT_MEDIAN, 100, 0.9, 1, 1, &lo, &hi, &se),
                 CBENCH_EINVAL);
    /* One value: every resample is that value. */
    CHECK_INT_EQ(cbench_stats_bootstrap_ci(x, 1, CBENCH_STAT_MAD, 100, 0.9, 1, 1, &lo, &hi, &se), 0);
    CHECK(lo == 0 && hi == 0 && se == 0);
    cbench_boot_spec bad = {.x = x, .n = 3, .n_resamples = 10,
                            .want = CBENCH_BOOT_WANT(CBENCH_BOOT_SLOPE)};  /* no pairs */
    cbench_boot_dist d;
    CHECK_INT_EQ(cbench_boot_run(&bad, &d), CBENCH_EINVAL);
}

/* 95 % percentile CIs from 2,000 resamples must cover the truth in 93-97 %
 * of 1,000 independent trials. */
static void test_coverage(void)
{
    cbench_rng r;
    cbench_rng_seed(&r, 2026);
    enum { TRIALS = 1000, N = 100 };
    int cover_mean = 0, cover_median = 0;
    double x[N];
    for (int t = 0; t < TRIALS; t++) {
        double lo, hi;
        for (int i = 0; i < N; i++)
            x[i] = 10 + 2 * cbench_rng_normal(&r);
        cbench_stats_bootstrap_mean_ci(x, N, 2000, 0.95, (uint64_t)t, 1, &lo, &hi);
        cover_mean += lo <= 10 && 10 <= hi;
        for (int i = 0; i < N; i++)
            x[i] = cbench_rng_lognormal(&r, log(5.0), 0.5);
        cbench_stats_bootstrap_ci(x, N, CBENCH_STAT_MEDIAN, 2000, 0.95, (uint64_t)t, 1, &lo, &hi,
                                  NULL);
        cover_median += lo <= 5 && 5 <= hi;
    }
    printf("coverage: mean %d / %d, lognormal median %d / %d\n", cover_mean, TRIALS,
           cover_median, TRIALS);
    CHECK(cover_mean >= 930 && cover_mean <= 970);
    CHECK(cover_median >= 930 && cover_median <= 970);
}

int main(void)
{
    test_counts_match_direct(0);
    test_counts_match_direct(1);
    test_counts_match_direct(2);
    test_mean_fast_path();
    test_quantiles_exact();
    test_reproducible();
    test_bad_input();
    test_coverage();
    return check_result();
}
