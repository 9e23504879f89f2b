/* SPDX-License-Identifier: MIT
 *
 * analysis_stability.c - when a measurement is unstable and what to tell
 * the user about it (analysis_stability.h): a wide relative MAD, many
 * severe outliers, or worker rounds that disagree by more than their own
 * noise predicts.
 *
 * Why a file of its own: these are words for a person, not estimates.
 * Each sentence names the cause and the flag or action that helps
 * (nanobench style); keeping them together keeps them consistent, and
 * keeps the estimate code free of message text.
 */
#include "stats/analysis_stability.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "stats/univariate.h"


/* How far the per-round estimates spread (relative sd) against what the
 * noise inside each round predicts for them (relative standard error of
 * the estimator, ~1.2533 sd / sqrt(n) for a median, sd / sqrt(n) for a
 * mean; the MAD stands in for the sd to resist outliers). */
static void round_spread(const cbench_prep *p, const cbench_analysis_opts *o,
                         double *between, double *within)
{
    double *e = cbench__prep_round_estimates(p, o->estimator);
    *between = *within = NAN;
    if (e == NULL)
        return;
    double m = cbench_univariate_mean(e, p->k);
    *between = sqrt(cbench_univariate_variance(e, p->k, m)) / fabs(m);
    /* sd of a p-quantile of normal data: sqrt(p (1 - p)) / phi(z_p). */
    double factor = o->estimator == CBENCH_EST_MEDIAN ? 1.2533
                  : o->estimator == CBENCH_EST_LOW ? 1.7094 : 1.0, acc = 0;
    for (size_t g = 0; g < p->k; g++) {
        size_t off = p->group_off[g], ng = p->group_off[g + 1] - off;
        for (size_t j = 0; j < ng; j++)
            p->scratch[j] = p->x[p->members[off + j]];
        double mad = cbench_univariate_mad_sorted(p->scratch, ng, p->scratch + p->n);
        double se = factor * mad / sqrt((double)ng);
        acc += se * se;
    }
    *within = sqrt(acc / (double)p->k) / fabs(m);
    free(e);
}

int cbench__analysis_stability(const cbench_analysis_opts *o, const cbench_prep *p,
                               cbench_result *r)
{
    char msg[512];
    int rc = 0;
    double rel_mad = r->mad.point / fabs(r->median.point);
    if (r->median.point != 0 && rel_mad > CBENCH_UNSTABLE_REL_MAD) {
        snprintf(msg, sizeof msg, "Unstable: per-iteration times vary by %.1f %% "
                 "(relative MAD above %.0f %%); close other programs, set the CPU "
                 "governor to 'performance', or lengthen samples with "
                 "--measurement-time.%s", 100 * rel_mad, 100 * CBENCH_UNSTABLE_REL_MAD,
                 o->estimator == CBENCH_EST_LOW ? " If the body's own cost varies "
                 "from sample to sample (random inputs), the lower decile understates "
                 "its average: use --estimator mean." : "");
        rc |= cbench__result_warn(r, CBENCH_WARN_UNSTABLE, msg);
    }
    double severe = (double)(r->outliers.low_severe + r->outliers.high_severe) / (double)p->n;
    if (severe > CBENCH_UNSTABLE_SEVERE_FRAC) {
        snprintf(msg, sizeof msg, "Unstable: %.0f %% of samples are severe outliers "
                 "(above %.0f %%): other load, interrupts or frequency changes hit "
                 "the measurement; quiet the machine or use a larger --sample-size.",
                 100 * severe, 100 * CBENCH_UNSTABLE_SEVERE_FRAC);
        rc |= cbench__result_warn(r, CBENCH_WARN_OUTLIERS, msg);
    }
    if (p->k >= 3) {
        double between, within;
        round_spread(p, o, &between, &within);
        if (between > CBENCH_UNSTABLE_ROUND_REL
            && !(between <= CBENCH_UNSTABLE_ROUND_RATIO * within)) {
            snprintf(msg, sizeof msg, "Unstable: worker rounds disagree, their "
                     "estimates spread %.1f %% while the noise within a round "
                     "predicts %.1f %% (memory layout or CPU state differs between "
                     "processes); the CI includes this, add rounds with --rounds "
                     "to narrow it.", 100 * between, 100 * within);
            rc |= cbench__result_warn(r, CBENCH_WARN_ROUNDS, msg);
        }
    }
    return rc ? CBENCH_ENOMEM : 0;
}
