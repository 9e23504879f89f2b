/* SPDX-License-Identifier: MIT
 *
 * knees.c - the knees of a size sweep, on synthetic sweeps whose truth is
 * known: exact steps give back their place and factor; one, two and three
 * noisy steps of different factors are found where they are, with
 * intervals that hold the true factor; flat sweeps (with round noise, and
 * with sizes that wander more than their rounds) and smooth ramps show a
 * knee in a bounded number of many fixed-seed trials; a smooth transition
 * over a few sizes is one knee; the knee names the cache in its footprint
 * range (or the nearest one); properties (scale, rounds' order, steps
 * down); degenerate input is rejected with its code.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbench.h"
#include "check.h"
#include "stats/knees.h"
#include "stats/rng.h"

/* The sweep: 18 sizes, one per octave from 1 Ki elements, 5 rounds each. */
#define M 18
#define K 5

typedef struct sweep {
    double t[M][K];
    cbench_knee_size s[M];
} sweep;

/* A truth: log cost per element at size index i is the sum of the steps
 * at or below i (steps[j] at index at[j]), plus 'ramp' per index. */
typedef struct truth {
    int n_steps;
    int at[3];
    double factor[3];
    double ramp;               /* log factor per size */
    double sigmoid;            /* > 0: one smooth step of this factor */
} truth;

static double log_cost(const truth *tr, int i)
{
    double y = tr->ramp * i;
    for (int j = 0; j < tr->n_steps; j++)
        if (i >= tr->at[j])
            y += log(tr->factor[j]);
    if (tr->sigmoid > 0)           /* centred on index 9, ~2 octaves wide */
        y += log(tr->sigmoid) / (1 + exp(-2.0 * (i - 9)));
    return y;
}

/* Rounds of each size: exp(truth + size offset) * lognormal(round_sd),
 * size offset ~ N(0, size_sd): the wander between sizes the rounds do not
 * see. */
static void make(sweep *w, const truth *tr, double round_sd, double size_sd,
                 cbench_rng *g)
{
    for (int i = 0; i < M; i++) {
        double off = size_sd > 0 ? size_sd * cbench_rng_normal(g) : 0;
        for (int k = 0; k < K; k++)
            w->t[i][k] = 3.0 * exp(log_cost(tr, i) + off)
                       * (round_sd > 0 ? cbench_rng_lognormal(g, 0, round_sd) : 1);
        w->s[i] = (cbench_knee_size){ldexp(1, 10 + i), w->t[i], K};
    }
}

static int find(const sweep *w, cbench_knees *out)
{
    cbench_knee_opts o;
    cbench_knees_opts_default(&o);
    return cbench_knees_find(w->s, M, &o, out);
}

/* Exact steps (rounds that agree): the knee sits exactly between the
 * sizes of the step, with the step's factor and a zero-width interval. */
static void test_exact_steps(void)
{
    truth tr = {2, {5, 12}, {1.3, 2.0}, 0, 0};
    sweep w;
    make(&w, &tr, 0, 0, NULL);
    cbench_knees out;
    CHECK_INT_EQ(find(&w, &out), 0);
    CHECK_INT_EQ(out.n_segments, 3);
    CHECK_INT_EQ(out.n_knees, 2);
    CHECK_INT_EQ(out.knees[0].lo, 4);
    CHECK_INT_EQ(out.knees[0].hi, 5);
    CHECK_NEAR(out.knees[0].n_lo, 16384, 0);
    CHECK_NEAR(out.knees[0].n_hi, 32768, 0);
    CHECK_REL(out.knees[0].factor.point, 1.3, 1e-9);
    CHECK_REL(out.knees[0].factor.lower, 1.3, 1e-5);
    CHECK_REL(out.knees[0].factor.upper, 1.3, 1e-5);
    CHECK_INT_EQ(out.knees[1].lo, 11);
    CHECK_INT_EQ(out.knees[1].hi, 12);
    CHECK_REL(out.knees[1].factor.point, 2.0, 1e-9);
    CHECK_REL(out.segments[0].level, 3.0, 1e-9);
    CHECK_REL(out.segments[2].level, 3.0 * 1.3 * 2.0, 1e-9);
    CHECK_INT_EQ(out.segments[1].first, 5);
    CHECK_INT_EQ(out.segments[1].last, 11);
    CHECK_INT_EQ(out.knees[0].cache, -1);            /* no caches given */
    CHECK(isnan(out.knees[0].bytes_lo));
    /* Exactly flat: one segment, no knee. */
    truth flat = {0, {0}, {0}, 0, 0};
    make(&w, &flat, 0, 0, NULL);
    CHECK_INT_EQ(find(&w, &out), 0);
    CHECK_INT_EQ(out.n_segments, 1);
    CHECK_INT_EQ(out.n_knees, 0);
}

/* Over 200 noisy sweeps of truth tr, how many found exactly its steps
 * (each knee's range holds its step: lo < at <= hi, no other knee), and
 * of those knees how many intervals held the true factor. */
static void count_found(const truth *tr, double round_sd, uint64_t seed, int *exact,
                        int *covered, int *knees)
{
    cbench_rng g;
    cbench_rng_seed(&g, seed);
    *exact = *covered = *knees = 0;
    for (int trial = 0; trial < 200; trial++) {
        sweep w;
        cbench_knees out;
        make(&w, tr, round_sd, 0, &g);
        if (find(&w, &out) != 0 || out.n_knees != (size_t)tr->n_steps)
            continue;
        int ok = 1;
        for (int j = 0; j < tr->n_steps; j++) {
            const cbench_knee *k = &out.knees[j];
            ok &= (int)k->lo < tr->at[j] && (int)k->hi >= tr->at[j];
            *covered += k->factor.lower <= tr->factor[j] && tr->factor[j] <= k->factor.upper;
            (*knees)++;
        }
        *exact += ok;
    }
}

/* One, two and three steps of different factors with 2 % round noise:
 * found where they are in at least 98 % of sweeps; with 5 % all of the
 * larger steps still are, the 1.2x beside a 1.6x in at least 80 %. The
 * intervals hold the true factor in at least 90 % of knees. */
static void test_noisy_steps(void)
{
    const truth cases[] = {
        {1, {9}, {1.5}, 0, 0},
        {2, {5, 12}, {1.3, 2.0}, 0, 0},
        {3, {4, 9, 14}, {1.2, 1.6, 1.4}, 0, 0},
        {2, {3, 16}, {1.15, 3.0}, 0, 0},       /* near the ends */
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        int exact, covered, knees;
        count_found(&cases[c], 0.02, 100 + c, &exact, &covered, &knees);
        if (getenv("KNEES_VERBOSE"))
            printf("case %zu, 2 %%: %d/200 exact, %d/%d covered\n", c, exact, covered, knees);
        CHECK(exact >= 196);
        CHECK(covered >= 0.9 * knees);
        count_found(&cases[c], 0.05, 200 + c, &exact, &covered, &knees);
        if (getenv("KNEES_VERBOSE"))
            printf("case %zu, 5 %%: %d/200 exact, %d/%d covered\n", c, exact, covered, knees);
        CHECK(exact >= (c == 2 ? 160 : 180));
        CHECK(covered >= 0.9 * knees);
    }
}

/* Of 'trials' sweeps of tr, how many show any knee. */
static int with_knees(const truth *tr, double round_sd, double size_sd, int trials,
                      uint64_t seed)
{
    cbench_rng g;
    cbench_rng_seed(&g, seed);
    int any = 0;
    for (int trial = 0; trial < trials; trial++) {
        sweep w;
        cbench_knees out;
        make(&w, tr, round_sd, size_sd, &g);
        any += find(&w, &out) == 0 && out.n_knees > 0;
    }
    return any;
}

/* Flat sweeps: no knee in nearly every one of 1000, with noisy rounds
 * (5 and 10 %), and with sizes that wander 5 % while their rounds vary 1 %
 * (the scatter floor of knees.h; without it more than half showed one). */
static void test_flat(void)
{
    const truth flat = {0, {0}, {0}, 0, 0};
    int noisy = with_knees(&flat, 0.05, 0, 1000, 300);
    int noisier = with_knees(&flat, 0.10, 0, 1000, 301);
    int wander = with_knees(&flat, 0.01, 0.05, 1000, 302);
    if (getenv("KNEES_VERBOSE"))
        printf("flat: %d, %d, %d of 1000 with a knee\n", noisy, noisier, wander);
    CHECK(noisy <= 10);
    CHECK(noisier <= 10);
    CHECK(wander <= 60);
}

/* The penalty alone (min_factor 1: any step up counts): a flat sweep
 * shows a knee in at most alpha = 5 % of 2000, with the sweep above and
 * with 5 sizes of 3 rounds (no scatter floor, variances from 3 values). */
static void test_flat_penalty(void)
{
    cbench_rng g;
    cbench_rng_seed(&g, 310);
    const truth flat = {0, {0}, {0}, 0, 0};
    cbench_knee_opts o;
    cbench_knees_opts_default(&o);
    o.min_factor = 1;
    int big = 0, small = 0;
    for (int trial = 0; trial < 2000; trial++) {
        sweep w;
        cbench_knees out;
        make(&w, &flat, 0.05, 0, &g);
        big += cbench_knees_find(w.s, M, &o, &out) == 0 && out.n_knees > 0;
        for (int i = 0; i < 5; i++)
            w.s[i].k = 3;
        small += cbench_knees_find(w.s, 5, &o, &out) == 0 && out.n_knees > 0;
    }
    if (getenv("KNEES_VERBOSE"))
        printf("flat, any step: %d, %d of 2000 with a knee\n", big, small);
    CHECK(big <= 100);
    CHECK(small <= 100);
}

/* Smooth ramps (x2 and x1.3 over the sweep) are not knees in at least
 * 95 % of 1000 sweeps with 5 % round noise, and 85 % when sizes also
 * wander 2 %: a staircase fits them, a line fits them better. */
static void test_ramps(void)
{
    const truth ramp = {0, {0}, {0}, log(2.0) / (M - 1), 0};
    const truth slow = {0, {0}, {0}, log(1.3) / (M - 1), 0};
    int a = with_knees(&ramp, 0.05, 0, 1000, 400);
    int b = with_knees(&slow, 0.05, 0, 1000, 401);
    int c = with_knees(&ramp, 0.02, 0.02, 1000, 402);
    if (getenv("KNEES_VERBOSE"))
        printf("ramps: %d, %d, %d of 1000 with a knee\n", a, b, c);
    CHECK(a <= 50);
    CHECK(b <= 50);
    CHECK(c <= 150);
}

/* A smooth x2.5 transition over about two octaves is one knee whose range
 * holds its middle (index 9) and whose factor is within 10 % of 2.5, in at
 * least 95 % of 200 sweeps. */
static void test_smooth_transition(void)
{
    const truth tr = {0, {0}, {0}, 0, 2.5};
    cbench_rng g;
    cbench_rng_seed(&g, 500);
    int good = 0;
    for (int trial = 0; trial < 200; trial++) {
        sweep w;
        cbench_knees out;
        make(&w, &tr, 0.03, 0, &g);
        if (find(&w, &out) != 0 || out.n_knees != 1)
            continue;
        const cbench_knee *k = &out.knees[0];
        good += k->lo <= 9 && k->hi >= 9 && fabs(k->factor.point / 2.5 - 1) < 0.1;
    }
    CHECK(good >= 190);
}

/* The example: a knee between 1.4 Mi and 2 Mi points of 24 B is
 * 32.0-45.3 MiB of footprint (1398080 points sit at the edge of a 32 MiB
 * L3, 512 bytes short of it), which holds the L3. An L3 of 30 MiB lies
 * below the range, the nearest level within a factor of 2; one of 8 MiB
 * is too far to name. */
static void test_cache_level(void)
{
    static double lo[K], hi[K];
    for (int k = 0; k < K; k++) {
        lo[k] = 1.0 + 0.001 * k;
        hi[k] = 2.9 + 0.001 * k;
    }
    const cbench_knee_size s[] = {
        {1048576, lo, K}, {1398080, lo, K}, {1977216, hi, K}, {4194304, hi, K}};
    const cbench_knee_cache caches[] = {
        {"L1d", 32768}, {"L2", 524288}, {"L3", 33554432}};
    cbench_knee_opts o;
    cbench_knees_opts_default(&o);
    o.bytes_per_element = 24;
    o.caches = caches;
    o.n_caches = 3;
    cbench_knees out;
    CHECK_INT_EQ(cbench_knees_find(s, 4, &o, &out), 0);
    CHECK_INT_EQ(out.n_knees, 1);
    const cbench_knee *k = &out.knees[0];
    CHECK_INT_EQ(k->lo, 1);
    CHECK_INT_EQ(k->hi, 2);
    CHECK_NEAR(k->bytes_lo, 1398080.0 * 24, 0);
    CHECK_NEAR(k->bytes_hi, 1977216.0 * 24, 0);
    CHECK_INT_EQ(k->cache, 2);
    CHECK_INT_EQ(k->cache_near, 0);
    CHECK_REL(k->factor.point, 2.9, 0.01);
    const cbench_knee_cache near[] = {{"L2", 524288}, {"L3", 31457280}};
    o.caches = near;
    o.n_caches = 2;
    CHECK_INT_EQ(cbench_knees_find(s, 4, &o, &out), 0);
    CHECK_INT_EQ(out.knees[0].cache, 1);
    CHECK_INT_EQ(out.knees[0].cache_near, 1);
    const cbench_knee_cache far[] = {{"L2", 524288}, {"L3", 8388608}};
    o.caches = far;
    CHECK_INT_EQ(cbench_knees_find(s, 4, &o, &out), 0);
    CHECK_INT_EQ(out.knees[0].cache, -1);
    o.bytes_per_element = NAN;                       /* no footprint: none */
    o.caches = caches;
    o.n_caches = 3;
    CHECK_INT_EQ(cbench_knees_find(s, 4, &o, &out), 0);
    CHECK_INT_EQ(out.knees[0].cache, -1);
    CHECK(isnan(out.knees[0].bytes_hi));
}

/* Properties on fixed-seed noisy sweeps: scaling every time or every size
 * changes no segment and no knee (only the levels scale); the order of a
 * size's rounds does not matter; a step down is never a knee. */
static void test_properties(void)
{
    const truth tr = {2, {5, 12}, {1.3, 2.0}, 0, 0};
    cbench_rng g;
    cbench_rng_seed(&g, 600);
    for (int trial = 0; trial < 50; trial++) {
        sweep w, v;
        cbench_knees a, b;
        make(&w, &tr, 0.04, 0.01, &g);
        CHECK_INT_EQ(find(&w, &a), 0);
        v = w;
        for (int i = 0; i < M; i++) {
            for (int k = 0; k < K; k++)
                v.t[i][k] = w.t[i][(k + 2) % K] * 7.5;       /* rounds rotated */
            v.s[i] = (cbench_knee_size){w.s[i].n * 3, v.t[i], K};
        }
        CHECK_INT_EQ(find(&v, &b), 0);
        CHECK_INT_EQ(a.n_segments, b.n_segments);
        CHECK_INT_EQ(a.n_knees, b.n_knees);
        for (size_t j = 0; j < a.n_knees && j < b.n_knees; j++) {
            CHECK_INT_EQ(a.knees[j].lo, b.knees[j].lo);
            CHECK_REL(a.knees[j].factor.point, b.knees[j].factor.point, 1e-9);
            CHECK_REL(a.knees[j].factor.lower, b.knees[j].factor.lower, 1e-9);
            CHECK_NEAR(b.knees[j].n_lo, 3 * a.knees[j].n_lo, 0);
        }
        CHECK_REL(b.segments[0].level, 7.5 * a.segments[0].level, 1e-9);
        for (int i = 0; i < M; i++)                          /* upside down */
            v.s[i] = (cbench_knee_size){w.s[i].n, w.t[M - 1 - i], K};
        CHECK_INT_EQ(find(&v, &b), 0);
        CHECK_INT_EQ(b.n_knees, 0);
        CHECK(b.n_segments >= 2);
    }
}

static void check_code(const cbench_knee_size *s, size_t m, const cbench_knee_opts *o,
                       int code)
{
    cbench_knees out;
    out.n_knees = out.n_segments = 99;
    CHECK_INT_EQ(cbench_knees_find(s, m, o, &out), code);
    CHECK_INT_EQ(out.n_knees, 0);
    CHECK_INT_EQ(out.n_segments, 0);
}

static void test_degenerate(void)
{
    double t[3] = {1, 1.01, 0.99}, nan_t[3] = {1, NAN, 1}, neg_t[3] = {1, -1, 1};
    cbench_knee_size s[4] = {{64, t, 3}, {128, t, 3}, {256, t, 3}, {512, t, 3}};
    cbench_knee_opts o;
    cbench_knees_opts_default(&o);
    check_code(s, 2, &o, CBENCH_EDOMAIN);                /* two sizes */
    s[1].k = 1;
    check_code(s, 4, &o, CBENCH_EDOMAIN);                /* one round */
    s[1].k = 3;
    s[2].n = 128;
    check_code(s, 4, &o, CBENCH_EINVAL);                 /* equal sizes */
    s[2].n = 100;
    check_code(s, 4, &o, CBENCH_EINVAL);                 /* not ascending */
    s[2].n = NAN;
    check_code(s, 4, &o, CBENCH_EINVAL);
    s[2].n = 256;
    s[3].t = nan_t;
    check_code(s, 4, &o, CBENCH_EINVAL);                 /* a NaN time */
    s[3].t = neg_t;
    check_code(s, 4, &o, CBENCH_EINVAL);
    s[3].t = NULL;
    check_code(s, 4, &o, CBENCH_EINVAL);
    s[3].t = t;
    check_code(NULL, 4, &o, CBENCH_EINVAL);
    check_code(s, CBENCH_KNEES_MAX_SIZES + 1, &o, CBENCH_EINVAL);
    check_code(s, 4, NULL, CBENCH_EINVAL);
    o.confidence = 1;
    check_code(s, 4, &o, CBENCH_EINVAL);
    cbench_knees_opts_default(&o);
    o.min_factor = 0.9;
    check_code(s, 4, &o, CBENCH_EINVAL);
    cbench_knees_opts_default(&o);
    const cbench_knee_cache bad[] = {{"L1d", 0}};
    o.caches = bad;
    o.n_caches = 1;
    check_code(s, 4, &o, CBENCH_EINVAL);
    CHECK_INT_EQ(cbench_knees_find(s, 4, &o, NULL), CBENCH_EINVAL);
    cbench_knees_opts_default(&o);
    cbench_knees out;
    CHECK_INT_EQ(cbench_knees_find(s, 4, &o, &out), 0);   /* the fixed input */
    CHECK_INT_EQ(out.n_knees, 0);
}

int main(void)
{
    test_exact_steps();
    test_noisy_steps();
    test_flat();
    test_flat_penalty();
    test_ramps();
    test_smooth_transition();
    test_cache_level();
    test_properties();
    test_degenerate();
    return check_result();
}
