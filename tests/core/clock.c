/* SPDX-License-Identifier: MIT
 *
 * The clock: monotonic, probed for resolution and overhead at start-up,
 * replaceable by a synthetic clock, and the minimum sample length is at
 * least 1000x the worse of resolution and overhead.
 */
#include "check.h"
#include "measure/clock.h"

static uint64_t fake_now;
static uint64_t fake_clock(void *ctx)
{
    (void)ctx;
    return fake_now += 7;           /* every read advances 7 ns */
}

static void test_real_clock_is_monotonic(void)
{
    uint64_t prev = cbench_clock_now_ns();
    for (int i = 0; i < 100000; i++) {
        uint64_t t = cbench_clock_now_ns();
        CHECK(t >= prev);
        prev = t;
    }
}

static void test_probe_reports_plausible_values(void)
{
    cbench_clock_probe p;
    cbench_clock_probe_run(&p);
    CHECK(p.resolution_ns >= 1 && p.resolution_ns < 1e6);
    CHECK(p.overhead_ns > 0 && p.overhead_ns < 1e5);
    CHECK(cbench_clock_min_sample_ns(&p) >= 1000 * p.resolution_ns);
    CHECK(cbench_clock_min_sample_ns(&p) >= 1000 * p.overhead_ns);
}

static void test_probe_measures_a_synthetic_clock_exactly(void)
{
    cbench_clock c = {"fake", fake_clock, 0};
    cbench__clock_set(&c);
    cbench_clock_probe p;
    cbench_clock_probe_run(&p);
    CHECK_NEAR(p.resolution_ns, 7, 0);
    CHECK_NEAR(p.overhead_ns, 7, 0.01);
    CHECK_NEAR(cbench_clock_min_sample_ns(&p), 10000, 0);   /* the 10 us floor */
    cbench__clock_set(NULL);
    CHECK_STR_EQ(cbench__clock()->name, "monotonic-raw");
}

int main(void)
{
    test_real_clock_is_monotonic();
    test_probe_reports_plausible_values();
    test_probe_measures_a_synthetic_clock_exactly();
    return check_result();
}
