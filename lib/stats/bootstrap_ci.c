/* SPDX-License-Identifier: MIT
 *
 * bootstrap_ci.c - from a bootstrap distribution (B values) to its
 * percentile interval, standard error and quantiles (bootstrap.h:
 * cbench_boot_ci, cbench_boot_quantile).
 *
 * Why a file of its own: this is the one step after resampling, it reads
 * nothing but an array of B doubles, and its speed trick is separate from
 * the resampler's. Two quantiles of B = 100000 values are found in about
 * one pass instead of a sort: a strided sample of QSAMPLE values brackets
 * each target rank, one pass counts what falls below each bracket and
 * collects what falls inside it, and a Hoare selection inside the small
 * bracket gives the order statistics. When a bracket misses its rank
 * (rare, or B small), plain selection on the whole array decides, so the
 * answer is always the exact interpolated quantile at rank q (B - 1).
 */
#include "stats/bootstrap.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cbench.h"
#include "stats/univariate.h"

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
