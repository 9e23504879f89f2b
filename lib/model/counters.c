/* SPDX-License-Identifier: MIT
 *
 * counters.c - counter values in a result (see counters.h).
 */
#include "model/counters.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void cbench_counters_summarize(const char *const *names, size_t n_counters,
                               const double *totals, const double *iters,
                               size_t n_samples, cbench_result *r)
{
    for (size_t i = 0; i < n_counters && r->n_counters < CBENCH_MAX_COUNTERS; i++) {
        cbench_counter_value *cv = &r->counters[r->n_counters++];
        double sum = 0;
        size_t used = 0;
        for (size_t s = 0; s < n_samples; s++) {
            double v = totals[s * n_counters + i];
            if (isnan(v) || !(iters[s] > 0))
                continue;
            sum += v / iters[s];
            used++;
        }
        memset(cv, 0, sizeof *cv);
        snprintf(cv->name, sizeof cv->name, "%s", names[i]);
        cv->per_iter = used ? sum / (double)used : NAN;
        cv->base_per_iter = NAN;
        cv->exact = 0;
    }
}

const cbench_counter_value *cbench_counters_find(const cbench_counter_value *cv,
                                                 size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(cv[i].name, name) == 0)
            return &cv[i];
    return NULL;
}

static double ratio(const cbench_counter_value *cv, size_t n, int use_base,
                    const char *num, const char *den)
{
    const cbench_counter_value *a = cbench_counters_find(cv, n, num);
    const cbench_counter_value *b = cbench_counters_find(cv, n, den);
    if (a == NULL || b == NULL)
        return NAN;
    double x = use_base ? a->base_per_iter : a->per_iter;
    double y = use_base ? b->base_per_iter : b->per_iter;
    return y != 0 && !isnan(x) && !isnan(y) ? x / y : NAN;
}

void cbench_counters_derive(const cbench_counter_value *cv, size_t n,
                            int use_base, cbench_counter_derived *d)
{
    d->ipc = ratio(cv, n, use_base, "instructions", "cycles");
    d->l1_miss_rate = ratio(cv, n, use_base, "L1-dcache-load-misses", "L1-dcache-loads");
    d->branch_miss_rate = ratio(cv, n, use_base, "branch-misses", "branches");
}
