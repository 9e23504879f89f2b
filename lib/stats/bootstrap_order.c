/* SPDX-License-Identifier: MIT
 *
 * bootstrap_order.c - the median, percentiles and MAD of a resample from
 * its counts per sorted position (bootstrap_order.h), without sorting it.
 *
 * Why a file of its own: these are the order-statistic half of the
 * bootstrap's speed (bootstrap.h, Speed), pure functions of (x, counts)
 * that know nothing of generators or threads. The median walks the
 * cumulative counts; the MAD merges the deviation runs left and right of
 * the median outward, in increasing order, until the middle rank:
 *
 *   sorted x:  x0  x1  x2  x3  x4  x5        counts: 2 0 1 1 0 2   (m = 6)
 *   median = values at ranks 2 and 3 of the multiset = x2, x3 -> (x2+x3)/2
 */
#include "stats/bootstrap_order.h"

#include <math.h>

#include "cbench/stats.h"

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
double cbench__boot_count_percentile(const double *x, const uint32_t *cnt, size_t m,
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
double cbench__boot_count_mad(const double *x, const uint32_t *cnt, size_t n,
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
