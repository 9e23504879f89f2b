/* SPDX-License-Identifier: MIT
 *
 * knees.c - optimal partitioning of a sweep's log cost per element and
 * the knees between its segments; see knees.h for the method.
 */
#include "stats/knees.h"

#include <math.h>
#include <string.h>

#include "cbench/stats.h"
#include "stats/compare.h"
#include "stats/univariate.h"

void cbench_knees_opts_default(cbench_knee_opts *o)
{
    memset(o, 0, sizeof *o);
    o->confidence = 0.95;
    o->min_factor = CBENCH_KNEES_MIN_FACTOR;
    o->bytes_per_element = NAN;
}

/* The smallest variance a size is given whatever its rounds say: one part
 * in a million of the cost, for sweeps whose rounds agree exactly. */
#define KNEES_TINY_VAR 1e-12

/* The fewest differences between neighbouring sizes their scatter is
 * read from. */
#define KNEES_SCATTER_MIN 5

/* One size's level: y = log typical time, s2 its variance, df. */
typedef struct level {
    double y, s2, df;
} level;

/* {=================================================================
 * Input and per-size levels.
 * ================================================================== */

static int opts_valid(const cbench_knee_opts *o)
{
    if (o == NULL || !(o->confidence > 0 && o->confidence < 1) || !(o->min_factor >= 1))
        return 0;
    if (o->n_caches > 0 && o->caches == NULL)
        return 0;
    for (size_t c = 0; c < o->n_caches; c++)
        if (o->caches[c].name == NULL || !(o->caches[c].bytes > 0)
            || !isfinite(o->caches[c].bytes))
            return 0;
    return 1;
}

static int sizes_check(const cbench_knee_size *s, size_t m)
{
    if (s == NULL || m > CBENCH_KNEES_MAX_SIZES)
        return CBENCH_EINVAL;
    int short_rounds = 0;
    for (size_t i = 0; i < m; i++) {
        if (!(isfinite(s[i].n) && s[i].n > 0) || (i > 0 && !(s[i].n > s[i - 1].n)))
            return CBENCH_EINVAL;
        if (s[i].k > 0 && s[i].t == NULL)
            return CBENCH_EINVAL;
        for (size_t k = 0; k < s[i].k; k++)
            if (!(isfinite(s[i].t[k]) && s[i].t[k] > 0))
                return CBENCH_EINVAL;
        short_rounds |= s[i].k < CBENCH_KNEES_MIN_ROUNDS;
    }
    return m < CBENCH_KNEES_MIN_SIZES || short_rounds ? CBENCH_EDOMAIN : 0;
}

/* The scatter of y between neighbouring sizes: 1.4826 MAD of the first
 * differences (about their median, which a trend shifts) / sqrt 2, its
 * square; 0 with fewer than KNEES_SCATTER_MIN differences. */
static double scatter_var(const level *lv, size_t m)
{
    double d[CBENCH_KNEES_MAX_SIZES], scratch[CBENCH_KNEES_MAX_SIZES];
    if (m < KNEES_SCATTER_MIN + 1)
        return 0;
    for (size_t i = 0; i + 1 < m; i++)
        d[i] = lv[i + 1].y - lv[i].y;
    cbench_univariate_sort(d, m - 1);
    double mad = cbench_univariate_mad_sorted(d, m - 1, scratch);
    return mad * mad / 2;
}

/* Levels of every size; no variance below the scatter between
 * neighbouring sizes (see Method, levels). */
static int size_levels(const cbench_knee_size *s, size_t m, level *lv)
{
    for (size_t i = 0; i < m; i++) {
        cbench_trimmed tr;
        int rc = cbench_compare_trimmed_of(s[i].t, s[i].k, 1, &tr);
        if (rc != 0)
            return rc;
        lv[i] = (level){tr.mean, tr.se2 + tr.run_var, tr.df};
    }
    double floor = fmax(scatter_var(lv, m), KNEES_TINY_VAR);
    for (size_t i = 0; i < m; i++)
        lv[i].s2 = fmax(lv[i].s2, floor);
    return 0;
}

/* {=================================================================
 * Optimal partitioning.
 * ================================================================== */

/* Prefix sums of w, w y and w y^2 (y about y_0, for precision). */
typedef struct sums {
    double w[CBENCH_KNEES_MAX_SIZES + 1], wy[CBENCH_KNEES_MAX_SIZES + 1],
        wyy[CBENCH_KNEES_MAX_SIZES + 1];
} sums;

static void sums_fill(sums *p, const level *lv, size_t m)
{
    p->w[0] = p->wy[0] = p->wyy[0] = 0;
    for (size_t i = 0; i < m; i++) {
        double w = 1 / lv[i].s2, y = lv[i].y - lv[0].y;
        p->w[i + 1] = p->w[i] + w;
        p->wy[i + 1] = p->wy[i] + w * y;
        p->wyy[i + 1] = p->wyy[i] + w * y * y;
    }
}

/* Weighted squared deviation of sizes [a, b) from their weighted mean. */
static double seg_cost(const sums *p, size_t a, size_t b)
{
    double w = p->w[b] - p->w[a], wy = p->wy[b] - p->wy[a];
    double c = p->wyy[b] - p->wyy[a] - wy * wy / w;
    return c > 0 ? c : 0;
}

/* The optimal segmentation: prev[j] = start of the last segment of the
 * best fit of sizes [0, j). */
static void partition(const sums *p, size_t m, double beta, size_t *prev)
{
    double best[CBENCH_KNEES_MAX_SIZES + 1];
    best[0] = 0;
    for (size_t j = 1; j <= m; j++) {
        best[j] = INFINITY;
        for (size_t i = 0; i < j; i++) {
            double f = best[i] + seg_cost(p, i, j) + (i > 0 ? beta : 0);
            if (f < best[j]) {
                best[j] = f;
                prev[j] = i;
            }
        }
    }
}

/* Segments from prev[], in ascending order, with their levels. */
static void segments_of(const size_t *prev, size_t m, const sums *p, const level *lv,
                        cbench_knees *out)
{
    size_t starts[CBENCH_KNEES_MAX_SIZES], n = 0;
    for (size_t j = m; j > 0; j = prev[j])
        starts[n++] = prev[j];
    out->n_segments = n;
    for (size_t s = 0; s < n; s++) {
        cbench_knee_segment *g = &out->segments[s];
        g->first = starts[n - 1 - s];
        g->last = (s + 1 < n ? starts[n - 2 - s] : m) - 1;
        double w = p->w[g->last + 1] - p->w[g->first];
        g->level = exp(lv[0].y + (p->wy[g->last + 1] - p->wy[g->first]) / w);
    }
}

/* {=================================================================
 * Knees.
 * ================================================================== */

/* Sum of the weights of segment g, and its part of Welch's denominator:
 * sum over its sizes of (w_i / W^2)^2 / df_i. */
static double seg_weight(const cbench_knee_segment *g, const level *lv, double *welch)
{
    double w = 0;
    for (size_t i = g->first; i <= g->last; i++)
        w += 1 / lv[i].s2;
    *welch = 0;
    for (size_t i = g->first; i <= g->last; i++) {
        double c = (1 / lv[i].s2) / (w * w);
        *welch += c * c / lv[i].df;
    }
    return w;
}

static void factor_of(const cbench_knee_segment *below, const cbench_knee_segment *above,
                      const level *lv, double confidence, cbench_estimate *f)
{
    double wb_lo, wb_hi;
    double var = 1 / seg_weight(below, lv, &wb_lo) + 1 / seg_weight(above, lv, &wb_hi);
    double df = var * var / (wb_lo + wb_hi);
    double d = log(above->level / below->level), se = sqrt(var);
    double q = cbench_stats_t_quantile((1 + confidence) / 2, df);
    *f = (cbench_estimate){exp(d), exp(d - q * se), exp(d + q * se), exp(d) * se,
                           confidence};
}

/* The cache naming knee k (see Method, cache). */
static void cache_of(cbench_knee *k, const cbench_knee_opts *o)
{
    k->bytes_lo = k->bytes_hi = NAN;
    k->cache = -1;
    k->cache_near = 0;
    if (!(o->bytes_per_element > 0) || o->n_caches == 0)
        return;
    k->bytes_lo = k->n_lo * o->bytes_per_element;
    k->bytes_hi = k->n_hi * o->bytes_per_element;
    double nearest = 2;
    for (size_t c = 0; c < o->n_caches; c++) {
        double cap = o->caches[c].bytes;
        if (cap >= k->bytes_lo && cap <= k->bytes_hi) {
            k->cache = (int)c;
            k->cache_near = 0;
            return;
        }
        double dist = cap < k->bytes_lo ? k->bytes_lo / cap : cap / k->bytes_hi;
        if (dist <= nearest) {
            nearest = dist;
            k->cache = (int)c;
            k->cache_near = 1;
        }
    }
}

/* Weighted least-squares line of y over log n on sizes [a, b], and its
 * weighted residual sum of squares. */
static double line_cost(const level *lv, const cbench_knee_size *s, size_t a, size_t b)
{
    double sw = 0, sx = 0, sy = 0;
    for (size_t i = a; i <= b; i++) {
        double w = 1 / lv[i].s2;
        sw += w;
        sx += w * log(s[i].n);
        sy += w * lv[i].y;
    }
    double mx = sx / sw, my = sy / sw, sxx = 0, sxy = 0;
    for (size_t i = a; i <= b; i++) {
        double w = 1 / lv[i].s2, dx = log(s[i].n) - mx;
        sxx += w * dx * dx;
        sxy += w * dx * (lv[i].y - my);
    }
    double slope = sxx > 0 ? sxy / sxx : 0, c = 0;
    for (size_t i = a; i <= b; i++) {
        double e = lv[i].y - my - slope * (log(s[i].n) - mx);
        c += e * e / lv[i].s2;
    }
    return c;
}

/* Whether segments a..b fit their sizes better than a line in log size,
 * each model paying beta/2 per parameter beyond one level (see Method). */
static int steps_beat_line(const cbench_knees *out, size_t a, size_t b, const level *lv,
                           const cbench_knee_size *s, const sums *p, double beta)
{
    double steps = beta * (double)(b - a);
    for (size_t j = a; j <= b; j++)
        steps += seg_cost(p, out->segments[j].first, out->segments[j].last + 1);
    double line = line_cost(lv, s, out->segments[a].first, out->segments[b].last) + beta / 2;
    return steps < line;
}

/* Adds the knee from segment a up to segment b when it passes the tests
 * of the Method. */
static void consider(cbench_knees *out, size_t a, size_t b, const level *lv,
                     const cbench_knee_size *s, const cbench_knee_opts *o,
                     const sums *p, double beta)
{
    const cbench_knee_segment *below = &out->segments[a], *above = &out->segments[b];
    cbench_knee k;
    k.lo = below->last;
    k.hi = above->first;
    k.n_lo = s[k.lo].n;
    k.n_hi = s[k.hi].n;
    factor_of(below, above, lv, o->confidence, &k.factor);
    if (!(k.factor.point >= o->min_factor) || !(k.factor.lower > 1)
        || !steps_beat_line(out, a, b, lv, s, p, beta) || out->n_knees == CBENCH_KNEES_MAX)
        return;
    cache_of(&k, o);
    out->knees[out->n_knees++] = k;
}

/* Runs of upward steps through one-size segments become one knee. */
static void find_knees(cbench_knees *out, const level *lv, const cbench_knee_size *s,
                       const cbench_knee_opts *o, const sums *p, double beta)
{
    const cbench_knee_segment *g = out->segments;
    size_t j = 1, n = out->n_segments;
    while (j < n) {
        if (!(g[j].level > g[j - 1].level)) {
            j++;
            continue;
        }
        size_t b = j;
        while (b + 1 < n && g[b].first == g[b].last && g[b + 1].level > g[b].level)
            b++;
        consider(out, j - 1, b, lv, s, o, p, beta);
        j = b + 1;
    }
}

int cbench_knees_find(const cbench_knee_size *sizes, size_t m,
                      const cbench_knee_opts *o, cbench_knees *out)
{
    if (out == NULL)
        return CBENCH_EINVAL;
    out->n_segments = out->n_knees = 0;
    if (!opts_valid(o))
        return CBENCH_EINVAL;
    int rc = sizes_check(sizes, m);
    level lv[CBENCH_KNEES_MAX_SIZES];
    if (rc == 0)
        rc = size_levels(sizes, m, lv);
    if (rc != 0)
        return rc;
    sums p;
    sums_fill(&p, lv, m);
    double z = cbench_stats_normal_quantile(1 - (1 - o->confidence) / (2.0 * (double)(m - 1)));
    size_t prev[CBENCH_KNEES_MAX_SIZES + 1];
    partition(&p, m, z * z, prev);
    segments_of(prev, m, &p, lv, out);
    find_knees(out, lv, sizes, o, &p, z * z);
    return 0;
}
