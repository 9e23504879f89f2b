/* SPDX-License-Identifier: MIT
 *
 * analysis.c - one result's samples -> its estimates: the pooled points
 * with their bootstrap CIs, the typical time with its between-round
 * interval, the outlier classes, then the stability check
 * (cbench_analysis_run, cbench_analysis_points); see analysis.h for the
 * design and its justification.
 *
 * The other jobs of analysis.h live beside it: preparing samples and the
 * per-round estimator (analysis_prep.c), the Unstable warnings
 * (analysis_stability.c), change and ratio between two results
 * (analysis_change.c), and paired A/B (analysis_paired.c).
 */
#include "stats/analysis.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cbench/stats.h"
#include "stats/analysis_prep.h"
#include "stats/analysis_stability.h"
#include "stats/bootstrap.h"
#include "stats/compare.h"
#include "stats/outliers.h"
#include "stats/regression.h"
#include "stats/univariate.h"

void cbench_analysis_opts_default(cbench_analysis_opts *o)
{
    o->n_resamples = 100000;
    o->confidence = 0.95;
    o->seed = CBENCH_ANALYSIS_DEFAULT_SEED;
    o->noise_threshold = 0.01;
    o->significance = 0.05;
    o->estimator = CBENCH_EST_LOW;
    o->threads = 0;
}

/* {==================================================================
 * Estimates of one result.
 * =================================================================== */

/* Quantile levels of the percentile interval: alpha/2 for K = 1, else
 * Hesterberg's expanded alpha'/2 (see analysis.h). */
static double lower_level(double confidence, size_t k)
{
    double a2 = (1 - confidence) / 2;
    if (k < 2)
        return a2;
    double kk = (double)k;
    double t = cbench_stats_t_quantile(1 - a2, kk - 1);
    return cbench_stats_normal_cdf(-sqrt(kk / (kk - 1)) * t);
}

/* Yuen's trimmed-mean interval over the K >= 2 per-round estimates e, on
 * the log scale (compare.h): timing noise is multiplicative (a round is a
 * few percent slower, not a few nanoseconds) and the interval of a
 * positive time must stay positive; a round a neighbour slowed down is
 * trimmed instead of dragging the point and the width. std_err is the
 * delta-method point * se(log). Estimates <= 0 (a body that takes no time
 * on a synthetic clock) fall back to the linear scale, the lower end
 * clamped at 0. */
static void trimmed_interval(const double *e, size_t k, double confidence,
                             cbench_estimate *out)
{
    int positive = cbench_compare_all_positive(e, k);
    cbench_trimmed t;
    if (cbench_compare_trimmed_of(e, k, positive, &t) != 0) {
        cbench__analysis_est_set(out, NAN, NAN, NAN, NAN, confidence);
        return;
    }
    /* Between runs, not only between rounds (compare.h, Method: runs). */
    double q = cbench_stats_t_quantile((1 + confidence) / 2, t.df);
    double se = sqrt(t.se2 + t.run_var);
    if (positive)
        cbench__analysis_est_set(out, exp(t.mean), exp(t.mean - q * se),
                                 exp(t.mean + q * se), exp(t.mean) * se, confidence);
    else
        cbench__analysis_est_set(out, t.mean, fmax(0, t.mean - q * se), t.mean + q * se,
                                 se, confidence);
}

/* The pooled points (no bootstrap): one rule for the analysis and for
 * cbench_analysis_points, which a loader checks stored estimates with. */
static void pooled_points(const cbench_prep *p, double point[CBENCH_BOOT_NSTAT],
                          double *r_squared)
{
    point[CBENCH_BOOT_MEAN] = cbench_univariate_mean(p->x, p->n);
    point[CBENCH_BOOT_STD_DEV] = p->n > 1
        ? sqrt(cbench_univariate_variance(p->x, p->n, point[CBENCH_BOOT_MEAN])) : NAN;
    point[CBENCH_BOOT_MEDIAN] = cbench_univariate_percentile_sorted(p->x, p->n, 50);
    point[CBENCH_BOOT_MAD] = cbench_univariate_mad_sorted(p->x, p->n, p->scratch);
    point[CBENCH_BOOT_SLOPE] = p->flat ? NAN
        : cbench_regression_fit(p->iters, p->ns, p->n, r_squared);
    if (p->flat)
        *r_squared = NAN;
}

int cbench_analysis_points(const cbench_result *r, cbench_points *out)
{
    cbench_prep p;
    double point[CBENCH_BOOT_NSTAT];
    int rc = cbench__prep_build(r, &p);
    if (rc != 0)
        return rc;
    pooled_points(&p, point, &out->r_squared);
    out->mean = point[CBENCH_BOOT_MEAN];
    out->std_dev = point[CBENCH_BOOT_STD_DEV];
    out->median = point[CBENCH_BOOT_MEDIAN];
    out->mad = point[CBENCH_BOOT_MAD];
    out->slope = point[CBENCH_BOOT_SLOPE];
    out->min = p.x[0];
    out->max = p.x[p.n - 1];
    cbench__prep_free(&p);
    return 0;
}

/* Bootstraps every pooled statistic at once and fills their CIs. */
static int pooled_estimates(const cbench_analysis_opts *o, const cbench_prep *p,
                            cbench_result *r)
{
    cbench_estimate *slot[CBENCH_BOOT_NSTAT] = {&r->mean, &r->std_dev, &r->median,
                                                &r->mad, &r->slope};
    double point[CBENCH_BOOT_NSTAT];
    pooled_points(p, point, &r->r_squared);
    unsigned want = 0;
    for (int s = 0; s < CBENCH_BOOT_NSTAT; s++) {
        cbench__estimate_undef(slot[s]);
        if (!isnan(point[s]))
            want |= CBENCH_BOOT_WANT(s);
    }
    cbench_boot_spec spec;
    cbench__prep_boot_spec(o, p, want, o->seed, &spec);
    cbench_boot_dist d;
    int rc = cbench_boot_run(&spec, &d);
    if (rc != 0)
        return rc;
    double ql = lower_level(o->confidence, p->k);
    for (int s = 0; s < CBENCH_BOOT_NSTAT; s++) {
        if (!(want & CBENCH_BOOT_WANT(s)))
            continue;
        double lo, hi, se;
        cbench_boot_ci(d.stat[s], d.n_resamples, ql, 1 - ql, &lo, &hi, &se);
        cbench__analysis_est_set(slot[s], point[s], lo, hi, se, o->confidence);
    }
    cbench_boot_dist_free(&d);
    return 0;
}

/* Distribution-free CI of the p-quantile of sorted x: order statistics
 * x_(l) and x_(u) with B ~ Binomial(n, p) below l and at or above u each
 * with probability <= (1 - level) / 2 (Conover, "Practical Nonparametric
 * Statistics", 3rd ed., 3.2); clamped to the sample's ends when n is
 * too small for the level. */
static void quantile_interval(const double *x, size_t n, double p, double level,
                              cbench_estimate *out)
{
    double a2 = (1 - level) / 2, cdf = 0, nn = (double)n;
    double lg_n = lgamma(nn + 1), lp = log(p), lq = log1p(-p);
    size_t lo = 0, hi = n - 1;                /* 0-based order statistics */
    for (size_t k = 0; k < n; k++) {          /* cdf = P(B <= k) */
        double kk = (double)k;
        cdf += exp(lg_n - lgamma(kk + 1) - lgamma(nn - kk + 1) + kk * lp + (nn - kk) * lq);
        if (cdf <= a2)
            lo = k;                           /* P(B <= k) <= a2: x_(k+1) */
        if (cdf >= 1 - a2) {
            hi = k;                           /* P(B > k) <= a2: x_(k+1) */
            break;
        }
    }
    double point = cbench_univariate_percentile_sorted(x, n, 100 * p);
    double lower = fmin(x[lo], point), upper = fmax(x[hi], point);
    double z = cbench_stats_normal_quantile(1 - a2);
    cbench__analysis_est_set(out, point, lower, upper, (upper - lower) / (2 * z), level);
}

static int typical_estimate(const cbench_analysis_opts *o, const cbench_prep *p,
                            cbench_result *r)
{
    if (p->k < 2 && o->estimator == CBENCH_EST_LOW) {
        quantile_interval(p->x, p->n, CBENCH_LOW_PERCENTILE / 100, o->confidence,
                          &r->typical);
        return 0;
    }
    if (p->k < 2) {             /* the estimator's own bootstrap CI */
        cbench_boot_stat st = cbench__prep_boot_stat(p, o->estimator);
        r->typical = st == CBENCH_BOOT_SLOPE ? r->slope
                   : st == CBENCH_BOOT_MEAN ? r->mean : r->median;
        return 0;
    }
    double *e = cbench__prep_round_estimates(p, o->estimator);
    if (e == NULL)
        return CBENCH_ENOMEM;
    trimmed_interval(e, p->k, o->confidence, &r->typical);
    free(e);
    return 0;
}

int cbench_analysis_run(const cbench_analysis_opts *o, cbench_result *r)
{
    if (!cbench__analysis_opts_valid(o) || r == NULL)
        return CBENCH_EINVAL;
    cbench_prep p;
    int rc = cbench__prep_build(r, &p);
    if (rc != 0)
        return rc;
    if (r->n_rounds == 0)
        r->n_rounds = p.k;
    rc = pooled_estimates(o, &p, r);
    if (rc == 0)
        rc = typical_estimate(o, &p, r);
    if (rc == 0) {
        cbench_outliers_classify_sorted(p.x, p.n, &r->outliers);
        rc = cbench__analysis_stability(o, &p, r);
    }
    cbench__prep_free(&p);
    return rc;
}
