/* SPDX-License-Identifier: MIT
 *
 * analysis_stability.h - the "Unstable" warnings of one result (internal:
 * cbench_analysis_run calls it after the estimates and outliers are in).
 */
#ifndef CBENCH_STATS_ANALYSIS_STABILITY_H
#define CBENCH_STATS_ANALYSIS_STABILITY_H

#include "model/result.h"
#include "stats/analysis.h"
#include "stats/analysis_prep.h"

/* Sets CBENCH_RESULT_UNSTABLE and appends one actionable sentence per
 * cause to r->warning (analysis.h, cbench_analysis_run, and the
 * CBENCH_UNSTABLE_* limits), from r's mad, median and outliers and p's
 * rounds. 0 or CBENCH_ENOMEM. */
int cbench__analysis_stability(const cbench_analysis_opts *o, const cbench_prep *p,
                               cbench_result *r);

#endif /* CBENCH_STATS_ANALYSIS_STABILITY_H */
