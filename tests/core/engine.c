/* SPDX-License-Identifier: MIT
 *
 * The measurement engine under a synthetic clock, so the checks are exact
 * and never flaky: a body "costs" what it adds to the fake clock, and every
 * clock read costs 25 ns like a real one.
 *
 * - an empty body reports ~0 per iteration (<= 0.5 ns);
 * - k dependent adds scale linearly: 2k costs 2.00x of k (+-2 %);
 * - batched setup stays outside the timing;
 * - a body that never enters CBENCH_ITER, or skips in setup, is reported.
 */
#include "check.h"
#include "cbench.h"
#include "measure/clock.h"
#include "measure/registry.h"
#include "measure/sampler.h"

#include <stdlib.h>

static uint64_t fake_now;
static uint64_t fake_clock(void *ctx)
{
    (void)ctx;
    return fake_now += 25;
}
static const cbench_clock fake = {"fake", fake_clock, 0};

static void body_adds(cbench_state *b)
{
    uint64_t k = (uint64_t)cbench_param(b);
    CBENCH_ITER(b) { fake_now += k; }
}

static void body_empty(cbench_state *b)
{
    CBENCH_ITER(b) {}
}

static void body_lazy(cbench_state *b) { (void)b; }

static int setup_skip(cbench_state *b) { return cbench_skip(b, "needs a GPU"); }

static void batch_setup(void *in, void *ctx) { (void)in; (void)ctx; fake_now += 1000; }
static void batch_routine(void *in, void *ctx) { (void)in; (void)ctx; fake_now += 10; }
static void body_batched(cbench_state *b)
{
    cbench_iter_batched(b, 64, batch_setup, batch_routine, NULL, NULL);
}

/* Slope through the origin of (iters, ns): the time per iteration. */
static double slope(const cbench_round_out *o)
{
    double xy = 0, xx = 0;
    for (size_t i = 0; i < o->n; i++) {
        xy += o->iters[i] * o->ns[i];
        xx += o->iters[i] * o->iters[i];
    }
    return xy / xx;
}

static const cbench_bench *bench(const char *name, cbench_fn fn, const cbench_options *o)
{
    CHECK_INT_EQ(cbench_register("engine", name, fn, o), 0);
    return cbench_registry_get(cbench_registry_count() - 1);
}

static double per_iter_budget(const cbench_bench *b, int64_t param, cbench_round_out *out,
                              double measure_ns)
{
    cbench_instance in = {.bench = b, .has_param = 1, .param = param, .id = "engine/x"};
    cbench_round_cfg cfg = {0};
    cfg.warm_up_ns = 1e4;
    cfg.measure_ns = measure_ns;
    cfg.n_samples = 20;
    cfg.min_sample_ns = 1e4;
    CHECK_INT_EQ(cbench_round_run(&in, &cfg, out), 0);
    return slope(out);
}

static double per_iter(const cbench_bench *b, int64_t param, cbench_round_out *out)
{
    return per_iter_budget(b, param, out, 1e8);
}

static void test_adds_scale_linearly(void)
{
    const cbench_bench *b = bench("adds", body_adds, NULL);
    cbench_round_out o;
    double t[4];
    int64_t k[4] = {1, 2, 4, 8};
    for (int i = 0; i < 4; i++) {
        t[i] = per_iter(b, k[i], &o);
        CHECK_INT_EQ(o.n, 20);
        CHECK(!o.flat);
        CHECK_REL(t[i], (double)k[i], 0.01);
        /* linear sampling: sample i runs (i+1)*d iterations */
        CHECK_NEAR(o.iters[19], 20 * o.iters[0], 0);
        cbench_round_out_free(&o);
    }
    for (int i = 1; i < 4; i++)
        CHECK_NEAR(t[i] / t[i - 1], 2.0, 0.04);
}

static void test_empty_body_reports_about_zero(void)
{
    const cbench_bench *b = bench("empty", body_empty, NULL);
    cbench_round_out o;
    /* It costs nothing on the fake clock, so the caps bound the work. */
    double t = per_iter_budget(b, 0, &o, 1e6);
    CHECK(t >= 0 && t <= 0.5);
    CHECK(o.n > 0);
    cbench_round_out_free(&o);
}

static void test_batched_setup_is_not_timed(void)
{
    const cbench_bench *b = bench("batched", body_batched, NULL);
    cbench_round_out o;
    double t = per_iter(b, 0, &o);
    CHECK_REL(t, 10.0, 0.02);
    cbench_round_out_free(&o);
}

static void test_missing_iter_and_skip_are_reported(void)
{
    cbench_round_out o;
    cbench_instance in = {.bench = bench("lazy", body_lazy, NULL), .id = "engine/lazy"};
    cbench_round_cfg cfg = {0};
    cfg.warm_up_ns = 1e6;
    cfg.measure_ns = 1e7;
    cfg.n_samples = 10;
    CHECK_INT_EQ(cbench_round_run(&in, &cfg, &o), CBENCH_EINVAL);
    cbench_round_out_free(&o);

    cbench_options opt = {0};
    opt.setup = setup_skip;
    cbench_instance in2 = {.bench = bench("skip", body_empty, &opt), .id = "engine/skip"};
    CHECK_INT_EQ(cbench_round_run(&in2, &cfg, &o), 0);
    CHECK(o.skipped);
    CHECK_STR_EQ(o.message, "needs a GPU");
    cbench_round_out_free(&o);
}

int main(void)
{
    cbench__clock_set(&fake);
    test_adds_scale_linearly();
    test_empty_body_reports_about_zero();
    test_batched_setup_is_not_timed();
    test_missing_iter_and_skip_are_reported();
    cbench_registry_reset();
    return check_result();
}
