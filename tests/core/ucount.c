/* SPDX-License-Identifier: MIT
 *
 * User counters (cbench_counter()) from the body and teardown to a round's
 * values, under a synthetic clock so every expected value is exact:
 *
 * - a count of 3 per iteration reads 3 with CBENCH_COUNTER_PER_ITERATION,
 *   whatever the samples' sizes;
 * - a rate is the round's amount per iteration over its time per
 *   iteration as the headline estimates it;
 * - a plain value is the mean over the samples;
 * - a value from teardown covers every iteration since setup, warm-up
 *   included, and replaces what the samples said;
 * - a bad name, flags that change, a NaN fail the round with a message;
 * - the parent keeps the values of the rounds it kept, and the stats give
 *   a value with its interval and a direction-aware verdict.
 */
#include "check.h"
#include "cbench.h"
#include "measure/clock.h"
#include "measure/registry.h"
#include "measure/sampler.h"
#include "measure/ucount.h"
#include "stats/ucount.h"

#include <stdlib.h>

static uint64_t fake_now;
static uint64_t fake_clock(void *ctx)
{
    (void)ctx;
    return fake_now += 25;
}
static const cbench_clock fake = {"fake", fake_clock, 0};

static uint64_t tally;          /* iterations the body ran, warm-up included */

static void body_counts(cbench_state *b)
{
    CBENCH_ITER(b) { fake_now += 10; }
    uint64_t n = cbench_iterations(b);
    tally += n;
    cbench_counter(b, "items", 3.0 * (double)n, CBENCH_COUNTER_PER_ITERATION);
    cbench_counter(b, "items_rate", 3.0, CBENCH_COUNTER_RATE
                   | CBENCH_COUNTER_ITERATION_INVARIANT | CBENCH_COUNTER_HIGHER_IS_BETTER);
    cbench_counter(b, "hits", 7.0, 0);
    cbench_counter(b, "replaced", 1e9, 0);
}

static int setup_tally(cbench_state *b)
{
    (void)b;
    tally = 0;
    return 0;
}

static void teardown_tally(cbench_state *b)
{
    cbench_counter(b, "calls", (double)tally, CBENCH_COUNTER_PER_ITERATION);
    cbench_counter(b, "replaced", 4096.0, 0);
    cbench_counter(b, "table", 3.0 * 1024 * 1024, CBENCH_COUNTER_BASE_1024);
}

static const char *bad_name;
static unsigned bad_flags;
static double bad_value;

static void body_bad(cbench_state *b)
{
    CBENCH_ITER(b) { fake_now += 10; }
    cbench_counter(b, "ok", 1.0, 0);
    cbench_counter(b, bad_name, bad_value, bad_flags);
}

static const cbench_bench *bench(const char *name, cbench_fn fn, const cbench_options *o)
{
    CHECK_INT_EQ(cbench_register("ucount", name, fn, o), 0);
    return cbench_registry_get(cbench_registry_count() - 1);
}

static int run(const cbench_bench *b, cbench_round_out *out)
{
    cbench_instance in = {.bench = b, .id = "ucount/x"};
    cbench_round_cfg cfg = {0};
    cfg.warm_up_ns = 1e4;
    cfg.measure_ns = 1e6;
    cfg.n_samples = 10;
    cfg.min_sample_ns = 1e3;
    return cbench_round_run(&in, &cfg, out);
}

static const cbench_ucount_round *value_of(const cbench_round_out *o, const char *name)
{
    for (size_t i = 0; i < o->n_user; i++)
        if (strcmp(o->user[i].name, name) == 0)
            return &o->user[i];
    return NULL;
}

static void test_round_values_are_known_answers(void)
{
    cbench_options opt = {0};
    opt.setup = setup_tally;
    opt.teardown = teardown_tally;
    cbench_round_out o;
    CHECK_INT_EQ(run(bench("counts", body_counts, &opt), &o), 0);
    CHECK(o.n >= 5);
    CHECK(o.iters[o.n - 1] > o.iters[0]);          /* samples of different sizes */
    const cbench_ucount_round *v = value_of(&o, "items");
    CHECK(v != NULL && v->value == 3.0);
    CHECK(v != NULL && v->flags == CBENCH_COUNTER_PER_ITERATION);
    /* A rate leaves the worker as its amount per iteration. */
    v = value_of(&o, "items_rate");
    CHECK(v != NULL && v->value == 3.0);
    v = value_of(&o, "hits");
    CHECK(v != NULL && v->value == 7.0);
    /* Teardown's tally covers the warm-up too: exactly one per iteration. */
    v = value_of(&o, "calls");
    CHECK(v != NULL && v->value == 1.0);
    v = value_of(&o, "replaced");
    CHECK(v != NULL && v->value == 4096.0);
    CHECK(value_of(&o, "table") != NULL);
    CHECK_INT_EQ(o.n_user, 6);
    cbench_round_out_free(&o);
}

static void expect_failure(const cbench_bench *b, const char *name, double value,
                           unsigned flags, const char *says)
{
    cbench_round_out o;
    bad_name = name;
    bad_value = value;
    bad_flags = flags;
    CHECK_INT_EQ(run(b, &o), CBENCH_EINVAL);
    if (strstr(o.message, says) == NULL) {
        fprintf(stderr, "message '%s' lacks '%s'\n", o.message, says);
        check_failures++;
    }
    cbench_round_out_free(&o);
}

static void test_bad_calls_fail_the_round(void)
{
    const cbench_bench *b = bench("bad", body_bad, NULL);
    expect_failure(b, "has space", 1, 0, "bad name 'has space'");
    expect_failure(b, "", 1, 0, "bad name ''");
    expect_failure(b, "9lives", 1, 0, "not starting with a digit");
    expect_failure(b, "x", NAN, 0, "'x': the value is not a finite number");
    expect_failure(b, "x", 1, 1u << 20, "'x': unknown flag bits");
    expect_failure(b, "ok", 1, CBENCH_COUNTER_RATE, "'ok': reported with other flags");
    char long_name[60];
    memset(long_name, 'a', 48);
    long_name[48] = '\0';
    expect_failure(b, long_name, 1, 0, "bad name");
}

/* The parent keeps the rounds that delivered samples (a round set aside
 * takes its counter value with it). */
static void test_parent_keeps_the_kept_rounds(void)
{
    cbench_ucount_acc acc = {0};
    for (uint32_t k = 0; k < 4; k++) {
        cbench_ucount_round v = {"items", CBENCH_COUNTER_PER_ITERATION, 10.0 + k};
        CHECK_INT_EQ(cbench__ucount_add_round(&acc, k, &v, 1), 0);
    }
    cbench_sample s[3] = {{1, 1, 0}, {1, 1, 2}, {1, 1, 3}};   /* round 1 set aside */
    cbench_result r = {0};
    r.samples = s;
    r.n_samples = 3;
    CHECK_INT_EQ(cbench__ucount_fill(&acc, &r), 0);
    CHECK_INT_EQ(r.n_user_counters, 1);
    CHECK_INT_EQ(r.user_counters[0].n_rounds, 3);
    CHECK(r.user_counters[0].rounds[1] == 12.0 && r.user_counters[0].round_ids[1] == 2);
    CHECK_STR_EQ(r.user_counters[0].name, "items");
    cbench__result_clear_user_counters(&r);
    cbench__ucount_acc_free(&acc);
}

/* A result with one counter whose round values are v[0..n). */
static void synthetic(cbench_result *r, const char *name, unsigned flags, const double *v,
                      size_t n)
{
    memset(r, 0, sizeof *r);
    r->user_counters = calloc(1, sizeof *r->user_counters);
    cbench_user_counter *u = &r->user_counters[0];
    r->n_user_counters = 1;
    snprintf(u->name, sizeof u->name, "%s", name);
    u->flags = flags;
    u->rounds = malloc(n * sizeof *u->rounds);
    u->round_ids = malloc(n * sizeof *u->round_ids);
    for (size_t i = 0; i < n; i++) {
        u->rounds[i] = v[i];
        u->round_ids[i] = (uint32_t)i;
    }
    u->n_rounds = n;
    CHECK_INT_EQ(cbench_ucount_estimate(0.95, r), 0);
}

static void test_estimate_and_verdicts(void)
{
    const double base[] = {100, 101, 99, 100.5, 99.5, 100, 100.2, 99.8};
    const double more[] = {120, 121, 119, 120.5, 119.5, 120, 120.2, 119.8};
    const double same[] = {100.1, 100.9, 99.1, 100.4, 99.6, 100, 100.3, 99.7};
    cbench_ucount_thresholds t = {0.95, 0.05, 0.01, 0.05};
    cbench_result b, c;
    synthetic(&b, "n", 0, base, 8);
    CHECK_REL(b.user_counters[0].value.point, 100.0, 0.001);
    /* A constant count is exact, not exp(log(x)). */
    const double seven[] = {7, 7, 7};
    cbench_result k;
    synthetic(&k, "k", 0, seven, 3);
    CHECK(k.user_counters[0].value.point == 7.0 && k.user_counters[0].value.upper == 7.0);
    cbench__result_clear_user_counters(&k);
    CHECK(b.user_counters[0].value.lower < 100 && b.user_counters[0].value.upper > 100);
    /* 20 % more of a lower-is-better counter: a regression. */
    synthetic(&c, "n", 0, more, 8);
    CHECK_INT_EQ(cbench_ucount_compare(&t, &b, &c), 0);
    CHECK(c.user_counters[0].has_change);
    CHECK_REL(c.user_counters[0].change.mean.point, 0.2, 0.01);
    CHECK_INT_EQ(c.user_counters[0].change.verdict, CBENCH_VERDICT_REGRESSED);
    CHECK_REL(c.user_counters[0].base, b.user_counters[0].value.point, 1e-12);
    CHECK(cbench__ucount_regressed(&c));
    cbench__result_clear_user_counters(&c);
    /* The same change where higher is better: an improvement. */
    synthetic(&c, "n", CBENCH_COUNTER_HIGHER_IS_BETTER, more, 8);
    CHECK_INT_EQ(cbench_ucount_compare(&t, &b, &c), 0);
    CHECK_INT_EQ(c.user_counters[0].change.verdict, CBENCH_VERDICT_IMPROVED);
    CHECK(!cbench__ucount_regressed(&c));
    cbench__result_clear_user_counters(&c);
    synthetic(&c, "n", 0, same, 8);
    CHECK_INT_EQ(cbench_ucount_compare(&t, &b, &c), 0);
    CHECK_INT_EQ(c.user_counters[0].change.verdict, CBENCH_VERDICT_NO_CHANGE);
    cbench__result_clear_user_counters(&c);
    /* A deterministic count that changed is decided exactly. */
    const double three[] = {3, 3, 3}, four[] = {4, 4, 4};
    cbench__result_clear_user_counters(&b);
    synthetic(&b, "n", CBENCH_COUNTER_PER_ITERATION, three, 3);
    CHECK(b.user_counters[0].value.lower == b.user_counters[0].value.upper);
    synthetic(&c, "n", CBENCH_COUNTER_PER_ITERATION, four, 3);
    CHECK_INT_EQ(cbench_ucount_compare(&t, &b, &c), 0);
    CHECK_REL(c.user_counters[0].change.mean.point, 1.0 / 3, 1e-12);
    CHECK_INT_EQ(c.user_counters[0].change.verdict, CBENCH_VERDICT_REGRESSED);
    cbench__result_clear_user_counters(&c);
    /* One round: a value, no interval, no comparison. */
    synthetic(&c, "n", 0, four, 1);
    CHECK(c.user_counters[0].value.point == 4 && isnan(c.user_counters[0].value.lower));
    CHECK_INT_EQ(cbench_ucount_compare(&t, &b, &c), 0);
    CHECK(!c.user_counters[0].has_change);
    CHECK_REL(c.user_counters[0].base, 3.0, 1e-12);
    cbench__result_clear_user_counters(&c);
    cbench__result_clear_user_counters(&b);
}

/* Rates: 6 per iteration over rounds whose samples take 2 ns and 3 ns per
 * iteration (the "mean" estimator reads them exactly) are 3e9 and 2e9
 * per second; a round without samples has no rate. */
static void test_rates_divide_by_the_round_time(void)
{
    const double amount[] = {6, 6, 6};
    cbench_result r;
    synthetic(&r, "r", CBENCH_COUNTER_RATE, amount, 3);
    cbench_sample s[4] = {{10, 20, 0}, {20, 40, 0}, {10, 30, 1}, {30, 90, 1}};
    r.samples = s;
    r.n_samples = 4;
    r.n_rounds = 2;
    cbench_analysis_opts o;
    cbench_analysis_opts_default(&o);
    o.estimator = CBENCH_EST_MEAN;
    CHECK_INT_EQ(cbench_ucount_finish(&o, &r), 0);
    cbench_user_counter *u = &r.user_counters[0];
    CHECK_INT_EQ(u->n_rounds, 2);
    CHECK_REL(u->rounds[0], 3e9, 1e-12);
    CHECK_REL(u->rounds[1], 2e9, 1e-12);
    CHECK(u->value.point > 2e9 && u->value.point < 3e9);
    cbench__result_clear_user_counters(&r);
}

int main(void)
{
    cbench__clock_set(&fake);
    test_round_values_are_known_answers();
    test_bad_calls_fail_the_round();
    test_parent_keeps_the_kept_rounds();
    test_estimate_and_verdicts();
    test_rates_divide_by_the_round_time();
    cbench_registry_reset();
    return check_result();
}
