/* SPDX-License-Identifier: MIT
 *
 * analysis_prep.c - from a result's samples to the prepared, sorted and
 * grouped form every analysis step reads (analysis_prep.h), and the
 * per-round estimates computed from it (cbench_analysis_round_estimates).
 *
 * Why a file of its own: every entry point of analysis.h starts here,
 * and the rounds are the unit of independence of the whole design
 * (analysis.h): how samples are grouped by round and what "the estimator
 * of a round" means is decided once, in this file.
 */
#include "stats/analysis_prep.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats/regression.h"
#include "stats/univariate.h"

int cbench__analysis_opts_valid(const cbench_analysis_opts *o)
{
    return o != NULL && o->n_resamples >= 2 && o->confidence > 0 && o->confidence < 1
        && o->noise_threshold >= 0 && o->significance > 0 && o->significance < 1
        && (unsigned)o->estimator <= CBENCH_EST_LOW;
}

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

void cbench__prep_free(cbench_prep *p)
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
static void prep_fill(cbench_prep *p, const cbench_result *r, key *keys)
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

int cbench__prep_build(const cbench_result *r, cbench_prep *p)
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
        cbench__prep_free(p);
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
double cbench__prep_estimator(const cbench_prep *p, cbench_estimator e, size_t g)
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
double *cbench__prep_round_estimates(const cbench_prep *p, cbench_estimator e)
{
    double *est = malloc(p->k * sizeof *est);
    for (size_t g = 0; est != NULL && g < p->k; g++)
        est[g] = cbench__prep_estimator(p, e, g);
    return est;
}

int cbench_analysis_round_estimates(const cbench_analysis_opts *o,
                                    const cbench_result *r, double **est,
                                    uint32_t **round_ids, size_t *k)
{
    if (!cbench__analysis_opts_valid(o) || k == NULL)
        return CBENCH_EINVAL;
    cbench_prep p;
    int rc = cbench__prep_build(r, &p);
    if (rc != 0)
        return rc;
    *k = p.k;
    double *e = est ? cbench__prep_round_estimates(&p, o->estimator) : NULL;
    uint32_t *ids = round_ids ? malloc(p.k * sizeof *ids) : NULL;
    if ((est && !e) || (round_ids && !ids)) {
        free(e);
        free(ids);
        cbench__prep_free(&p);
        return CBENCH_ENOMEM;
    }
    if (ids)
        memcpy(ids, p.round_id, p.k * sizeof *ids);
    if (est) *est = e;
    if (round_ids) *round_ids = ids;
    cbench__prep_free(&p);
    return 0;
}

void cbench__analysis_est_set(cbench_estimate *e, double point, double lo, double hi,
                              double se, double level)
{
    e->point = point;
    e->lower = lo;
    e->upper = hi;
    e->std_err = se;
    e->level = level;
}

cbench_boot_stat cbench__prep_boot_stat(const cbench_prep *p, cbench_estimator e)
{
    if (e == CBENCH_EST_SLOPE && !p->flat)
        return CBENCH_BOOT_SLOPE;
    return e == CBENCH_EST_MEAN || e == CBENCH_EST_SLOPE ? CBENCH_BOOT_MEAN
                                                         : CBENCH_BOOT_MEDIAN;
}

void cbench__prep_boot_spec(const cbench_analysis_opts *o, const cbench_prep *p,
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
