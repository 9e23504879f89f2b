/* SPDX-License-Identifier: MIT
 *
 * probe.c - the machine speed probe (see probe.h).
 */
#include "measure/probe.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "measure/clock.h"

#define REPS 15
#define CHAIN 200000                 /* adds per cpu unit: ~50-100 us */
#define CORE_SPLIT 4                 /* the per-round core probe: 1/4 chain */
#define CORE_REPS 3
#define MEM_BYTES (4u << 20)         /* beyond most L2s, within most LLCs;
                                        small, for issue 9's RSS budget */
#define MEM_SCALE 4.0                /* reported per 16 MiB, the unit stored
                                        by earlier versions */

/* The fastest repetition: interference only adds time, and what the
 * comparisons need is the machine's undisturbed speed (the benchmarks'
 * own estimator is a lower decile for the same reason). */
static double fastest(const double *v, size_t n)
{
    double m = v[0];
    for (size_t i = 1; i < n; i++)
        m = v[i] < m ? v[i] : m;
    return m;
}

static double time_chain(unsigned n)
{
    uint64_t x = 1, t0 = cbench_clock_now_ns();
    for (unsigned i = 0; i < n; i++) {
        x += i;
#if defined(__GNUC__)
        __asm__ __volatile__("" : "+r"(x));
#endif
    }
    uint64_t t1 = cbench_clock_now_ns();
    volatile uint64_t sink = x;
    (void)sink;
    return (double)(t1 - t0);
}

static double time_read(const uint64_t *buf, size_t n)
{
    uint64_t s = 0, t0 = cbench_clock_now_ns();
    for (size_t i = 0; i < n; i += 8)        /* one load per 64-byte line */
        s += buf[i];
    uint64_t t1 = cbench_clock_now_ns();
    volatile uint64_t sink = s;
    (void)sink;
    return (double)(t1 - t0);
}

/* A test's core probe (cbench__probe_core_set), or NULL. */
static double (*core_override)(void);

void cbench_probe_machine(double *cpu_ns, double *mem_ns)
{
    if (core_override != NULL) {                 /* a test's machine */
        *cpu_ns = core_override();
        *mem_ns = NAN;
        return;
    }
    double t[REPS];
    for (int i = 0; i < REPS; i++)
        t[i] = time_chain(CHAIN);
    *cpu_ns = fastest(t, REPS);
    size_t n = MEM_BYTES / sizeof(uint64_t);
    uint64_t *buf = malloc(MEM_BYTES);
    *mem_ns = NAN;
    if (buf == NULL)
        return;
    memset(buf, 1, MEM_BYTES);
    (void)time_read(buf, n);                 /* warm: pages, TLB */
    for (int i = 0; i < 7; i++)
        t[i] = time_read(buf, n);
    *mem_ns = MEM_SCALE * fastest(t, 7);
    free(buf);
}

void cbench_probe_again(double *cpu_ns, double *mem_ns)
{
    if (!(*cpu_ns > 0) && !(*mem_ns > 0))
        return;                      /* never probed (or a synthetic clock) */
    double c, m;
    cbench_probe_machine(&c, &m);
    if (c > 0 && !(c >= *cpu_ns))
        *cpu_ns = c;
    if (m > 0 && !(m >= *mem_ns))
        *mem_ns = m;
}

void cbench__probe_core_set(double (*fn)(void))
{
    core_override = fn;
}

int cbench_probe_core_meaningful(void)
{
    return core_override != NULL || cbench__clock_is_real();
}

double cbench_probe_core(void)
{
    if (core_override != NULL)
        return core_override();
    double t[CORE_REPS];
    for (int i = 0; i < CORE_REPS; i++)
        t[i] = time_chain(CHAIN / CORE_SPLIT);
    return CORE_SPLIT * fastest(t, CORE_REPS);
}

