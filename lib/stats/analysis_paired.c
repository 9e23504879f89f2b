/* SPDX-License-Identifier: MIT
 *
 * analysis_paired.c - paired A/B (cbench ab): the change between two
 * builds from per-round estimates measured back to back
 * (cbench_analysis_paired), and the sequential rule that says when
 * enough pairs are in (cbench_analysis_paired_settled).
 *
 * Why a file of its own: its input is plain arrays of paired estimates,
 * not results, and its question (is this pair sequence settled yet?) is
 * cbench ab's alone.
 */
#include "stats/analysis.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cbench/stats.h"
#include "stats/analysis_prep.h"
#include "stats/compare.h"

/* Median of the log ratios with a plain bootstrap CI, as a change. */
static int paired_median(const cbench_analysis_opts *o, const double *a,
                         const double *b, size_t n, cbench_estimate *out)
{
    double *l = malloc(n * sizeof *l);
    if (l == NULL)
        return CBENCH_ENOMEM;
    for (size_t i = 0; i < n; i++)
        l[i] = log(b[i] / a[i]);
    double med, lo, hi, se;
    int rc = cbench_stats_median(l, n, &med);
    if (rc == 0)
        rc = cbench_stats_bootstrap_ci(l, n, CBENCH_STAT_MEDIAN, o->n_resamples,
                                       o->confidence, o->seed, o->threads, &lo, &hi, &se);
    if (rc == 0)
        cbench__analysis_est_set(out, expm1(med), expm1(lo), expm1(hi), exp(med) * se,
                                 o->confidence);
    free(l);
    return rc;
}

int cbench_analysis_paired(const cbench_analysis_opts *o, const double *a,
                           const double *b, size_t n, cbench_change *out)
{
    if (!cbench__analysis_opts_valid(o) || out == NULL)
        return CBENCH_EINVAL;
    memset(out, 0, sizeof *out);
    cbench__estimate_undef(&out->mean);
    cbench__estimate_undef(&out->median);
    out->p_value = out->df = NAN;
    out->noise_threshold = o->noise_threshold;
    out->significance = o->significance;
    out->test_name = "paired yuen t on log ratios";
    if (a == NULL || b == NULL)
        return CBENCH_EINVAL;
    for (size_t i = 0; i < n; i++)
        if (!(isfinite(a[i]) && isfinite(b[i])))
            return CBENCH_EINVAL;
    int rc = cbench_compare_paired_change(a, b, n, o->confidence, &out->mean,
                                          &out->p_value);
    if (rc == 0)
        rc = paired_median(o, a, b, n, &out->median);
    if (rc == 0)
        out->verdict = cbench_compare_verdict(out->p_value, &out->mean,
                                              o->significance, o->noise_threshold);
    return rc;
}

int cbench_analysis_paired_settled(const cbench_analysis_opts *o, const double *a,
                                   const double *b, size_t n)
{
    if (!cbench__analysis_opts_valid(o) || a == NULL || b == NULL)
        return CBENCH_EINVAL;
    cbench_estimate e;
    double p;
    int rc = cbench_compare_paired_change(a, b, n, CBENCH_AB_INTERIM_LEVEL, &e, &p);
    if (rc != 0)
        return rc == CBENCH_EDOMAIN && n < 2 ? 0 : rc;
    double t = o->noise_threshold;
    return e.lower > t || e.upper < -t || (e.lower >= -t && e.upper <= t);
}
