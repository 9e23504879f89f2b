/* SPDX-License-Identifier: MIT
 *
 * analysis.c - samples -> estimates, outliers, warnings, changes and
 * ratios; see analysis.h for the design and its justification.
 */
#include "stats/analysis.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cbench/stats.h"
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

static int opts_valid(const cbench_analysis_opts *o)
{
    return o != NULL && o->n_resamples >= 2 && o->confidence > 0 && o->confidence < 1
        && o->noise_threshold >= 0 && o->significance > 0 && o->significance < 1
        && (unsigned)o->estimator <= CBENCH_EST_LOW;
}

/* {==================================================================
 * Prepared samples: sorted x with aligned pairs, grouped by round.
 * =================================================================== */

typedef struct prep {
    size_t n, k;             /* samples, rounds */
    double *x;               /* per-iteration times, ascending */
    double *iters, *ns;      /* aligned with x */
    uint32_t *members;       /* positions into x, grouped by round */
    size_t *group_off;       /* k + 1 offsets into members */
    uint32_t *round_id;      /* k round ids, ascending */
    double *scratch;         /* 3 n doubles */
    int flat;
} prep;

typedef struct key {
    double v;
    uint32_t a, b;
} key;

static int cmp_key(const void *p, const void *q)
{
    const key *x = p, *y = q;
    if (x->v != y->v)
        return x->v < y->v ? -1 : 1;
    if (x->a != y->a)
        return x->a < y->a ? -1 : 1;
    return (x->b > y->b) - (x->b < y->b);
}

static void prep_free(prep *p)
{
    free(p->x);
    free(p->members);
    free(p->group_off);
    free(p->round_id);
    memset(p, 0, sizeof *p);
}

static int samples_valid(const cbench_result *r)
{
    if (r == NULL || r->samples == NULL || r->n_samples == 0
        || r->n_samples > UINT32_MAX)
        return 0;
    for (size_t i = 0; i < r->n_samples; i++) {
        const cbench_sample *s = &r->samples[i];
        if (!(isfinite(s->iters) && s->iters > 0 && isfinite(s->ns)))
            return 0;
        if (!isfinite(s->ns / s->iters))
            return 0;
    }
    return 1;
}

/* Sorts by (x, original index): deterministic whatever qsort does with
 * ties. Then groups the sorted positions by (round, position). */
static void prep_fill(prep *p, const cbench_result *r, key *keys)
{
    size_t n = p->n;
    for (size_t i = 0; i < n; i++)
        keys[i] = (key){r->samples[i].ns / r->samples[i].iters, (uint32_t)i, 0};
    qsort(keys, n, sizeof *keys, cmp_key);
    for (size_t j = 0; j < n; j++) {
        const cbench_sample *s = &r->samples[keys[j].a];
        p->x[j] = keys[j].v;
        p->iters[j] = s->iters;
        p->ns[j] = s->ns;
        keys[j] = (key){(double)s->round, (uint32_t)j, 0};
    }
    qsort(keys, n, sizeof *keys, cmp_key);
    p->k = 0;
    for (size_t j = 0; j < n; j++) {
        uint32_t round = (uint32_t)keys[j].v;
        if (j == 0 || round != p->round_id[p->k - 1]) {
            p->round_id[p->k] = round;
            p->group_off[p->k++] = j;
        }
        p->members[j] = keys[j].a;
    }
    p->group_off[p->k] = n;
}

static int prep_build(const cbench_result *r, prep *p)
{
    memset(p, 0, sizeof *p);
    if (!samples_valid(r))
        return CBENCH_EINVAL;
    size_t n = p->n = r->n_samples;
    p->flat = (r->flags & CBENCH_RESULT_FLAT) != 0;
    p->x = malloc(6 * n * sizeof *p->x);
    p->members = malloc(n * sizeof *p->members);
    p->group_off = malloc((n + 1) * sizeof *p->group_off);
    p->round_id = malloc(n * sizeof *p->round_id);
    key *keys = malloc(n * sizeof *keys);
    if (!p->x || !p->members || !p->group_off || !p->round_id || !keys) {
        free(keys);
        prep_free(p);
        return CBENCH_ENOMEM;
    }
    p->iters = p->x + n;
    p->ns = p->x + 2 * n;
    p->scratch = p->x + 3 * n;
    prep_fill(p, r, keys);
    free(keys);
    return 0;
}

/* The estimator over round g (or over everything when g == k). */
static double estimator_of(const prep *p, cbench_estimator e, size_t g)
{
    size_t off = g < p->k ? p->group_off[g] : 0;
    size_t m = g < p->k ? p->group_off[g + 1] - off : p->n;
    double *xs = p->scratch, *it = p->scratch + p->n, *ns = p->scratch + 2 * p->n;
    for (size_t j = 0; j < m; j++) {
        uint32_t pos = g < p->k ? p->members[off + j] : (uint32_t)j;
        xs[j] = p->x[pos];
        it[j] = p->iters[pos];
        ns[j] = p->ns[pos];
    }
    if (e == CBENCH_EST_MEDIAN)
        return cbench_univariate_percentile_sorted(xs, m, 50);
    if (e == CBENCH_EST_LOW)
        return cbench_univariate_percentile_sorted(xs, m, CBENCH_LOW_PERCENTILE);
    if (e == CBENCH_EST_SLOPE && !p->flat)
        return cbench_regression_fit(it, ns, m, NULL);
    return cbench_univariate_mean(xs, m);
}

/* Per-round estimates into a malloc'd array (NULL on out of memory). */
static double *round_estimates(const prep *p, cbench_estimator e)
{
    double *est = malloc(p->k * sizeof *est);
    for (size_t g = 0; est != NULL && g < p->k; g++)
        est[g] = estimator_of(p, e, g);
    return est;
}

int cbench_analysis_round_estimates(const cbench_analysis_opts *o,
                                    const cbench_result *r, double **est,
                                    uint32_t **round_ids, size_t *k)
{
    if (!opts_valid(o) || k == NULL)
        return CBENCH_EINVAL;
    prep p;
    int rc = prep_build(r, &p);
    if (rc != 0)
        return rc;
    *k = p.k;
    double *e = est ? round_estimates(&p, o->estimator) : NULL;
    uint32_t *ids = round_ids ? malloc(p.k * sizeof *ids) : NULL;
    if ((est && !e) || (round_ids && !ids)) {
        free(e);
        free(ids);
        prep_free(&p);
        return CBENCH_ENOMEM;
    }
    if (ids)
        memcpy(ids, p.round_id, p.k * sizeof *ids);
    if (est) *est = e;
    if (round_ids) *round_ids = ids;
    prep_free(&p);
    return 0;
}

/* {==================================================================
 * Estimates of one result.
 * =================================================================== */

static void est_set(cbench_estimate *e, double point, double lo, double hi,
                    double se, double level)
{
    e->point = point;
    e->lower = lo;
    e->upper = hi;
    e->std_err = se;
    e->level = level;
}

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
        est_set(out, NAN, NAN, NAN, NAN, confidence);
        return;
    }
    /* Between runs, not only between rounds (compare.h, Method: runs). */
    double q = cbench_stats_t_quantile((1 + confidence) / 2, t.df);
    double se = sqrt(t.se2 + t.run_var);
    if (positive)
        est_set(out, exp(t.mean), exp(t.mean - q * se), exp(t.mean + q * se),
                exp(t.mean) * se, confidence);
    else
        est_set(out, t.mean, fmax(0, t.mean - q * se), t.mean + q * se, se, confidence);
}

static cbench_boot_stat boot_stat_of(const prep *p, cbench_estimator e)
{
    if (e == CBENCH_EST_SLOPE && !p->flat)
        return CBENCH_BOOT_SLOPE;
    return e == CBENCH_EST_MEAN || e == CBENCH_EST_SLOPE ? CBENCH_BOOT_MEAN
                                                         : CBENCH_BOOT_MEDIAN;
}

static void boot_spec_of(const cbench_analysis_opts *o, const prep *p,
                         unsigned want, uint64_t seed, cbench_boot_spec *s)
{
    memset(s, 0, sizeof *s);
    s->x = p->x;
    s->n = p->n;
    s->iters = p->iters;
    s->ns = p->ns;
    s->members = p->members;
    s->group_off = p->group_off;
    s->n_groups = p->k;
    s->want = want;
    s->n_resamples = o->n_resamples;
    s->seed = seed;
    s->threads = o->threads;
}

/* The pooled points (no bootstrap): one rule for the analysis and for
 * cbench_analysis_points, which a loader checks stored estimates with. */
static void pooled_points(const prep *p, double point[CBENCH_BOOT_NSTAT], double *r_squared)
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
    prep p;
    double point[CBENCH_BOOT_NSTAT];
    int rc = prep_build(r, &p);
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
    prep_free(&p);
    return 0;
}

/* Bootstraps every pooled statistic at once and fills their CIs. */
static int pooled_estimates(const cbench_analysis_opts *o, const prep *p,
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
    boot_spec_of(o, p, want, o->seed, &spec);
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
        est_set(slot[s], point[s], lo, hi, se, o->confidence);
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
    est_set(out, point, lower, upper, (upper - lower) / (2 * z), level);
}

static int typical_estimate(const cbench_analysis_opts *o, const prep *p,
                            cbench_result *r)
{
    if (p->k < 2 && o->estimator == CBENCH_EST_LOW) {
        quantile_interval(p->x, p->n, CBENCH_LOW_PERCENTILE / 100, o->confidence,
                          &r->typical);
        return 0;
    }
    if (p->k < 2) {             /* the estimator's own bootstrap CI */
        cbench_boot_stat st = boot_stat_of(p, o->estimator);
        r->typical = st == CBENCH_BOOT_SLOPE ? r->slope
                   : st == CBENCH_BOOT_MEAN ? r->mean : r->median;
        return 0;
    }
    double *e = round_estimates(p, o->estimator);
    if (e == NULL)
        return CBENCH_ENOMEM;
    trimmed_interval(e, p->k, o->confidence, &r->typical);
    free(e);
    return 0;
}

/* {==================================================================
 * Stability warnings.
 * =================================================================== */


/* How far the per-round estimates spread (relative sd) against what the
 * noise inside each round predicts for them (relative standard error of
 * the estimator, ~1.2533 sd / sqrt(n) for a median, sd / sqrt(n) for a
 * mean; the MAD stands in for the sd to resist outliers). */
static void round_spread(const prep *p, const cbench_analysis_opts *o,
                         double *between, double *within)
{
    double *e = round_estimates(p, o->estimator);
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

static int stability(const cbench_analysis_opts *o, const prep *p, cbench_result *r)
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

int cbench_analysis_run(const cbench_analysis_opts *o, cbench_result *r)
{
    if (!opts_valid(o) || r == NULL)
        return CBENCH_EINVAL;
    prep p;
    int rc = prep_build(r, &p);
    if (rc != 0)
        return rc;
    if (r->n_rounds == 0)
        r->n_rounds = p.k;
    rc = pooled_estimates(o, &p, r);
    if (rc == 0)
        rc = typical_estimate(o, &p, r);
    if (rc == 0) {
        cbench_outliers_classify_sorted(p.x, p.n, &r->outliers);
        rc = stability(o, &p, r);
    }
    prep_free(&p);
    return rc;
}

/* {==================================================================
 * Two results: change and ratio.
 * =================================================================== */

/* Bootstrap of st(b*) / st(a*) (independent resamples of each side, plain
 * when a side has one round, two-level otherwise) at alpha/2 levels. The
 * point is st(b) / st(a). */
static int boot_ratio(const cbench_analysis_opts *o, const prep *a, const prep *b,
                      cbench_estimator e, cbench_estimate *out)
{
    cbench_boot_stat st[2] = {boot_stat_of(a, e), boot_stat_of(b, e)};
    const prep *side[2] = {a, b};
    cbench_boot_dist d[2];
    memset(d, 0, sizeof d);
    int rc = 0;
    static const double low = CBENCH_LOW_PERCENTILE;
    for (int i = 0; i < 2 && rc == 0; i++) {
        cbench_boot_spec s;
        boot_spec_of(o, side[i], CBENCH_BOOT_WANT(st[i]),
                     o->seed ^ (i ? UINT64_C(0x9e3779b97f4a7c15) : UINT64_C(0x51ed27)), &s);
        if (e == CBENCH_EST_LOW) {
            s.want = 0;
            s.pcts = &low;
            s.n_pcts = 1;
        }
        rc = cbench_boot_run(&s, &d[i]);
    }
    cbench__estimate_undef(out);
    if (rc == 0) {
        double *ra = e == CBENCH_EST_LOW ? d[0].pct[0] : d[0].stat[st[0]];
        double *rb = e == CBENCH_EST_LOW ? d[1].pct[0] : d[1].stat[st[1]];
        for (unsigned i = 0; i < o->n_resamples; i++)
            rb[i] = rb[i] / ra[i];
        double pa = estimator_of(a, e, a->k), pb = estimator_of(b, e, b->k);
        double ql = (1 - o->confidence) / 2, lo, hi, se;
        if (pa != 0 && cbench_boot_ci(rb, o->n_resamples, ql, 1 - ql, &lo, &hi, &se) == 0
            && isfinite(lo) && isfinite(hi))
            est_set(out, pb / pa, lo, hi, se, o->confidence);
        else
            rc = CBENCH_EDOMAIN;
    }
    cbench_boot_dist_free(&d[0]);
    cbench_boot_dist_free(&d[1]);
    return rc;
}

static void shift(cbench_estimate *e, double by)
{
    e->point += by;
    e->lower += by;
    e->upper += by;
}

/* Units are the per-round estimates (both sides K >= 2). */
static int compare_rounds(const cbench_analysis_opts *o, const prep *a,
                          const prep *b, cbench_change *c)
{
    double *ea = round_estimates(a, o->estimator), *eb = round_estimates(b, o->estimator);
    double *ma = round_estimates(a, CBENCH_EST_MEDIAN), *mb = round_estimates(b, CBENCH_EST_MEDIAN);
    int rc = CBENCH_ENOMEM;
    if (ea && eb && ma && mb) {
        /* Two runs: each carries its between-run term (compare.h). */
        rc = cbench_compare_change_runs(ea, a->k, eb, b->k, o->confidence, &c->mean,
                                        &c->p_value, &c->df);
        int mrc = cbench_compare_change_runs(ma, a->k, mb, b->k, o->confidence, &c->median,
                                             NULL, NULL);
        if (mrc == CBENCH_ENOMEM)       /* else an undefined median, unsaid */
            rc = mrc;
        c->test_name = "yuen-welch t on per-round estimates, between-run term";
    }
    free(ea);
    free(eb);
    free(ma);
    free(mb);
    return rc;
}

/* Units are the samples (a side has one round). */
static int compare_samples(const cbench_analysis_opts *o, const prep *a,
                           const prep *b, cbench_change *c)
{
    if (a->n < 2 || b->n < 2)
        return CBENCH_EDOMAIN;
    double t, df;
    cbench_compare_welch(a->x, a->n, b->x, b->n, &t, &df, &c->p_value);
    int rc = boot_ratio(o, a, b, o->estimator, &c->mean);
    if ((rc == 0 || rc == CBENCH_EDOMAIN)
        && boot_ratio(o, a, b, CBENCH_EST_MEDIAN, &c->median) == CBENCH_ENOMEM)
        rc = CBENCH_ENOMEM;             /* else an undefined median, unsaid */
    shift(&c->mean, -1);
    shift(&c->median, -1);
    c->test_name = "welch-t on samples";
    return rc == CBENCH_ENOMEM ? rc : 0;
}

int cbench_analysis_compare(const cbench_analysis_opts *o,
                            const cbench_result *base, cbench_result *cur)
{
    if (!opts_valid(o) || cur == NULL)
        return CBENCH_EINVAL;
    prep a, b;
    int rc = prep_build(base, &a);
    if (rc == 0 && (rc = prep_build(cur, &b)) != 0)
        prep_free(&a);
    if (rc != 0)
        return rc;
    cbench_change c;
    memset(&c, 0, sizeof c);
    cbench__estimate_undef(&c.mean);
    cbench__estimate_undef(&c.median);
    c.p_value = c.df = NAN;
    if (a.k >= 2 && b.k >= 2)
        rc = compare_rounds(o, &a, &b, &c);
    else
        rc = compare_samples(o, &a, &b, &c);
    prep_free(&a);
    prep_free(&b);
    if (rc != 0)
        return rc;
    c.noise_threshold = o->noise_threshold;
    c.significance = o->significance;
    c.verdict = cbench_compare_verdict(c.p_value, &c.mean, o->significance,
                                       o->noise_threshold);
    cur->change = c;
    cur->has_change = 1;
    return 0;
}

/* Pairs the per-round estimates of rounds present in both; the number of
 * pairs, or (size_t)-1 on out of memory. */
static size_t pair_rounds(const cbench_analysis_opts *o, const prep *a, const prep *b,
                          double *pa, double *pb)
{
    double *ea = round_estimates(a, o->estimator), *eb = round_estimates(b, o->estimator);
    size_t n = 0;
    if (ea == NULL || eb == NULL)
        n = (size_t)-1;
    for (size_t i = 0, j = 0; n != (size_t)-1 && i < a->k && j < b->k;) {
        if (a->round_id[i] < b->round_id[j])
            i++;
        else if (a->round_id[i] > b->round_id[j])
            j++;
        else {
            pa[n] = ea[i++];
            pb[n++] = eb[j++];
        }
    }
    free(ea);
    free(eb);
    return n;
}

static int ratio_rounds(const cbench_analysis_opts *o, const prep *a, const prep *b,
                        cbench_estimate *out)
{
    size_t cap = a->k < b->k ? a->k : b->k;
    double *pa = malloc(cap * sizeof *pa), *pb = malloc(cap * sizeof *pb);
    size_t n = pa && pb ? pair_rounds(o, a, b, pa, pb) : (size_t)-1;
    int rc = CBENCH_ENOMEM;
    if (n != (size_t)-1 && n >= 2) {
        double p;
        rc = cbench_compare_paired_change(pa, pb, n, o->confidence, out, &p);
    } else if (n != (size_t)-1) {
        double *ea = round_estimates(a, o->estimator), *eb = round_estimates(b, o->estimator);
        if (ea && eb)
            rc = cbench_compare_change(ea, a->k, eb, b->k, o->confidence, out, NULL);
        free(ea);
        free(eb);
    }
    free(pa);
    free(pb);
    if (rc == 0)
        shift(out, 1);
    return rc;
}

int cbench_analysis_ratio(const cbench_analysis_opts *o, const cbench_result *ref,
                          cbench_result *cur)
{
    if (!opts_valid(o) || cur == NULL)
        return CBENCH_EINVAL;
    cbench__estimate_undef(&cur->ratio_to_reference);
    prep a, b;
    int rc = prep_build(ref, &a);
    if (rc == 0 && (rc = prep_build(cur, &b)) != 0)
        prep_free(&a);
    if (rc != 0)
        return rc;
    cbench_estimate e;
    if (a.k >= 2 && b.k >= 2)
        rc = ratio_rounds(o, &a, &b, &e);
    else
        rc = boot_ratio(o, &a, &b, o->estimator, &e);
    if (rc == 0)
        cur->ratio_to_reference = e;
    prep_free(&a);
    prep_free(&b);
    return rc;
}

/* {==================================================================
 * Paired A/B.
 * =================================================================== */

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
        est_set(out, expm1(med), expm1(lo), expm1(hi), exp(med) * se, o->confidence);
    free(l);
    return rc;
}

int cbench_analysis_paired(const cbench_analysis_opts *o, const double *a,
                           const double *b, size_t n, cbench_change *out)
{
    if (!opts_valid(o) || out == NULL)
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
    if (!opts_valid(o) || a == NULL || b == NULL)
        return CBENCH_EINVAL;
    cbench_estimate e;
    double p;
    int rc = cbench_compare_paired_change(a, b, n, CBENCH_AB_INTERIM_LEVEL, &e, &p);
    if (rc != 0)
        return rc == CBENCH_EDOMAIN && n < 2 ? 0 : rc;
    double t = o->noise_threshold;
    return e.lower > t || e.upper < -t || (e.lower >= -t && e.upper <= t);
}
