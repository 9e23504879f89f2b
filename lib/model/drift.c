/* SPDX-License-Identifier: MIT
 *
 * drift.c - the machine's drift between two runs (see drift.h).
 */
#include "model/drift.h"

#include <math.h>
#include <unistd.h>

double cbench_probe_drift(double cpu, double mem, double cpu_base, double mem_base)
{
    double d = 0;
    if (cpu > 0 && cpu_base > 0)
        d = fmax(d, fabs(cpu / cpu_base - 1));
    if (mem > 0 && mem_base > 0)
        d = fmax(d, fabs(mem / mem_base - 1));
    return d;
}

int cbench_probe_drift_notable(double drift, double noise_threshold)
{
    return drift > 0.5 * noise_threshold;
}

/* The L2 cache's size, or 0 when the system does not say. */
static double l2_bytes(void)
{
#ifdef _SC_LEVEL2_CACHE_SIZE
    long v = sysconf(_SC_LEVEL2_CACHE_SIZE);
    return v > 0 ? (double)v : 0;
#else
    return 0;
#endif
}

double cbench_probe_result_drift(const cbench_context *now, const cbench_result *r,
                                 const cbench_context *then, const cbench_result *b)
{
    int own = r->speed_ns > 0 && b->speed_ns > 0;
    double cpu = own ? r->speed_ns : now->probe_cpu_ns;
    double cpu_base = own ? b->speed_ns : then->probe_cpu_ns;
    int in_l2 = r->throughput == CBENCH_THROUGHPUT_BYTES && r->throughput_per_iter > 0
             && r->throughput_per_iter <= l2_bytes();
    return cbench_probe_drift(cpu, in_l2 ? NAN : now->probe_mem_ns,
                              cpu_base, in_l2 ? NAN : then->probe_mem_ns);
}
