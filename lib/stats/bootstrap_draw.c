/* SPDX-License-Identifier: MIT
 *
 * bootstrap_draw.c - drawing one resample, plain or two-level, as counts
 * and sums (bootstrap_draw.h).
 *
 * Why a file of its own: this is the inner loop of every bootstrap, where
 * nearly all of its time goes; it owns the tricks that make a draw cheap
 * (four 16-bit bounded indices per 64-bit generator output for small
 * groups, two alternating sets of sums so the additions do not wait on
 * each other) and nothing else: no allocation, no statistics, no threads.
 */
#include "stats/bootstrap_draw.h"

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
void cbench__boot_draw(const cbench_boot_spec *s, const double *rec, cbench_rng *r,
                       uint32_t *cnt, cbench_boot_acc *a)
{
    sums4 acc[2] = {{0, 0, 0, 0}, {0, 0, 0, 0}};
    size_t m = 0;
    if (s->n_groups <= 1) {
        draw_run(r, cnt, rec, NULL, s->n, acc);
        m = s->n;
    } else {
        for (size_t g = 0; g < s->n_groups; g++) {
            uint32_t pick = cbench_rng_bounded(r, s->n_groups);
            size_t off = s->group_off[pick], sz = s->group_off[pick + 1] - off;
            draw_run(r, cnt, rec, s->members + off, sz, acc);
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
double cbench__boot_mean_only(const double *rec, size_t n, double center, cbench_rng *r)
{
    size_t j = 0;
    double s0 = 0, s1 = 0;
    uint32_t i1, i2;
    for (; j + 1 < n; j += 2) {
        cbench_rng_bounded2(r, n, &i1, &i2);
        s0 += rec[4 * (size_t)i1];
        s1 += rec[4 * (size_t)i2];
    }
    if (j < n)
        s0 += rec[4 * (size_t)cbench_rng_bounded(r, n)];
    return center + (s0 + s1) / (double)n;
}
