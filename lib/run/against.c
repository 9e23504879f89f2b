/* SPDX-License-Identifier: MIT
 *
 * against.c - comparing a result with its baseline's; see against.h.
 */
#include "run/against.h"

#include <math.h>
#include <string.h>

#include "model/drift.h"
#include "model/counters.h"
#include "stats/ucount.h"

void cbench_against_opts(const cbench_context *c, cbench_analysis_opts *o)
{
    cbench_analysis_opts_default(o);
    if (isfinite(c->confidence_level) && c->confidence_level > 0 && c->confidence_level < 1)
        o->confidence = c->confidence_level;
    if (c->n_resamples >= 2)
        o->n_resamples = c->n_resamples;
    if (c->seed != 0)
        o->seed = c->seed;
    if (isfinite(c->noise_threshold) && c->noise_threshold >= 0 && c->noise_threshold < 1)
        o->noise_threshold = c->noise_threshold;
    if (isfinite(c->significance) && c->significance > 0 && c->significance < 1)
        o->significance = c->significance;
}

/* Counter values of the baseline's matching result, for "-92 %" lines. */
static void attach_base_counters(cbench_result *cur, const cbench_result *base)
{
    for (size_t i = 0; i < cur->n_counters; i++) {
        const cbench_counter_value *bc =
            cbench_counters_find(base->counters, base->n_counters, cur->counters[i].name);
        cur->counters[i].base_per_iter = bc ? bc->per_iter : NAN;
    }
}

int cbench_against(const cbench_analysis_opts *o, const cbench_context *now, cbench_result *cur,
                   const cbench_run *base_run, const cbench_result *base, int ignore_drift,
                   double *drift)
{
    cbench_analysis_opts w = *o;
    double d = ignore_drift ? 0
             : cbench_probe_result_drift(now, cur, cbench__result_context(base_run, base), base);
    w.noise_threshold += d;
    if (drift != NULL)
        *drift = d;
    cur->has_change = 0;
    attach_base_counters(cur, base);
    int rc = cbench_analysis_compare(&w, base, cur);
    /* User counters: counts at the user's threshold, rates (measured
     * against the clock) at the drift-widened one, as the time. */
    cbench_ucount_thresholds t = {w.confidence, w.significance, o->noise_threshold,
                                  w.noise_threshold};
    if (cbench_ucount_compare(&t, base, cur) != 0 && rc == 0)
        rc = CBENCH_ENOMEM;
    return rc;
}
