/* SPDX-License-Identifier: MIT
 *
 * The sampler's iteration schedule: linear plans fill the measurement
 * time with samples i*d, the shortest sample respects the clock's floor,
 * long bodies switch to flat sampling with fewer samples, and a body that
 * takes no time is bounded by the iteration cap.
 */
#include "check.h"
#include "measure/sampler.h"

static double total_ns(const cbench_plan *p, double per_iter)
{
    double t = 0;
    for (unsigned i = 0; i < p->n; i++)
        t += (double)cbench_sampler_iters(p, i) * per_iter;
    return t;
}

static void test_linear_plan_fills_measurement_time(void)
{
    cbench_plan p;
    cbench_sampler_plan(10.0, 1e9, 100, 1e4, CBENCH_SAMPLING_AUTO, &p);
    CHECK(!p.flat);
    CHECK_INT_EQ(p.n, 100);
    /* d = ceil(1e9 / (10 * 5050)) = 19802 */
    CHECK_INT_EQ(p.d, 19802);
    CHECK_INT_EQ(cbench_sampler_iters(&p, 0), 19802);
    CHECK_INT_EQ(cbench_sampler_iters(&p, 99), 100 * 19802);
    CHECK_REL(total_ns(&p, 10.0), 1e9, 0.001);
}

static void test_shortest_sample_respects_clock_floor(void)
{
    cbench_plan p;
    /* 1 ns bodies, tiny budget: the floor (20 us) wins over the budget. */
    cbench_sampler_plan(1.0, 1e6, 10, 2e4, CBENCH_SAMPLING_LINEAR, &p);
    CHECK(cbench_sampler_iters(&p, 0) * 1.0 >= 2e4);
}

static void test_long_body_goes_flat_with_fewer_samples(void)
{
    cbench_plan p;
    /* 50 ms per iteration, 200 ms budget, 20 samples wanted. */
    cbench_sampler_plan(50e6, 200e6, 20, 1e4, CBENCH_SAMPLING_AUTO, &p);
    CHECK(p.flat);
    CHECK_INT_EQ(p.n, 4);
    CHECK_INT_EQ(p.d, 1);
    CHECK_INT_EQ(cbench_sampler_iters(&p, 3), 1);
    /* minutes per iteration: still one sample of one iteration */
    cbench_sampler_plan(180e9, 200e6, 20, 1e4, CBENCH_SAMPLING_AUTO, &p);
    CHECK_INT_EQ(p.n, 1);
    CHECK_INT_EQ(p.d, 1);
}

static void test_flat_mode_keeps_sample_count(void)
{
    cbench_plan p;
    cbench_sampler_plan(100.0, 1e8, 50, 1e4, CBENCH_SAMPLING_FLAT, &p);
    CHECK(p.flat);
    CHECK_INT_EQ(p.n, 50);
    CHECK_INT_EQ(p.d, 20000);
}

static void test_zero_time_body_is_capped(void)
{
    cbench_plan p;
    cbench_sampler_plan(0.0, 1e9, 100, 1e4, CBENCH_SAMPLING_AUTO, &p);
    CHECK(!p.flat);
    CHECK(cbench_sampler_iters(&p, p.n - 1) <= CBENCH_MAX_SAMPLE_ITERS);
    CHECK(total_ns(&p, 1.0) <= (double)CBENCH_MAX_ROUND_ITERS);
    CHECK(p.d >= 1);
}

int main(void)
{
    test_linear_plan_fills_measurement_time();
    test_shortest_sample_respects_clock_floor();
    test_long_body_goes_flat_with_fewer_samples();
    test_flat_mode_keeps_sample_count();
    test_zero_time_body_is_capped();
    return check_result();
}
