/* SPDX-License-Identifier: MIT
 *
 * ucount.h - estimates and changes of user counters (cbench_counter()).
 *
 * Method. A counter has one value per round (measure/ucount.h says how the
 * samples of a round make it), and rounds are the independent units, as
 * for the time (analysis.h):
 *
 *   rate     the round's amount per iteration a_k over its time per
 *            iteration t_k, the headline time's per-round estimate (the
 *            lower decile by default): a_k / (t_k x 1e-9) per second.
 *
 *   value    K >= 2 rounds: Yuen's 30 % trimmed mean of the round values
 *            with its t-interval plus the between-run term (compare.h,
 *            Method: runs), on the logs when every value is > 0 (counts
 *            and rates vary multiplicatively and stay positive), else on
 *            the values themselves. K = 1: the value, no interval.
 *   change   both sides K >= 2: relative change new/base - 1 of the
 *            trimmed means with its Yuen-Welch interval and p (compare.h,
 *            cbench_compare_change_runs), the verdict of the time's rule
 *            at the noise threshold. A counter is lower-is-better like
 *            time: an increase beyond the threshold is "regressed"; with
 *            CBENCH_COUNTER_HIGHER_IS_BETTER a decrease is. A counter that
 *            was 0 (mean) in the baseline has no relative change.
 *
 * Constant counters (the same count in every round) get a zero-width
 * interval, and any difference between two runs of them is decided
 * exactly (p = 0), which is what a deterministic count deserves.
 */
#ifndef CBENCH_STATS_UCOUNT_H
#define CBENCH_STATS_UCOUNT_H

#include "model/result.h"

#include "stats/analysis.h"

/* Fills every user counter's value estimate of r at 'confidence' (in
 * (0, 1)) from its round values. 0 or CBENCH_ENOMEM. */
int cbench_ucount_estimate(double confidence, cbench_result *r);

/* For a result fresh from its rounds (measure/ucount.h): turns each rate's
 * amounts per iteration into rates with r's per-round times (o's
 * estimator over r->samples; a round without samples loses its value),
 * then estimates every counter. Call once. 0, CBENCH_EINVAL (no samples)
 * or CBENCH_ENOMEM. */
int cbench_ucount_finish(const cbench_analysis_opts *o, cbench_result *r);

/* The thresholds of a comparison: rates (CBENCH_COUNTER_RATE) are
 * measured against the clock, so the machine's drift since the baseline
 * widens their threshold as it widens the time's; counts keep the user's. */
typedef struct cbench_ucount_thresholds {
    double confidence, significance;
    double noise;                  /* the user's noise threshold */
    double rate_noise;             /* ... widened by the drift, for rates */
} cbench_ucount_thresholds;

/* For each user counter of cur that base has under the same name, sets
 * base (the baseline's value) and, when both have >= 2 rounds, change and
 * has_change as the Method says. Returns 0 or CBENCH_ENOMEM. */
int cbench_ucount_compare(const cbench_ucount_thresholds *t, const cbench_result *base,
                          cbench_result *cur);

#endif
