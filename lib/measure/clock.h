/* SPDX-License-Identifier: MIT
 *
 * clock.h - the time source of every sample.
 *
 * Choice: clock_gettime(CLOCK_MONOTONIC_RAW) through the vDSO. On the
 * development VM it costs ~23 ns per call with 1 ns resolution (smallest
 * observed step ~20 ns); rdtsc is cheaper (~9.5 ns) but needs calibration,
 * an invariant TSC and care across CPUs, and its calibration error would add
 * a per-process bias - the very between-process noise cbench tries to
 * measure. Since every sample is made to last >= 1000x the clock's
 * resolution and overhead, the 23 ns is < 0.1 % of the shortest sample.
 * MONOTONIC_RAW is not slewed by NTP, so intervals are not stretched.
 *
 * The clock is a small vtable so tests can drive the engine with a
 * synthetic clock (cbench__clock_set).
 */
#ifndef CBENCH_MEASURE_CLOCK_H
#define CBENCH_MEASURE_CLOCK_H

#include <stdint.h>

typedef struct cbench_clock {
    const char *name;
    uint64_t (*now_ns)(void *ctx);
    void *ctx;
} cbench_clock;

/* The clock in use (the real one unless a test replaced it). */
const cbench_clock *cbench__clock(void);
/* Replaces the clock (NULL restores the real one). For tests. */
void cbench__clock_set(const cbench_clock *c);
/* Whether the clock in use is the real one (speed probes mean something). */
int cbench__clock_is_real(void);

static inline uint64_t cbench_clock_now_ns(void)
{
    const cbench_clock *c = cbench__clock();
    return c->now_ns(c->ctx);
}

/* Resolution and per-call overhead of the current clock, measured. */
typedef struct cbench_clock_probe {
    double resolution_ns;   /* smallest non-zero step between two reads */
    double overhead_ns;     /* mean cost of one read */
} cbench_clock_probe;

/* Measures the current clock (takes ~1 ms with the real clock). */
void cbench_clock_probe_run(cbench_clock_probe *out);

/* Shortest sample the sampler may plan: 1000x the larger of resolution
 * and overhead, at least 10 us. */
double cbench_clock_min_sample_ns(const cbench_clock_probe *p);

#endif
