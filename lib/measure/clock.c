/* SPDX-License-Identifier: MIT
 *
 * clock.c - CLOCK_MONOTONIC_RAW time source and its start-up probe.
 */
#include "measure/clock.h"

#include <time.h>

static uint64_t mono_now_ns(void *ctx)
{
    (void)ctx;
    struct timespec ts;
#ifdef CLOCK_MONOTONIC_RAW
    clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
#else
    clock_gettime(CLOCK_MONOTONIC, &ts);
#endif
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static const cbench_clock real_clock = {"monotonic-raw", mono_now_ns, 0};
static const cbench_clock *current = &real_clock;

const cbench_clock *cbench__clock(void)
{
    return current;
}

void cbench__clock_set(const cbench_clock *c)
{
    current = c != 0 ? c : &real_clock;
}

int cbench__clock_is_real(void)
{
    return current == &real_clock;
}

/* Smallest non-zero difference between consecutive reads over many tries. */
static double probe_resolution(void)
{
    uint64_t best = UINT64_MAX;
    for (int i = 0; i < 2000; i++) {
        uint64_t a = cbench_clock_now_ns(), b;
        int spins = 0;
        do {
            b = cbench_clock_now_ns();
        } while (b == a && ++spins < 1000000);
        if (b > a && b - a < best)
            best = b - a;
    }
    return best == UINT64_MAX ? 1.0 : (double)best;
}

/* Mean cost of a read: time N back-to-back reads. */
static double probe_overhead(void)
{
    enum { N = 20000 };
    uint64_t t0 = cbench_clock_now_ns();
    for (int i = 0; i < N; i++)
        (void)cbench_clock_now_ns();
    uint64_t t1 = cbench_clock_now_ns();
    return (double)(t1 - t0) / (N + 1);
}

void cbench_clock_probe_run(cbench_clock_probe *out)
{
    out->resolution_ns = probe_resolution();
    out->overhead_ns = probe_overhead();
}

double cbench_clock_min_sample_ns(const cbench_clock_probe *p)
{
    double worst = p->resolution_ns > p->overhead_ns ? p->resolution_ns : p->overhead_ns;
    double min = 1000.0 * worst;
    return min < 10000.0 ? 10000.0 : min;
}
