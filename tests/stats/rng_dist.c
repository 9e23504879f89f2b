/* SPDX-License-Identifier: MIT
 *
 * rng_dist.c - the generator (reproducible, independent streams, unbiased
 * bounded integers) and the t / normal distributions against reference
 * values computed with mpmath at 30 digits.
 */
#include <math.h>
#include <string.h>

#include "cbench/stats.h"
#include "check.h"
#include "stats/distributions.h"
#include "stats/rng.h"

static void test_reproducible_and_streams(void)
{
    cbench_rng a, b, c;
    cbench_rng_seed(&a, 42);
    cbench_rng_seed(&b, 42);
    cbench_rng_seed(&c, 43);
    int same = 1, differ = 0;
    for (int i = 0; i < 1000; i++) {
        uint64_t x = cbench_rng_next(&a), y = cbench_rng_next(&b), z = cbench_rng_next(&c);
        same &= x == y;
        differ += x != z;
    }
    CHECK(same);
    CHECK(differ > 990);
    /* Seed 0 is fine (splitmix64 never yields the all-zero state). */
    cbench_rng_seed(&a, 0);
    CHECK(a.s[0] | a.s[1] | a.s[2] | a.s[3]);
    /* Stream k = k jumps: stream 2 equals stream 1 jumped once. */
    cbench_rng_seed_stream(&a, 9, 2);
    cbench_rng_seed_stream(&b, 9, 1);
    cbench_rng_jump(&b);
    CHECK(memcmp(&a, &b, sizeof a) == 0);
    cbench_rng_seed_stream(&c, 9, 1);
    CHECK(memcmp(&a, &c, sizeof a) != 0);
}

/* Chi-square of bounded draws against the uniform law. n = 3 * 2^30 + 1
 * is where plain "x % n" on 32 bits is most biased (values below 2^32 mod
 * n come up twice as often); Lemire's rejection must remove that. */
static void test_bounded_unbiased(void)
{
    cbench_rng r;
    cbench_rng_seed(&r, 5);
    const uint64_t big = 3ull * (1ull << 30) + 1;
    const int draws = 300000;
    int low_third = 0;
    for (int i = 0; i < draws; i++) {
        uint32_t v = cbench_rng_bounded(&r, big);
        CHECK(v < big);
        low_third += v < (1ull << 30);
    }
    /* Unbiased: P(v < 2^30) = 2^30 / n ~ 1/3 (modulo would give ~1/2). */
    double frac = (double)low_third / draws;
    CHECK_NEAR(frac, 1.0 / 3, 0.005);
    for (uint32_t n = 1; n <= 9; n++) {
        int hist[9] = {0}, hist4[9] = {0};
        for (int i = 0; i < 9000; i++) {
            hist[cbench_rng_bounded(&r, n)]++;
            uint32_t q[4];
            cbench_rng_bounded4(&r, n, q);
            for (int k = 0; k < 4; k++) {
                CHECK(q[k] < n);
                hist4[q[k] < n ? q[k] : 0]++;
            }
        }
        double chi = 0, chi4 = 0, e = 9000.0 / n, e4 = 36000.0 / n;
        for (uint32_t k = 0; k < n; k++) {
            chi += (hist[k] - e) * (hist[k] - e) / e;
            chi4 += (hist4[k] - e4) * (hist4[k] - e4) / e4;
        }
        /* 99.9 % point of chi-square with 8 df is 26.1. */
        CHECK(chi < 27);
        CHECK(chi4 < 27);
    }
    uint32_t q[4];
    cbench_rng_bounded4(&r, 65536, q);
    CHECK(q[0] < 65536);
}

static void test_uniform_normal(void)
{
    cbench_rng r;
    cbench_rng_seed(&r, 8);
    double s = 0, s2 = 0, ms = 0;
    for (int i = 0; i < 200000; i++) {
        double u = cbench_rng_uniform(&r);
        CHECK(u >= 0 && u < 1);
        double z = cbench_rng_normal(&r);
        s += z;
        s2 += z * z;
        ms += cbench_rng_lognormal(&r, 1, 0.5) < exp(1);
    }
    CHECK_NEAR(s / 200000, 0, 0.01);
    CHECK_NEAR(s2 / 200000, 1, 0.015);
    CHECK_NEAR(ms / 200000, 0.5, 0.005);    /* median of lognormal = e^mu */
}

static void test_t_quantile_reference(void)
{
    static const struct { double df, q975, q995; } ref[] = {
        {1, 12.706204736174704647, 63.656741162871580995},
        {2, 4.3026527297494638523, 9.9248432009182931147},
        {3, 3.1824463052837095927, 5.8409093097333572607},
        {5, 2.5705818356363155147, 4.0321429835552280784},
        {10, 2.2281388519862747484, 3.1692726726169512346},
        {30, 2.04227245630123831, 2.7499956535672253324},
        {2.5, 3.5746548420036832185, 7.1637281389487855199},
        {1.3, 7.5005293255620333206, 26.057551633213912692},
        {100, 1.9839715185235522866, 2.6258905214380179306},
        {1000, 1.962339080826408485, 2.5807546980659510793},
    };
    for (size_t i = 0; i < sizeof ref / sizeof ref[0]; i++) {
        CHECK_REL(cbench_stats_t_quantile(0.975, ref[i].df), ref[i].q975, 1e-10);
        CHECK_REL(cbench_stats_t_quantile(0.995, ref[i].df), ref[i].q995, 1e-10);
        CHECK_REL(cbench_stats_t_quantile(0.025, ref[i].df), -ref[i].q975, 1e-10);
    }
    CHECK(cbench_stats_t_quantile(0.5, 7) == 0);
    CHECK(isnan(cbench_stats_t_quantile(0, 7)));
    CHECK(isnan(cbench_stats_t_quantile(1, 7)));
    CHECK(isnan(cbench_stats_t_quantile(0.9, -1)));
    CHECK_REL(cbench_stats_t_quantile(0.975, INFINITY), 1.9599639845400536, 1e-12);
}

static void test_cdfs_reference(void)
{
    CHECK_REL(cbench_stats_t_cdf(2, 5), 0.94903026058507081537, 1e-12);
    CHECK_REL(cbench_stats_t_cdf(-3, 2.7), 0.032947978828383344959, 1e-10);
    /* A tiny two-sided p keeps its digits (no 1 - (1 - p)). */
    CHECK_REL(cbench_dist_t_two_sided(-12.6445621066917, 197.3),
              3.1412128970264071174e-27, 1e-8);
    CHECK(cbench_dist_t_two_sided(0, 4) == 1);
    CHECK(cbench_dist_t_two_sided(INFINITY, 4) == 0);
    CHECK(isnan(cbench_dist_t_two_sided(NAN, 4)));
    CHECK_REL(cbench_stats_normal_cdf(-1.5), 0.06680720126885809, 1e-13);
    CHECK_REL(cbench_stats_normal_quantile(0.975), 1.9599639845400536, 1e-13);
    CHECK_REL(cbench_stats_normal_quantile(1e-10), -6.361340902404056, 1e-11);
    CHECK(cbench_stats_normal_quantile(0) == -INFINITY);
    CHECK(isnan(cbench_stats_normal_quantile(1.5)));
    /* Round trips over a grid of levels and df. */
    const double dfs[] = {1, 1.7, 3, 8.5, 40, 1e5};
    for (size_t i = 0; i < sizeof dfs / sizeof dfs[0]; i++)
        for (double p = 0.001; p < 1; p += 0.0413) {
            double t = cbench_stats_t_quantile(p, dfs[i]);
            CHECK_NEAR(cbench_stats_t_cdf(t, dfs[i]), p, 1e-12);
        }
    CHECK_NEAR(cbench_dist_beta_inc(2, 3, 0.4), 0.5248, 1e-14);
    CHECK(isnan(cbench_dist_beta_inc(-1, 3, 0.4)));
}

int main(void)
{
    test_reproducible_and_streams();
    test_bounded_unbiased();
    test_uniform_normal();
    test_t_quantile_reference();
    test_cdfs_reference();
    return check_result();
}
