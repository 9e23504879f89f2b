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
    const double *x;         /* sorted x with sentinels x[-1] = -inf,
                                x[n] = +inf */
    double *mem;             /* owns x (padded) and rec */
    double *rec;             /* per sorted position: d = x - center, d^2,
                                iters ns, iters^2 (slope terms 0 unless
                                wanted) */
    double mad_skip;         /* deviations below this are counted, not
                                merged, when safe (0: never) */
    cbench_rng *streams;     /* one per chunk */
    size_t n_chunks;
    int need_counts, mean_only, want_slope;
} boot_ctx;

typedef struct boot_acc {
    double s1, s2, sxy, sxx;
    size_t m;
} boot_acc;

typedef struct boot_worker {
    const boot_ctx *c;
    size_t first, step;
    uint32_t *counts;        /* n + 2 entries; counts[-1] = counts[n] = 0 */
} boot_worker;

/* {==================================================================
 * One resample: the draw only counts; statistics come from the counts.
 * =================================================================== */

/* Positions sizes up to this draw four indices per 64-bit output (16-bit
 * Lemire, rejection rate below 6 %). */
#define SMALL_RUN 4096

/* A set of the four running sums of a resample's records. */
typedef struct sums4 {
    double v0, v1, v2, v3;
} sums4;

/* Counts position p and adds its record to acc. */
static inline void take(uint32_t *restrict cnt, const double *restrict rec,
                        sums4 *acc, uint32_t p)
{
    const double *e = rec + 4 * (size_t)p;
    cnt[p]++;
    acc->v0 += e[0];
    acc->v1 += e[1];
    acc->v2 += e[2];
    acc->v3 += e[3];
}

/* Counts sz draws from positions idx[0..sz) (idx NULL: 0..sz) and sums
 * their records into two alternating sets (so the additions do not wait
 * on each other). The generator and the sums are copied into locals so
 * they stay in registers. */
static void draw_run(cbench_rng *rp, uint32_t *restrict cnt, const double *restrict rec,
                     const uint32_t *restrict idx, size_t sz, sums4 acc[2])
{
    cbench_rng r = *rp;
    sums4 a = acc[0], b = acc[1];
    uint32_t q[4];
    size_t j = 0;
    if (sz <= SMALL_RUN) {
        uint32_t n = (uint32_t)sz;
        for (; j + 3 < sz; j += 4) {
            uint64_t x = cbench_rng_next(&r);
            q[0] = cbench_rng__lemire16(&r, (uint32_t)x & 0xffffu, n);
            q[1] = cbench_rng__lemire16(&r, (uint32_t)(x >> 16) & 0xffffu, n);
            q[2] = cbench_rng__lemire16(&r, (uint32_t)(x >> 32) & 0xffffu, n);
            q[3] = cbench_rng__lemire16(&r, (uint32_t)(x >> 48), n);
            if (idx != NULL) {
                for (int u = 0; u < 4; u++)
                    q[u] = idx[q[u]];
            }
            take(cnt, rec, &a, q[0]);
            take(cnt, rec, &b, q[1]);
            take(cnt, rec, &a, q[2]);
            take(cnt, rec, &b, q[3]);
        }
    } else {
        for (; j + 1 < sz; j += 2) {
            cbench_rng_bounded2(&r, sz, &q[0], &q[1]);
            take(cnt, rec, &a, idx ? idx[q[0]] : q[0]);
            take(cnt, rec, &b, idx ? idx[q[1]] : q[1]);
        }
    }
    for (; j < sz; j++) {
        q[0] = cbench_rng_bounded(&r, sz);
        take(cnt, rec, &a, idx ? idx[q[0]] : q[0]);
    }
    *rp = r;
    acc[0] = a;
    acc[1] = b;
}

/* Draws one resample into cnt and a; returns nothing, sets a->m. */
static void draw(const boot_ctx *c, cbench_rng *r, uint32_t *cnt, boot_acc *a)
{
    const cbench_boot_spec *s = c->s;
    sums4 acc[2] = {{0, 0, 0, 0}, {0, 0, 0, 0}};
    size_t m = 0;
    if (s->n_groups <= 1) {
        draw_run(r, cnt, c->rec, NULL, s->n, acc);
        m = s->n;
    } else {
        for (size_t g = 0; g < s->n_groups; g++) {
            uint32_t pick = cbench_rng_bounded(r, s->n_groups);
            size_t off = s->group_off[pick], sz = s->group_off[pick + 1] - off;
            draw_run(r, cnt, c->rec, s->members + off, sz, acc);
            m += sz;
        }
    }
    a->s1 = acc[0].v0 + acc[1].v0;
    a->s2 = acc[0].v1 + acc[1].v1;
    a->sxy = acc[0].v2 + acc[1].v2;
    a->sxx = acc[0].v3 + acc[1].v3;
    a->m = m;
}

/* The fast path for the mean of a plain resample: no counts, two
 * independent accumulators. */
static double mean_only(const boot_ctx *c, cbench_rng *r)
{
    const double *rec = c->rec;
    size_t n = c->s->n, j = 0;
    double s0 = 0, s1 = 0;
    uint32_t i1, i2;
    for (; j + 1 < n; j += 2) {
        cbench_rng_bounded2(r, n, &i1, &i2);
        s0 += rec[4 * (size_t)i1];
        s1 += rec[4 * (size_t)i2];
    }
    if (j < n)
        s0 += rec[4 * (size_t)cbench_rng_bounded(r, n)];
    return c->center + (s0 + s1) / (double)n;
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

/* One step of the outward merge of deviations around med: takes the
 * nearer of x[*l - 1] (left) and x[*r] (right). The sentinels x[-1] =
 * -inf and x[n] = +inf make an exhausted side infinitely far, so the step
 * needs no bounds checks and no unpredictable branch. */
static inline double mad_step(const double *x, const uint32_t *cnt, double med,
                              ptrdiff_t *l, ptrdiff_t *r, uint32_t *k)
{
    double dl = med - x[*l - 1], dr = x[*r] - med;
    int left = dl <= dr;
    *k = left ? cnt[*l - 1] : cnt[*r];
    *l -= left;
    *r += !left;
    return left ? dl : dr;
}

/* First position i in [0, n] with x[i] > v (upper) or x[i] >= v. */
static size_t bound(const double *x, size_t n, double v, int upper)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (upper ? x[mid] <= v : x[mid] < v)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* MAD of the resample: merge the deviation runs on both sides of the
 * median, in increasing order, until the middle order(s) are reached.
 * Shortcut: the values within 'skip' of the median (half the data's own
 * MAD) are usually all below the middle rank; when their count confirms
 * it, they are counted in one cheap pass and the merge starts outside. */
static double count_mad(const double *x, const uint32_t *cnt, size_t n,
                        size_t m, double med, size_t med_pos, double skip)
{
    double rk = 0.5 * (double)(m - 1), fl = floor(rk), f = rk - fl;
    size_t klo = (size_t)fl, seen = 0;
    ptrdiff_t l = -1, r = -1;
    if (skip > 0) {
        size_t lo = bound(x, n, med - skip, 1), hi = bound(x, n, med + skip, 0);
        size_t inside = 0;
        for (size_t i = lo; i < hi; i++)
            inside += cnt[i];
        if (inside <= klo) {
            l = (ptrdiff_t)lo;
            r = (ptrdiff_t)hi;
            seen = inside;
        }
    }
    if (l < 0) {
        size_t split = med_pos + 1;
        while (split < n && x[split] <= med)
            split++;
        l = r = (ptrdiff_t)split;
    }
    uint32_t k;
    double dv;
    for (;;) {
        dv = mad_step(x, cnt, med, &l, &r, &k);
        if (seen + k > klo)
            break;
        seen += k;
    }
    if (f == 0 || seen + k > klo + 1)
        return CBENCH_MAD_SCALE * dv;
    double lo = dv;
    do
        dv = mad_step(x, cnt, med, &l, &r, &k);
    while (k == 0);
    return CBENCH_MAD_SCALE * (lo + f * (dv - lo));
}

static void store_stats(const boot_ctx *c, const uint32_t *cnt, const boot_acc *ap,
                        size_t b)
{
    const cbench_boot_spec *s = c->s;
    cbench_boot_dist *o = c->out;
    boot_acc a = *ap;
    size_t m = a.m;
    double dm = (double)m;
    if (o->stat[CBENCH_BOOT_MEAN])
        o->stat[CBENCH_BOOT_MEAN][b] = c->center + a.s1 / dm;
    if (o->stat[CBENCH_BOOT_STD_DEV]) {
        double v = m > 1 ? (a.s2 - a.s1 * a.s1 / dm) / (dm - 1) : NAN;
        o->stat[CBENCH_BOOT_STD_DEV][b] = v > 0 ? sqrt(v) : (v == v ? 0 : NAN);
    }
    if (o->stat[CBENCH_BOOT_SLOPE])
        o->stat[CBENCH_BOOT_SLOPE][b] = a.sxx > 0 ? a.sxy / a.sxx : NAN;
    if (o->stat[CBENCH_BOOT_MEDIAN] || o->stat[CBENCH_BOOT_MAD]) {
        size_t pos;
        double med = count_percentile(c->x, cnt, m, 50, &pos);
        if (o->stat[CBENCH_BOOT_MEDIAN])
            o->stat[CBENCH_BOOT_MEDIAN][b] = med;
        if (o->stat[CBENCH_BOOT_MAD])
            o->stat[CBENCH_BOOT_MAD][b] = count_mad(c->x, cnt, s->n, m, med, pos,
                                                    c->mad_skip);
    }
    for (size_t k = 0; k < s->n_pcts; k++) {
        size_t pos;
        o->pct[k][b] = count_percentile(c->x, cnt, m, s->pcts[k], &pos);
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
        boot_acc a;
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

/* Centred values and slope terms, so sums cancel as little as possible;
 * the sorted values padded with infinite sentinels; the chunk streams. */
static int prepare(boot_ctx *c)
{
    const cbench_boot_spec *s = c->s;
    size_t n = s->n;
    c->want_slope = (s->want & CBENCH_BOOT_WANT(CBENCH_BOOT_SLOPE)) != 0;
    c->center = cbench_univariate_mean(s->x, n);
    if ((c->mem = malloc((5 * n + 2) * sizeof *c->mem)) == NULL)
        return CBENCH_ENOMEM;
    c->mem[0] = -INFINITY;
    memcpy(c->mem + 1, s->x, n * sizeof *c->mem);
    c->mem[n + 1] = INFINITY;
    c->x = c->mem + 1;
    c->rec = c->mem + n + 2;
    if ((s->want & CBENCH_BOOT_WANT(CBENCH_BOOT_MAD)) && n >= 16) {
        /* The scratch for the data's MAD reuses rec, filled below. */
        c->mad_skip = 0.7 * cbench_univariate_mad_sorted(s->x, n, c->rec)
                      / CBENCH_MAD_SCALE;
    }
    for (size_t i = 0; i < n; i++) {
        double *e = c->rec + 4 * i, d = s->x[i] - c->center;
        e[0] = d;
        e[1] = d * d;
        e[2] = c->want_slope ? s->iters[i] * s->ns[i] : 0;
        e[3] = c->want_slope ? s->iters[i] * s->iters[i] : 0;
    }
    c->n_chunks = (s->n_resamples + CBENCH_BOOT_CHUNK - 1) / CBENCH_BOOT_CHUNK;
    if ((c->streams = malloc(c->n_chunks * sizeof *c->streams)) == NULL)
        return CBENCH_ENOMEM;
    cbench_rng_seed(&c->streams[0], s->seed);
    for (size_t k = 1; k < c->n_chunks; k++) {
        c->streams[k] = c->streams[k - 1];
        cbench_rng_jump(&c->streams[k]);
    }
    c->mean_only = s->want == CBENCH_BOOT_WANT(CBENCH_BOOT_MEAN) && s->n_pcts == 0
                   && s->n_groups <= 1;
    c->need_counts = !c->mean_only;
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
        if (c->need_counts) {
            /* Whole cache lines per worker: no false sharing. */
            size_t bytes = ((c->s->n + 2) * sizeof(uint32_t) + 63) / 64 * 64;
            uint32_t *mem = aligned_alloc(64, bytes);
            if (mem == NULL)
                rc = CBENCH_ENOMEM;
            else
                memset(mem, 0, bytes);
            w[t].counts = mem ? mem + 1 : NULL;   /* counts[-1] = 0 */
        }
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
        free(w[t].counts ? w[t].counts - 1 : NULL);
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
    free(c.mem);
    free(c.streams);
    if (rc != 0)
        cbench_boot_dist_free(out);
    return rc;
}

size_t cbench_boot_resample_counts(const cbench_boot_spec *spec, size_t b,
                                   uint32_t *counts)
{
    if (!spec_valid(spec) || b >= spec->n_resamples)
        return 0;
    boot_ctx c;
    memset(&c, 0, sizeof c);
    c.s = spec;
    size_t m = 0;
    uint32_t *cnt = calloc(spec->n + 2, sizeof *cnt);
    if (cnt != NULL && prepare(&c) == 0) {
        cbench_rng r = c.streams[b / CBENCH_BOOT_CHUNK];
        for (size_t i = b / CBENCH_BOOT_CHUNK * CBENCH_BOOT_CHUNK; i <= b; i++) {
            boot_acc a;
            if (c.mean_only) {      /* the fast path draws pairs directly */
                uint32_t i1, i2;
                size_t j = 0;
                memset(cnt + 1, 0, spec->n * sizeof *cnt);
                for (; j + 1 < spec->n; j += 2) {
                    cbench_rng_bounded2(&r, spec->n, &i1, &i2);
                    cnt[1 + i1]++;
                    cnt[1 + i2]++;
                }
                if (j < spec->n)
                    cnt[1 + cbench_rng_bounded(&r, spec->n)]++;
                m = spec->n;
                continue;
            }
            memset(cnt + 1, 0, spec->n * sizeof *cnt);
            draw(&c, &r, cnt + 1, &a);
            m = a.m;
        }
        memcpy(counts, cnt + 1, spec->n * sizeof *cnt);
    }
    free(cnt);
    free(c.mem);
    free(c.streams);
    return m;
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

static int cmp_double_asc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Minimum of v[0..n). */
static double min_of(const double *v, size_t n)
{
    double m = v[0];
    for (size_t i = 1; i < n; i++)
        m = v[i] < m ? v[i] : m;
    return m;
}

/* The interpolated value at rank r = q (b - 1) by selection on v. */
static double select_quantile(double *v, size_t b, double q)
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

#define QSAMPLE 1024          /* strided sample that brackets each rank */

/* Bracket [a, b] of values around quantile q from the sorted sample, wide
 * enough (4 sd of a sample quantile, plus slack) to hold the target rank
 * almost always; *cap is a generous bound on how many values fall in. */
static void bracket(const double *samp, double q, size_t nb, double *a, double *b,
                    size_t *cap)
{
    double pos = q * (QSAMPLE - 1), delta = 4 * sqrt(QSAMPLE * q * (1 - q)) + 6;
    double ia = floor(pos - delta), ib = ceil(pos + delta);
    *a = ia < 0 ? -INFINITY : samp[(size_t)ia];
    *b = ib > QSAMPLE - 1 ? INFINITY : samp[(size_t)ib];
    *cap = (size_t)((ib - ia + 2) * (double)nb / QSAMPLE * 2) + 64;
    *cap = *cap > nb ? nb : *cap;
}

/* Values in or below a bracket [a, b] around one target quantile. */
typedef struct qbracket {
    double a, b;
    double *buf;             /* the values inside, up to cap */
    size_t cap, cnt, below;
} qbracket;

/* One pass over v filling both brackets; 0 if a bracket overflows. */
static int collect(const double *v, size_t nb, qbracket br[2])
{
    for (size_t i = 0; i < nb; i++) {
        double x = v[i];
        for (int t = 0; t < 2; t++) {
            if (x < br[t].a) {
                br[t].below++;
            } else if (x <= br[t].b) {
                if (br[t].cnt == br[t].cap)
                    return 0;
                br[t].buf[br[t].cnt++] = x;
            }
        }
    }
    return 1;
}

/* The interpolated value at rank r of v from its bracket, if the bracket
 * holds ranks floor(r) and ceil(r); else by selection on all of v. */
static double pick(double *v, size_t nb, double q, const qbracket *br, int ok)
{
    double r = q * (double)(nb - 1), k = floor(r);
    size_t need = (size_t)k + (r > k ? 1 : 0);
    if (!ok || br->below > (size_t)k || need >= br->below + br->cnt)
        return select_quantile(v, nb, q);
    /* Rank r of v is rank r - below inside the bracket. */
    double rr = r - (double)br->below, fl = floor(rr), f = rr - fl;
    size_t kk = (size_t)fl;
    double *w = br->buf;
    select_k(w, (ptrdiff_t)br->cnt, (ptrdiff_t)kk);
    if (f == 0)
        return w[kk];
    return w[kk] + f * (min_of(w + kk + 1, br->cnt - kk - 1) - w[kk]);
}

/* Exact interpolated quantiles at levels q[0], q[1] of v[0..nb) in about
 * one pass: a strided sample brackets each target rank, one pass counts
 * the values below each bracket and collects those inside it, and a
 * selection inside the small bracket gives the order statistics. If a
 * bracket misses its rank, plain selection on the whole array decides. */
static void two_quantiles(double *v, size_t nb, const double q[2], double out[2])
{
    double samp[QSAMPLE];
    qbracket br[2];
    memset(br, 0, sizeof br);
    int ok = nb >= 16 * QSAMPLE;
    if (ok) {
        for (size_t j = 0; j < QSAMPLE; j++)
            samp[j] = v[j * (nb / QSAMPLE)];
        qsort(samp, QSAMPLE, sizeof *samp, cmp_double_asc);
    }
    for (int t = 0; ok && t < 2; t++) {
        bracket(samp, q[t], nb, &br[t].a, &br[t].b, &br[t].cap);
        ok = (br[t].buf = malloc(br[t].cap * sizeof(double))) != NULL;
    }
    ok = ok && collect(v, nb, br);
    for (int t = 0; t < 2; t++)
        out[t] = pick(v, nb, q[t], &br[t], ok);
    free(br[0].buf);
    free(br[1].buf);
}

double cbench_boot_quantile(double *v, size_t b, double q)
{
    double qs[2] = {q, q}, out[2];
    two_quantiles(v, b, qs, out);
    return out[0];
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
    double qs[2] = {q_lo, q_hi}, out[2];
    two_quantiles(v, b, qs, out);
    *lower = out[0];
    *upper = out[1];
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
