/* SPDX-License-Identifier: MIT
 *
 * analysis_change.c - two results: the change of one against its
 * baseline (cbench_analysis_compare) and the ratio of one to its group's
 * reference (cbench_analysis_ratio); analysis.h, "compare" and "ratio".
 *
 * Why a file of its own: both ask the same question of two prepared
 * results, with the same choice of units: the per-round estimates when
 * both sides have rounds (independent processes), else the samples with a
 * bootstrap of the estimator ratio. The tests themselves live in
 * compare.c; this file picks the units and fills the result's fields.
 */
#include "stats/analysis.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats/analysis_prep.h"
#include "stats/bootstrap.h"
#include "stats/compare.h"

/* Bootstrap of st(b*) / st(a*) (independent resamples of each side, plain
 * when a side has one round, two-level otherwise) at alpha/2 levels. The
 * point is st(b) / st(a). */
static int boot_ratio(const cbench_analysis_opts *o, const cbench_prep *a,
                      const cbench_prep *b, cbench_estimator e, cbench_estimate *out)
{
    cbench_boot_stat st[2] = {cbench__prep_boot_stat(a, e), cbench__prep_boot_stat(b, e)};
    const cbench_prep *side[2] = {a, b};
    cbench_boot_dist d[2];
    memset(d, 0, sizeof d);
    int rc = 0;
    static const double low = CBENCH_LOW_PERCENTILE;
    for (int i = 0; i < 2 && rc == 0; i++) {
        cbench_boot_spec s;
        uint64_t seed = o->seed ^ (i ? UINT64_C(0x9e3779b97f4a7c15) : UINT64_C(0x51ed27));
        cbench__prep_boot_spec(o, side[i], CBENCH_BOOT_WANT(st[i]), seed, &s);
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
        double pa = cbench__prep_estimator(a, e, a->k);
        double pb = cbench__prep_estimator(b, e, b->k);
        double ql = (1 - o->confidence) / 2, lo, hi, se;
        if (pa != 0 && cbench_boot_ci(rb, o->n_resamples, ql, 1 - ql, &lo, &hi, &se) == 0
            && isfinite(lo) && isfinite(hi))
            cbench__analysis_est_set(out, pb / pa, lo, hi, se, o->confidence);
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
static int compare_rounds(const cbench_analysis_opts *o, const cbench_prep *a,
                          const cbench_prep *b, cbench_change *c)
{
    double *ea = cbench__prep_round_estimates(a, o->estimator);
    double *eb = cbench__prep_round_estimates(b, o->estimator);
    double *ma = cbench__prep_round_estimates(a, CBENCH_EST_MEDIAN);
    double *mb = cbench__prep_round_estimates(b, CBENCH_EST_MEDIAN);
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
static int compare_samples(const cbench_analysis_opts *o, const cbench_prep *a,
                           const cbench_prep *b, cbench_change *c)
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
    if (!cbench__analysis_opts_valid(o) || cur == NULL)
        return CBENCH_EINVAL;
    cbench_prep a, b;
    int rc = cbench__prep_build(base, &a);
    if (rc == 0 && (rc = cbench__prep_build(cur, &b)) != 0)
        cbench__prep_free(&a);
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
    cbench__prep_free(&a);
    cbench__prep_free(&b);
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
static size_t pair_rounds(const cbench_analysis_opts *o, const cbench_prep *a,
                          const cbench_prep *b, double *pa, double *pb)
{
    double *ea = cbench__prep_round_estimates(a, o->estimator);
    double *eb = cbench__prep_round_estimates(b, o->estimator);
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

static int ratio_rounds(const cbench_analysis_opts *o, const cbench_prep *a,
                        const cbench_prep *b, cbench_estimate *out)
{
    size_t cap = a->k < b->k ? a->k : b->k;
    double *pa = malloc(cap * sizeof *pa), *pb = malloc(cap * sizeof *pb);
    size_t n = pa && pb ? pair_rounds(o, a, b, pa, pb) : (size_t)-1;
    int rc = CBENCH_ENOMEM;
    if (n != (size_t)-1 && n >= 2) {
        double p;
        rc = cbench_compare_paired_change(pa, pb, n, o->confidence, out, &p);
    } else if (n != (size_t)-1) {
        double *ea = cbench__prep_round_estimates(a, o->estimator);
        double *eb = cbench__prep_round_estimates(b, o->estimator);
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
    if (!cbench__analysis_opts_valid(o) || cur == NULL)
        return CBENCH_EINVAL;
    cbench__estimate_undef(&cur->ratio_to_reference);
    cbench_prep a, b;
    int rc = cbench__prep_build(ref, &a);
    if (rc == 0 && (rc = cbench__prep_build(cur, &b)) != 0)
        cbench__prep_free(&a);
    if (rc != 0)
        return rc;
    cbench_estimate e;
    if (a.k >= 2 && b.k >= 2)
        rc = ratio_rounds(o, &a, &b, &e);
    else
        rc = boot_ratio(o, &a, &b, o->estimator, &e);
    if (rc == 0)
        cur->ratio_to_reference = e;
    cbench__prep_free(&a);
    cbench__prep_free(&b);
    return rc;
}
