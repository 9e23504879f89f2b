/* SPDX-License-Identifier: MIT
 *
 * bootstrap.c - running a bootstrap (bootstrap.h): checking the spec,
 * preparing the centred records, cutting the resamples into chunks with
 * their own generator streams, spreading the chunks over threads, and
 * turning each drawn resample into its statistics; plus the public
 * one-call intervals of <cbench/stats.h>.
 *
 * Why this file owns these: they are what makes a bootstrap reproducible
 * bit for bit whatever the thread count (bootstrap.h, Reproducibility).
 * The draw itself is bootstrap_draw.c, the order statistics of a counted
 * resample bootstrap_order.c, and reading the finished distribution
 * bootstrap_ci.c.
 */
#include "stats/bootstrap.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cbench.h"
#include "cbench/stats.h"
#include "stats/bootstrap_draw.h"
#include "stats/bootstrap_order.h"
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

typedef struct boot_worker {
    const boot_ctx *c;
    size_t first, step;
    uint32_t *counts;        /* n + 2 entries; counts[-1] = counts[n] = 0 */
} boot_worker;

/* {==================================================================
 * Resamples: draw, then statistics from the counts.
 * =================================================================== */

/* Statistics of the resample in (cnt, *ap) into slot b of every wanted
 * distribution. */
static void store_stats(const boot_ctx *c, const uint32_t *cnt,
                        const cbench_boot_acc *ap, size_t b)
{
    const cbench_boot_spec *s = c->s;
    cbench_boot_dist *o = c->out;
    cbench_boot_acc a = *ap;
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
        double med = cbench__boot_count_percentile(c->x, cnt, m, 50, &pos);
        if (o->stat[CBENCH_BOOT_MEDIAN])
            o->stat[CBENCH_BOOT_MEDIAN][b] = med;
        if (o->stat[CBENCH_BOOT_MAD])
            o->stat[CBENCH_BOOT_MAD][b] = cbench__boot_count_mad(c->x, cnt, s->n, m, med,
                                                                 pos, c->mad_skip);
    }
    for (size_t k = 0; k < s->n_pcts; k++) {
        size_t pos;
        o->pct[k][b] = cbench__boot_count_percentile(c->x, cnt, m, s->pcts[k], &pos);
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
            c->out->stat[CBENCH_BOOT_MEAN][b] = cbench__boot_mean_only(c->rec, c->s->n,
                                                                        c->center, &r);
            continue;
        }
        cbench_boot_acc a;
        memset(cnt, 0, c->s->n * sizeof *cnt);
        cbench__boot_draw(c->s, c->rec, &r, cnt, &a);
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
            cbench_boot_acc a;
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
            cbench__boot_draw(spec, c.rec, &r, cnt + 1, &a);
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
