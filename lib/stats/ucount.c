/* SPDX-License-Identifier: MIT
 *
 * ucount.c - user counters' estimates and changes; see ucount.h.
 */
#include "stats/ucount.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cbench/stats.h"
#include "stats/compare.h"

static void set(cbench_estimate *e, double point, double lo, double hi, double se,
                double level)
{
    e->point = point;
    e->lower = lo;
    e->upper = hi;
    e->std_err = se;
    e->level = level;
}

/* The trimmed mean of v[0..k) with its interval (ucount.h, Method). */
static int estimate(const double *v, size_t k, double confidence, cbench_estimate *out)
{
    cbench__estimate_undef(out);
    if (k == 1) {
        set(out, v[0], NAN, NAN, NAN, confidence);
        return 0;
    }
    if (k == 0)
        return 0;
    size_t same = 1;
    while (same < k && v[same] == v[0])
        same++;
    if (same == k) {                      /* a deterministic count: exact */
        set(out, v[0], v[0], v[0], 0, confidence);
        return 0;
    }
    int logs = cbench_compare_all_positive(v, k);
    cbench_trimmed t;
    int rc = cbench_compare_trimmed_of(v, k, logs, &t);
    if (rc != 0)
        return rc == CBENCH_ENOMEM ? rc : 0;
    double q = cbench_stats_t_quantile((1 + confidence) / 2, t.df);
    double se = sqrt(t.se2 + t.run_var);
    if (logs)
        set(out, exp(t.mean), exp(t.mean - q * se), exp(t.mean + q * se), exp(t.mean) * se,
            confidence);
    else
        set(out, t.mean, t.mean - q * se, t.mean + q * se, se, confidence);
    return 0;
}

int cbench_ucount_estimate(double confidence, cbench_result *r)
{
    for (size_t i = 0; i < r->n_user_counters; i++) {
        cbench_user_counter *u = &r->user_counters[i];
        int rc = estimate(u->rounds, u->n_rounds, confidence, &u->value);
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* The rate of u's rounds: amount per iteration / time per iteration of
 * the round with the same id (ids ascending on both sides). */
static void to_rates(cbench_user_counter *u, const double *est, const uint32_t *ids, size_t k)
{
    size_t w = 0;
    for (size_t i = 0, j = 0; i < u->n_rounds; i++) {
        while (j < k && ids[j] < u->round_ids[i])
            j++;
        if (j == k || ids[j] != u->round_ids[i] || !(est[j] > 0))
            continue;                     /* no time for it: no rate */
        u->rounds[w] = u->rounds[i] / (est[j] * 1e-9);
        u->round_ids[w++] = u->round_ids[i];
    }
    u->n_rounds = w;
}

int cbench_ucount_finish(const cbench_analysis_opts *o, cbench_result *r)
{
    int any = 0;
    for (size_t i = 0; i < r->n_user_counters; i++)
        any |= (r->user_counters[i].flags & CBENCH_COUNTER_RATE) != 0;
    if (any) {
        double *est = NULL;
        uint32_t *ids = NULL;
        size_t k = 0;
        int rc = cbench_analysis_round_estimates(o, r, &est, &ids, &k);
        if (rc != 0)
            return rc;
        for (size_t i = 0; i < r->n_user_counters; i++)
            if (r->user_counters[i].flags & CBENCH_COUNTER_RATE)
                to_rates(&r->user_counters[i], est, ids, k);
        free(est);
        free(ids);
    }
    return cbench_ucount_estimate(o->confidence, r);
}

static const cbench_user_counter *find(const cbench_result *r, const char *name)
{
    for (size_t i = 0; i < r->n_user_counters; i++)
        if (strcmp(r->user_counters[i].name, name) == 0)
            return &r->user_counters[i];
    return NULL;
}

/* The time's verdict, turned round for a counter where more is better. */
static cbench_verdict directed(cbench_verdict v, unsigned flags)
{
    if (!(flags & CBENCH_COUNTER_HIGHER_IS_BETTER))
        return v;
    return v == CBENCH_VERDICT_REGRESSED  ? CBENCH_VERDICT_IMPROVED
         : v == CBENCH_VERDICT_IMPROVED ? CBENCH_VERDICT_REGRESSED : v;
}

static int compare_one(const cbench_ucount_thresholds *t, const cbench_user_counter *b,
                       cbench_user_counter *u)
{
    double confidence = t->confidence, significance = t->significance;
    double noise = u->flags & CBENCH_COUNTER_RATE ? t->rate_noise : t->noise;
    cbench_change c;
    memset(&c, 0, sizeof c);
    cbench__estimate_undef(&c.median);
    c.df = NAN;
    int rc = cbench_compare_change_runs(b->rounds, b->n_rounds, u->rounds, u->n_rounds,
                                        confidence, &c.mean, &c.p_value, &c.df);
    if (rc == CBENCH_ENOMEM)
        return rc;
    if (rc != 0)
        return 0;                         /* undefined (a zero baseline) */
    c.noise_threshold = noise;
    c.significance = significance;
    c.test_name = "yuen-welch t on per-round values, between-run term";
    c.verdict = directed(cbench_compare_verdict(c.p_value, &c.mean, significance, noise),
                         u->flags);
    u->change = c;
    u->has_change = 1;
    return 0;
}

int cbench_ucount_compare(const cbench_ucount_thresholds *t, const cbench_result *base,
                          cbench_result *cur)
{
    for (size_t i = 0; i < cur->n_user_counters; i++) {
        cbench_user_counter *u = &cur->user_counters[i];
        const cbench_user_counter *b = find(base, u->name);
        u->has_change = 0;
        u->base = b != NULL ? b->value.point : NAN;
        if (b == NULL || b->n_rounds < 2 || u->n_rounds < 2)
            continue;
        int rc = compare_one(t, b, u);
        if (rc != 0)
            return rc;
    }
    return 0;
}
