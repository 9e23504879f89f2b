/* SPDX-License-Identifier: MIT
 *
 * bootstrap.c - plain and two-level bootstrap with count-based order
 * statistics; see bootstrap.h for the method.
 */
#include "stats/bootstrap.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cbench.h"
#include "cbench/stats.h"
#include "stats/rng.h"
#include "stats/univariate.h"

/* Draws per run above which 'auto' uses a second thread (~1 ms of work,
 * well above the ~0.1 ms a thread costs to start). */
#define AUTO_THREAD_DRAWS 1000000.0

typedef struct boot_ctx {
    const cbench_boot_spec *s;
    cbench_boot_dist *out;
    double center;           /* mean of x; d = x - center */
    double *d, *xy, *xx;     /* per sorted position */
    cbench_rng *streams;     /* one per chunk */
    size_t n_chunks;
    int need_counts, mean_only;
} boot_ctx;

typedef struct boot_acc {
    double s1, s2, sxy, sxx;
    size_t m;
} boot_acc;

typedef struct boot_worker {
    const boot_ctx *c;
    size_t first, step;
    uint32_t *counts;
} boot_worker;

/* {==================================================================
 * One resample.
 * =================================================================== */

static inline void visit(const boot_ctx *c, uint32_t *cnt, boot_acc *a, uint32_t i)
{
    double v = c->d[i];
    a->s1 += v;
    a->s2 += v * v;
    if (cnt != NULL)
        cnt[i]++;
    if (c->xy != NULL) {
        a->sxy += c->xy[i];
        a->sxx += c->xx[i];
    }
}

/* Draws sz values from positions idx[0..sz) (idx NULL: 0..sz). */
static void draw_run(const boot_ctx *c, cbench_rng *r, uint32_t *cnt,
                     boot_acc *a, const uint32_t *idx, size_t sz)
{
    uint32_t i1, i2;
    size_t j = 0;
    for (; j + 1 < sz; j += 2) {
        cbench_rng_bounded2(r, sz, &i1, &i2);
        visit(c, cnt, a, idx ? idx[i1] : i1);
        visit(c, cnt, a, idx ? idx[i2] : i2);
    }
    if (j < sz) {
        i1 = cbench_rng_bounded(r, sz);
        visit(c, cnt, a, idx ? idx[i1] : i1);
    }
    a->m += sz;
}

static void draw(const boot_ctx *c, cbench_rng *r, uint32_t *cnt, boot_acc *a)
{
    const cbench_boot_spec *s = c->s;
    if (s->n_groups <= 1) {
        draw_run(c, r, cnt, a, NULL, s->n);
        return;
    }
    for (size_t g = 0; g < s->n_groups; g++) {
        uint32_t pick = cbench_rng_bounded(r, s->n_groups);
        size_t off = s->group_off[pick];
        draw_run(c, r, cnt, a, s->members + off, s->group_off[pick + 1] - off);
    }
}

/* The fast path for the mean of a plain resample: no counts. */
static double mean_only(const boot_ctx *c, cbench_rng *r)
{
    const double *d = c->d;
    size_t n = c->s->n, j = 0;
    double s = 0;
    uint32_t i1, i2;
    for (; j + 1 < n; j += 2) {
        cbench_rng_bounded2(r, n, &i1, &i2);
        s += d[i1] + d[i2];
    }
    if (j < n)
        s += d[cbench_rng_bounded(r, n)];
    return c->center + s / (double)n;
}

/* Walks cumulative counts to the value of order k (0-based), resuming
 * from (*pos, *cum) where *cum = sum cnt[0 .. *pos). */
static double order_value(const double *x, const uint32_t *cnt, size_t k,
                          size_t *pos, size_t *cum)
{
    size_t i = *pos, cu = *cum;
    while (cu + cnt[i] <= k)
        cu += cnt[i++];
    *pos = i;
    *cum = cu;
    return x[i];
}

/* Percentile p of the resample (m values); *lo_pos gets the position of
 * the lower order statistic. */
static double count_percentile(const double *x, const uint32_t *cnt, size_t m,
                               double p, size_t *lo_pos)
{
    double r = p / 100.0 * (double)(m - 1);
    double fl = floor(r);
    size_t k = (size_t)fl, pos = 0, cum = 0;
    double f = r - fl;
    if (k >= m - 1) {
        k = m - 1;
        f = 0;
    }
    double v = order_value(x, cnt, k, &pos, &cum);
    *lo_pos = pos;
    if (f == 0)
        return v;
    double w = order_value(x, cnt, k + 1, &pos, &cum);
    return v + f * (w - v);
}

/* MAD of the resample: merge the deviation runs on both sides of the
 * median, in increasing order, until the middle order(s) are reached. */
static double count_mad(const double *x, const uint32_t *cnt, size_t n,
                        size_t m, double med, size_t med_pos)
{
    double r = 0.5 * (double)(m - 1), fl = floor(r), f = r - fl;
    size_t klo = (size_t)fl, khi = f > 0 ? klo + 1 : klo, seen = 0;
    size_t split = med_pos + 1;
    while (split < n && x[split] <= med)
        split++;
    size_t l = split, rr = split;
    double vlo = NAN;
    for (;;) {
        while (l > 0 && cnt[l - 1] == 0)
            l--;
        while (rr < n && cnt[rr] == 0)
            rr++;
        double dl = l > 0 ? med - x[l - 1] : INFINITY;
        double dr = rr < n ? x[rr] - med : INFINITY;
        uint32_t k;
        double dv;
        if (dl <= dr) {
            k = cnt[--l];
            dv = dl;
        } else {
            k = cnt[rr++];
            dv = dr;
        }
        if (isnan(vlo) && klo < seen + k)
            vlo = dv;
        if (khi < seen + k)
            return CBENCH_MAD_SCALE * (vlo + f * (dv - vlo));
        seen += k;
    }
}

static void store_stats(const boot_ctx *c, const uint32_t *cnt,
                        const boot_acc *a, size_t b)
{
    const cbench_boot_spec *s = c->s;
    cbench_boot_dist *o = c->out;
    double m = (double)a->m;
    if (o->stat[CBENCH_BOOT_MEAN])
        o->stat[CBENCH_BOOT_MEAN][b] = c->center + a->s1 / m;
    if (o->stat[CBENCH_BOOT_STD_DEV]) {
        double v = a->m > 1 ? (a->s2 - a->s1 * a->s1 / m) / (m - 1) : NAN;
        o->stat[CBENCH_BOOT_STD_DEV][b] = v > 0 ? sqrt(v) : (v == v ? 0 : NAN);
    }
    if (o->stat[CBENCH_BOOT_SLOPE])
        o->stat[CBENCH_BOOT_SLOPE][b] = a->sxx > 0 ? a->sxy / a->sxx : NAN;
    if (o->stat[CBENCH_BOOT_MEDIAN] || o->stat[CBENCH_BOOT_MAD]) {
        size_t pos;
        double med = count_percentile(s->x, cnt, a->m, 50, &pos);
        if (o->stat[CBENCH_BOOT_MEDIAN])
            o->stat[CBENCH_BOOT_MEDIAN][b] = med;
        if (o->stat[CBENCH_BOOT_MAD])
            o->stat[CBENCH_BOOT_MAD][b] = count_mad(s->x, cnt, s->n, a->m, med, pos);
    }
    for (size_t k = 0; k < s->n_pcts; k++) {
        size_t pos;
        o->pct[k][b] = count_percentile(s->x, cnt, a->m, s->pcts[k], &pos);
    }
}

static void run_chunk(const boot_ctx *c, size_t chunk, uint32_t *cnt)
{
    cbench_rng r = c->streams[chunk];
    size_t b0 = chunk * CBENCH_BOOT_CHUNK;
    size_t b1 = b0 + CBENCH_BOOT_CHUNK;
    b1 = b1 > c->s->n_resamples ? c->s->n_resamples : b1;
    for (size_t b = b0; b < b1; b++) {
        if (c->mean_only) {
            c->out->stat[CBENCH_BOOT_MEAN][b] = mean_only(c, &r);
            continue;
        }
        boot_acc a = {0, 0, 0, 0, 0};
        if (cnt != NULL)
            memset(cnt, 0, c->s->n * sizeof *cnt);
        draw(c, &r, cnt, &a);
        store_stats(c, cnt, &a, b);
    }
}

static void *worker_main(void *arg)
{
    boot_worker *w = arg;
    for (size_t ch = w->first; ch < w->c->n_chunks; ch += w->step)
        run_chunk(w->c, ch, w->counts);
    return NULL;
}

/* {==================================================================
 * Set-up and threads.
 * =================================================================== */

static int spec_valid(const cbench_boot_spec *s)
{
    if (s == NULL || s->x == NULL || s->n == 0 || s->n > (UINT64_C(1) << 32)
        || s->n_resamples == 0)
        return 0;
    if (s->n_groups > 1) {
        if (s->members == NULL || s->group_off == NULL || s->group_off[0] != 0)
            return 0;
        for (size_t g = 0; g < s->n_groups; g++)
            if (s->group_off[g + 1] <= s->group_off[g] || s->group_off[g + 1] > s->n)
                return 0;
    }
    if ((s->want & CBENCH_BOOT_WANT(CBENCH_BOOT_SLOPE)) && (!s->iters || !s->ns))
        return 0;
    for (size_t k = 0; k < s->n_pcts; k++)
        if (!(s->pcts[k] >= 0 && s->pcts[k] <= 100))
            return 0;
    return 1;
}

static int alloc_dist(const cbench_boot_spec *s, cbench_boot_dist *o)
{
    size_t nb = s->n_resamples;
    for (int k = 0; k < CBENCH_BOOT_NSTAT; k++) {
        if (!(s->want & CBENCH_BOOT_WANT(k)))
            continue;
        if ((o->stat[k] = malloc(nb * sizeof(double))) == NULL)
            return CBENCH_ENOMEM;
    }
    if (s->n_pcts == 0)
        return 0;
    if ((o->pct = calloc(s->n_pcts, sizeof *o->pct)) == NULL)
        return CBENCH_ENOMEM;
    o->n_pcts = s->n_pcts;
    for (size_t k = 0; k < s->n_pcts; k++)
        if ((o->pct[k] = malloc(nb * sizeof(double))) == NULL)
            return CBENCH_ENOMEM;
    return 0;
}

/* Centred values and slope terms, so sums cancel as little as possible. */
static int prepare(boot_ctx *c)
{
    const cbench_boot_spec *s = c->s;
    int slope = (s->want & CBENCH_BOOT_WANT(CBENCH_BOOT_SLOPE)) != 0;
    c->center = cbench_univariate_mean(s->x, s->n);
    c->d = malloc(s->n * sizeof *c->d * (slope ? 3 : 1));
    if (c->d == NULL)
        return CBENCH_ENOMEM;
    for (size_t i = 0; i < s->n; i++)
        c->d[i] = s->x[i] - c->center;
    if (slope) {
        c->xy = c->d + s->n;
        c->xx = c->d + 2 * s->n;
        for (size_t i = 0; i < s->n; i++) {
            c->xy[i] = s->iters[i] * s->ns[i];
            c->xx[i] = s->iters[i] * s->iters[i];
        }
    }
    c->n_chunks = (s->n_resamples + CBENCH_BOOT_CHUNK - 1) / CBENCH_BOOT_CHUNK;
    c->streams = malloc(c->n_chunks * sizeof *c->streams);
    if (c->streams == NULL)
        return CBENCH_ENOMEM;
    cbench_rng_seed(&c->streams[0], s->seed);
    for (size_t k = 1; k < c->n_chunks; k++) {
        c->streams[k] = c->streams[k - 1];
        cbench_rng_jump(&c->streams[k]);
    }
    c->need_counts = (s->want & (CBENCH_BOOT_WANT(CBENCH_BOOT_MEDIAN)
                                 | CBENCH_BOOT_WANT(CBENCH_BOOT_MAD))) || s->n_pcts;
    c->mean_only = s->want == CBENCH_BOOT_WANT(CBENCH_BOOT_MEAN) && s->n_pcts == 0
                   && s->n_groups <= 1;
    return 0;
}

static size_t thread_count(const boot_ctx *c)
{
    const cbench_boot_spec *s = c->s;
    size_t t = s->threads;
    if (t == 0)
        t = (double)s->n_resamples * (double)s->n >= AUTO_THREAD_DRAWS ? 2 : 1;
    return t > c->n_chunks ? c->n_chunks : t;
}

/* Runs the chunks on nt workers (the caller's thread is worker 0). A
 * thread that cannot start leaves its chunks to worker 0's second pass. */
static int run_workers(const boot_ctx *c, size_t nt)
{
    boot_worker w[16];
    pthread_t tid[16];
    int started[16] = {0};
    nt = nt > 16 ? 16 : nt;
    int rc = 0;
    for (size_t t = 0; t < nt; t++) {
        w[t] = (boot_worker){c, t, nt, NULL};
        if (c->need_counts && (w[t].counts = calloc(c->s->n, sizeof(uint32_t))) == NULL)
            rc = CBENCH_ENOMEM;
    }
    for (size_t t = 1; rc == 0 && t < nt; t++)
        started[t] = pthread_create(&tid[t], NULL, worker_main, &w[t]) == 0;
    if (rc == 0)
        worker_main(&w[0]);
    for (size_t t = 1; t < nt; t++) {
        if (started[t])
            pthread_join(tid[t], NULL);
        else if (rc == 0)
            worker_main(&w[t]);          /* same chunks, same results */
    }
    for (size_t t = 0; t < nt; t++)
        free(w[t].counts);
    return rc;
}

int cbench_boot_run(const cbench_boot_spec *spec, cbench_boot_dist *out)
{
    memset(out, 0, sizeof *out);
    if (!spec_valid(spec))
        return CBENCH_EINVAL;
    out->n_resamples = spec->n_resamples;
    boot_ctx c;
    memset(&c, 0, sizeof c);
    c.s = spec;
    c.out = out;
    int rc = alloc_dist(spec, out);
    if (rc == 0)
        rc = prepare(&c);
    if (rc == 0)
        rc = run_workers(&c, thread_count(&c));
    free(c.d);
    free(c.streams);
    if (rc != 0)
        cbench_boot_dist_free(out);
    return rc;
}

void cbench_boot_dist_free(cbench_boot_dist *d)
{
    if (d == NULL)
        return;
    for (int k = 0; k < CBENCH_BOOT_NSTAT; k++)
        free(d->stat[k]);
    for (size_t k = 0; d->pct != NULL && k < d->n_pcts; k++)
        free(d->pct[k]);
    free(d->pct);
    memset(d, 0, sizeof *d);
}

/* {==================================================================
 * Quantiles of the bootstrap distribution.
 * =================================================================== */

static inline void swap_d(double *a, double *b)
{
    double t = *a;
    *a = *b;
    *b = t;
}

/* Hoare selection: afterwards v[k] is the k-th smallest, v[<k] <= v[k] <=
 * v[>k]. Median-of-three pivots; ties are split evenly. */
static void select_k(double *v, ptrdiff_t n, ptrdiff_t k)
{
    ptrdiff_t lo = 0, hi = n - 1;
    while (hi > lo) {
        ptrdiff_t mid = lo + (hi - lo) / 2;
        if (v[mid] < v[lo]) swap_d(&v[mid], &v[lo]);
        if (v[hi] < v[lo]) swap_d(&v[hi], &v[lo]);
        if (v[hi] < v[mid]) swap_d(&v[hi], &v[mid]);
        double pivot = v[mid];
        ptrdiff_t i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot) i++;
            while (v[j] > pivot) j--;
            if (i <= j) {
                swap_d(&v[i], &v[j]);
                i++;
                j--;
            }
        }
        if (k <= j)
            hi = j;
        else if (k >= i)
            lo = i;
        else
            return;
    }
}

/* Minimum of v[0..n). */
static double min_of(const double *v, size_t n)
{
    double m = v[0];
    for (size_t i = 1; i < n; i++)
        m = v[i] < m ? v[i] : m;
    return m;
}

double cbench_boot_quantile(double *v, size_t b, double q)
{
    double r = q * (double)(b - 1), fl = floor(r), f = r - fl;
    size_t k = (size_t)fl;
    if (k >= b - 1) {
        k = b - 1;
        f = 0;
    }
    select_k(v, (ptrdiff_t)b, (ptrdiff_t)k);
    if (f == 0)
        return v[k];
    double w = min_of(v + k + 1, b - k - 1);
    return v[k] + f * (w - v[k]);
}

int cbench_boot_ci(double *v, size_t b, double q_lo, double q_hi,
                   double *lower, double *upper, double *std_err)
{
    *lower = *upper = NAN;
    if (std_err)
        *std_err = NAN;
    if (b == 0)
        return CBENCH_EDOMAIN;
    for (size_t i = 0; i < b; i++)
        if (isnan(v[i]))
            return CBENCH_EDOMAIN;
    if (std_err)
        *std_err = b > 1 ? sqrt(cbench_univariate_variance(v, b,
                                cbench_univariate_mean(v, b))) : 0;
    *lower = cbench_boot_quantile(v, b, q_lo);
    *upper = cbench_boot_quantile(v, b, q_hi);
    return 0;
}

/* {==================================================================
 * Public wrappers (<cbench/stats.h>).
 * =================================================================== */

int cbench_stats_bootstrap_ci(const double *x, size_t n, cbench_stats_statistic stat,
                              unsigned n_resamples, double confidence,
                              uint64_t seed, unsigned threads, double *lower,
                              double *upper, double *std_err)
{
    static const cbench_boot_stat map[] = {CBENCH_BOOT_MEAN, CBENCH_BOOT_MEDIAN,
                                           CBENCH_BOOT_STD_DEV, CBENCH_BOOT_MAD};
    if (lower == NULL || upper == NULL)
        return CBENCH_EINVAL;
    *lower = *upper = NAN;
    if (std_err)
        *std_err = NAN;
    int rc = cbench_univariate_check(x, n);
    if (rc != 0 || (unsigned)stat > CBENCH_STAT_MAD || n_resamples < 2
        || !(confidence > 0 && confidence < 1))
        return rc ? rc : CBENCH_EINVAL;
    if (stat == CBENCH_STAT_STD_DEV && n < 2)
        return CBENCH_EDOMAIN;
    double *sorted = NULL;
    if (stat == CBENCH_STAT_MEDIAN || stat == CBENCH_STAT_MAD) {
        if ((sorted = cbench_univariate_sorted_copy(x, n)) == NULL)
            return CBENCH_ENOMEM;
    }
    cbench_boot_spec s = {.x = sorted ? sorted : x, .n = n,
                          .want = CBENCH_BOOT_WANT(map[stat]),
                          .n_resamples = n_resamples, .seed = seed,
                          .threads = threads};
    cbench_boot_dist d;
    rc = cbench_boot_run(&s, &d);
    if (rc == 0) {
        double a = (1 - confidence) / 2;
        rc = cbench_boot_ci(d.stat[map[stat]], n_resamples, a, 1 - a, lower, upper,
                            std_err);
    }
    cbench_boot_dist_free(&d);
    free(sorted);
    return rc;
}

int cbench_stats_bootstrap_mean_ci(const double *x, size_t n, unsigned n_resamples,
                                   double confidence, uint64_t seed, unsigned threads,
                                   double *lower, double *upper)
{
    return cbench_stats_bootstrap_ci(x, n, CBENCH_STAT_MEAN, n_resamples, confidence,
                                     seed, threads, lower, upper, NULL);
}
