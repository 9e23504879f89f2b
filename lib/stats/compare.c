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

int cbench_compare_all_positive(const double *x, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!(x[i] > 0))
            return 0;
    return 1;
}

int cbench_compare_trimmed(const double *x, size_t n, double trim, cbench_trimmed *out)
{
    if (n < 2 || !(trim >= 0 && trim < 0.5))
        return CBENCH_EDOMAIN;
    double *s = cbench_univariate_sorted_copy(x, n);
    if (s == NULL)
        return CBENCH_ENOMEM;
    double *scratch = malloc(n * sizeof *scratch);
    if (scratch == NULL) {
        free(s);
        return CBENCH_ENOMEM;
    }
    double mad = cbench_univariate_mad_sorted(s, n, scratch);
    free(scratch);
    out->run_var = mad * mad;
    size_t k = (size_t)floor(trim * (double)n), h = n - 2 * k;
    if (h < 3 && n >= 3) {             /* keep three: df >= 2 */
        k = (n - 3) / 2;
        h = n - 2 * k;
    }
    out->mean = cbench_univariate_mean(s + k, h);
    for (size_t i = 0; i < k; i++) {   /* winsorize: pull the tails in */
        s[i] = s[k];
        s[n - 1 - i] = s[n - 1 - k];
    }
    double wm = cbench_univariate_mean(s, n);
    double wv = cbench_univariate_variance(s, n, wm);
    free(s);
    out->se2 = (double)(n - 1) * wv / ((double)h * (double)(h - 1));
    out->df = (double)(h - 1);
    return 0;
}

/* Interval d +- t se with df; level 'confidence'. */
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

/* Two-sided p of a difference d with squared standard error se2. */
static double p_of(double d, double se2, double df)
{
    if (!(se2 > 0))                    /* both constant: decided exactly */
        return d == 0 ? 1 : 0;
    return cbench_dist_t_two_sided(d / sqrt(se2), df);
}

/* The change from the difference d of two locations with squared
 * standard error se2: relative on the log scale, else over |base|. */
static void change_from(double d, double se2, double df, double base, int logs,
                        double confidence, cbench_estimate *est)
{
    double lo, hi, se = sqrt(se2);
    interval(d, se, df, confidence, &lo, &hi);
    est->level = confidence;
    if (logs) {
        est->point = expm1(d);
        est->lower = expm1(lo);
        est->upper = expm1(hi);
        est->std_err = exp(d) * se;           /* delta method */
    } else {
        double s = fabs(base);
        est->point = d / s;
        est->lower = lo / s;
        est->upper = hi / s;
        est->std_err = se / s;
    }
}

int cbench_compare_trimmed_of(const double *x, size_t n, int logs, cbench_trimmed *t)
{
    double *l = malloc((n ? n : 1) * sizeof *l);
    if (l == NULL)
        return CBENCH_ENOMEM;
    for (size_t i = 0; i < n; i++)
        l[i] = logs ? log(x[i]) : x[i];
    int rc = cbench_compare_trimmed(l, n, CBENCH_COMPARE_TRIM, t);
    free(l);
    return rc;
}

static int change_of(const double *a, size_t na, const double *b, size_t nb,
                     double confidence, int runs, cbench_estimate *est, double *p,
                     double *df_out);

int cbench_compare_change(const double *a, size_t na, const double *b,
                          size_t nb, double confidence, cbench_estimate *est,
                          double *p)
{
    return change_of(a, na, b, nb, confidence, 0, est, p, NULL);
}

int cbench_compare_change_runs(const double *a, size_t na, const double *b,
                               size_t nb, double confidence, cbench_estimate *est,
                               double *p, double *df)
{
    return change_of(a, na, b, nb, confidence, 1, est, p, df);
}

/* Yuen-Welch change; with runs, each side's variance carries its
 * between-run term. */
static int change_of(const double *a, size_t na, const double *b, size_t nb,
                     double confidence, int runs, cbench_estimate *est, double *p,
                     double *df_out)
{
    cbench__estimate_undef(est);
    if (p != NULL)
        *p = NAN;
    if (df_out != NULL)
        *df_out = NAN;
    int logs = cbench_compare_all_positive(a, na) && cbench_compare_all_positive(b, nb);
    cbench_trimmed ta, tb;
    int rc = cbench_compare_trimmed_of(a, na, logs, &ta);
    if (rc == 0)
        rc = cbench_compare_trimmed_of(b, nb, logs, &tb);
    if (rc != 0)
        return rc;
    if (!logs && ta.mean == 0)
        return CBENCH_EDOMAIN;
    double va = ta.se2 + (runs ? ta.run_var : 0);
    double vb = tb.se2 + (runs ? tb.run_var : 0);
    double se2 = va + vb, d = tb.mean - ta.mean;
    double df = se2 > 0 ? se2 * se2 / (va * va / ta.df + vb * vb / tb.df) : ta.df + tb.df;
    change_from(d, se2, df, ta.mean, logs, confidence, est);
    if (p != NULL)
        *p = p_of(d, se2, df);
    if (df_out != NULL && logs)
        *df_out = df;
    return 0;
}

int cbench_compare_paired_change(const double *a, const double *b, size_t n,
                                 double confidence, cbench_estimate *est,
                                 double *p)
{
    cbench__estimate_undef(est);
    *p = NAN;
    if (n < 2 || !cbench_compare_all_positive(a, n) || !cbench_compare_all_positive(b, n))
        return CBENCH_EDOMAIN;
    double *l = malloc(n * sizeof *l);
    if (l == NULL)
        return CBENCH_ENOMEM;
    for (size_t i = 0; i < n; i++)
        l[i] = log(b[i] / a[i]);
    cbench_trimmed t;
    int rc = cbench_compare_trimmed(l, n, CBENCH_COMPARE_TRIM, &t);
    free(l);
    if (rc != 0)
        return rc;
    change_from(t.mean, t.se2, t.df, 0, 1, confidence, est);
    *p = p_of(t.mean, t.se2, t.df);
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
