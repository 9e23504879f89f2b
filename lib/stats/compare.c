/* SPDX-License-Identifier: MIT
 *
 * compare.c - Welch's t-test, relative change with a CI, verdict; see
 * compare.h for the method.
 */
#include "stats/compare.h"

#include <math.h>
#include <stdlib.h>

#include "cbench/stats.h"
#include "stats/distributions.h"
#include "stats/univariate.h"

/* Welch's t, df and p from the two means, variances and sizes. */
static void welch_from(double ma, double va, double na, double mb, double vb,
                       double nb, double *t, double *df, double *p)
{
    double ea = va / na, eb = vb / nb, se2 = ea + eb;
    if (!(se2 > 0)) {              /* both constant: decided exactly */
        *t = ma == mb ? 0 : (mb > ma ? INFINITY : -INFINITY);
        *df = NAN;
        *p = ma == mb ? 1 : 0;
        return;
    }
    *t = (mb - ma) / sqrt(se2);
    *df = se2 * se2 / (ea * ea / (na - 1) + eb * eb / (nb - 1));
    *p = cbench_dist_t_two_sided(*t, *df);
}

void cbench_compare_welch(const double *a, size_t na, const double *b,
                          size_t nb, double *t, double *df, double *p)
{
    double ma = cbench_univariate_mean(a, na), mb = cbench_univariate_mean(b, nb);
    welch_from(ma, cbench_univariate_variance(a, na, ma), (double)na, mb,
               cbench_univariate_variance(b, nb, mb), (double)nb, t, df, p);
}

int cbench_stats_welch(const double *a, size_t na, const double *b, size_t nb,
                       double *t, double *df, double *p)
{
    double tt = NAN, dd = NAN, pp = NAN;
    int rc = cbench_univariate_check(a, na);
    if (rc == 0)
        rc = cbench_univariate_check(b, nb);
    if (rc == 0 && (na < 2 || nb < 2))
        rc = CBENCH_EDOMAIN;
    if (rc == 0) {
        cbench_compare_welch(a, na, b, nb, &tt, &dd, &pp);
        tt = -tt;                  /* the test data's (mean a - mean b) */
    }
    if (t) *t = tt;
    if (df) *df = dd;
    if (p) *p = pp;
    return rc;
}

static int all_positive(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!(x[i] > 0))
            return 0;
    return 1;
}

/* Mean and n-1 variance of log x. */
static void log_moments(const double *x, size_t n, double *m, double *v)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += log(x[i]);
    *m = s / (double)n;
    double s2 = 0, s1 = 0;
    for (size_t i = 0; i < n; i++) {
        double d = log(x[i]) - *m;
        s1 += d;
        s2 += d * d;
    }
    *v = (s2 - s1 * s1 / (double)n) / (double)(n - 1);
    *v = *v < 0 ? 0 : *v;
}

/* Interval d +- t se with Welch df; level 'confidence'. */
static void interval(double d, double se, double df, double confidence,
                     double *lo, double *hi)
{
    if (!(se > 0)) {
        *lo = *hi = d;
        return;
    }
    double q = cbench_stats_t_quantile((1 + confidence) / 2, df);
    *lo = d - q * se;
    *hi = d + q * se;
}

int cbench_compare_change(const double *a, size_t na, const double *b,
                          size_t nb, double confidence, cbench_estimate *est)
{
    cbench__estimate_undef(est);
    double ma, va, mb, vb, t, df, p, lo, hi;
    int logs = all_positive(a, na) && all_positive(b, nb);
    if (logs) {
        log_moments(a, na, &ma, &va);
        log_moments(b, nb, &mb, &vb);
    } else {
        ma = cbench_univariate_mean(a, na);
        mb = cbench_univariate_mean(b, nb);
        va = cbench_univariate_variance(a, na, ma);
        vb = cbench_univariate_variance(b, nb, mb);
        if (ma == 0)
            return CBENCH_EDOMAIN;
    }
    welch_from(ma, va, (double)na, mb, vb, (double)nb, &t, &df, &p);
    double se = sqrt(va / (double)na + vb / (double)nb), d = mb - ma;
    interval(d, se, df, confidence, &lo, &hi);
    est->level = confidence;
    if (logs) {
        est->point = expm1(d);
        est->lower = expm1(lo);
        est->upper = expm1(hi);
        est->std_err = exp(d) * se;           /* delta method */
    } else {
        double s = fabs(ma);
        est->point = d / s;
        est->lower = lo / s;
        est->upper = hi / s;
        est->std_err = se / s;
    }
    return 0;
}

int cbench_compare_paired_change(const double *a, const double *b, size_t n,
                                 double confidence, cbench_estimate *est,
                                 double *p)
{
    cbench__estimate_undef(est);
    *p = NAN;
    if (n < 2 || !all_positive(a, n) || !all_positive(b, n))
        return CBENCH_EDOMAIN;
    double *l = malloc(n * sizeof *l);
    if (l == NULL)
        return CBENCH_ENOMEM;
    for (size_t i = 0; i < n; i++)
        l[i] = log(b[i] / a[i]);
    double m = cbench_univariate_mean(l, n);
    double se = sqrt(cbench_univariate_variance(l, n, m) / (double)n);
    free(l);
    double df = (double)(n - 1), lo, hi;
    if (se > 0)
        *p = cbench_dist_t_two_sided(m / se, df);
    else
        *p = m == 0 ? 1 : 0;
    interval(m, se, df, confidence, &lo, &hi);
    est->point = expm1(m);
    est->lower = expm1(lo);
    est->upper = expm1(hi);
    est->std_err = exp(m) * se;
    est->level = confidence;
    return 0;
}

cbench_verdict cbench_compare_verdict(double p, const cbench_estimate *change,
                                      double significance, double noise_threshold)
{
    if (isnan(p))
        return CBENCH_VERDICT_NONE;
    if (p >= significance)
        return CBENCH_VERDICT_NO_CHANGE;
    if (isnan(change->lower) || isnan(change->upper))
        return CBENCH_VERDICT_NONE;     /* significant, but of unknown size */
    if (change->lower > noise_threshold)
        return CBENCH_VERDICT_REGRESSED;
    if (change->upper < -noise_threshold)
        return CBENCH_VERDICT_IMPROVED;
    return CBENCH_VERDICT_WITHIN_NOISE;
}
