/* SPDX-License-Identifier: MIT
 *
 * distributions.c - normal and Student t cdf and quantiles; see
 * distributions.h for the methods.
 */
#include "stats/distributions.h"

#include <float.h>
#include <math.h>

#include "cbench/stats.h"

#define T_NORMAL_DF 1e7   /* beyond this, t and normal agree to ~1e-8 */

/* Continued fraction of I_x(a, b) (NR 6.4 betacf), modified Lentz. */
static double beta_cf(double a, double b, double x)
{
    const double tiny = 1e-300;
    double qab = a + b, qap = a + 1, qam = a - 1;
    double c = 1, d = 1 - qab * x / qap;
    d = fabs(d) < tiny ? tiny : d;
    d = 1 / d;
    double h = d;
    for (int m = 1; m < 100000; m++) {
        double m2 = 2.0 * m;
        double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1 + aa * d;
        d = fabs(d) < tiny ? tiny : d;
        c = 1 + aa / c;
        c = fabs(c) < tiny ? tiny : c;
        d = 1 / d;
        h *= d * c;
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1 + aa * d;
        d = fabs(d) < tiny ? tiny : d;
        c = 1 + aa / c;
        c = fabs(c) < tiny ? tiny : c;
        d = 1 / d;
        double del = d * c;
        h *= del;
        if (fabs(del - 1) < 4 * DBL_EPSILON)
            break;
    }
    return h;
}

/* Stirling's series remainder: lgamma(x) - ((x - 1/2) log x - x +
 * log(2 pi) / 2), for x >= 10 (error < 1e-16). */
static double stirling_rest(double x)
{
    double x2 = x * x;
    return (1.0 / 12 - (1.0 / 360 - 1.0 / (1260 * x2)) / x2) / x;
}

/* lgamma(a + b) - lgamma(a) for a >= 10 without the cancellation of two
 * huge lgamma values (which costs ~1e-11 at a = 5e4, i.e. df = 1e5). */
static double lgamma_ratio(double a, double b)
{
    return (a - 0.5) * log1p(b / a) + b * log(a + b) - b
         + stirling_rest(a + b) - stirling_rest(a);
}

/* -log B(a, b) = lgamma(a + b) - lgamma(a) - lgamma(b). */
static double log_beta_inv(double a, double b)
{
    double big = a > b ? a : b, small = a > b ? b : a;
    if (big >= 10)
        return lgamma_ratio(big, small) - lgamma(small);
    return lgamma(a + b) - lgamma(a) - lgamma(b);
}

/* I_x(a, b) given both x and y = 1 - x, each computed without
 * cancellation by the caller (1 - x rounded loses digits when x ~ 1). */
static double beta_inc2(double a, double b, double x, double y)
{
    if (x == 0 || y == 0)
        return x == 0 ? 0 : 1;
    double lbt = log_beta_inv(a, b) + a * log(x) + b * log(y);
    if (x < (a + 1) / (a + b + 2))
        return exp(lbt) * beta_cf(a, b, x) / a;
    return 1 - exp(lbt) * beta_cf(b, a, y) / b;
}

double cbench_dist_beta_inc(double a, double b, double x)
{
    if (isnan(a) || isnan(b) || isnan(x) || a <= 0 || b <= 0 || x < 0 || x > 1)
        return NAN;
    return beta_inc2(a, b, x, 1 - x);
}

double cbench_dist_t_two_sided(double t, double df)
{
    if (isnan(t) || isnan(df) || df <= 0)
        return NAN;
    if (isinf(t))
        return 0;
    if (df > T_NORMAL_DF)
        return erfc(fabs(t) / sqrt(2.0));
    double t2 = t * t;
    /* I_x(df/2, 1/2) evaluated directly keeps tiny p-values precise; the
     * complement branch inside beta_inc only serves results near 1. */
    return beta_inc2(df / 2, 0.5, df / (df + t2), t2 / (df + t2));
}

double cbench_stats_t_cdf(double t, double df)
{
    double tail = cbench_dist_t_two_sided(t, df) / 2;
    return t > 0 ? 1 - tail : tail;
}

double cbench_stats_normal_cdf(double x)
{
    return 0.5 * erfc(-x / sqrt(2.0));
}

/* Acklam's approximation of the normal quantile (|rel. error| < 1.15e-9). */
static double acklam(double p)
{
    static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
        -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01,
        2.506628277459239e+00};
    static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
        -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01};
    static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
        -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00,
        2.938163982698783e+00};
    static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
        2.445134137142996e+00, 3.754408661907416e+00};
    if (p < 0.02425) {
        double q = sqrt(-2 * log(p));
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
               ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - 0.02425) {
        double q = sqrt(-2 * log1p(-p));
        return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
               ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    double q = p - 0.5, r = q * q;
    return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
           (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

double cbench_stats_normal_quantile(double p)
{
    if (isnan(p) || p < 0 || p > 1)
        return NAN;
    if (p == 0)
        return -INFINITY;
    if (p == 1)
        return INFINITY;
    double x = acklam(p);
    /* One Halley step on e(x) = Phi(x) - p. */
    double e = 0.5 * erfc(-x / sqrt(2.0)) - p;
    double u = e * sqrt(2 * M_PI) * exp(x * x / 2);
    return x - u / (1 + x * u / 2);
}

/* log of the t density at t. */
static double t_log_pdf(double t, double df)
{
    return log_beta_inv(df / 2, 0.5) - lgamma(0.5) - 0.5 * log(df * M_PI)
         - (df + 1) / 2 * log1p(t * t / df);
}

/* The t > 0 with one-sided upper tail P(T > t) = q, 0 < q < 0.5. */
static double t_upper_quantile(double q, double df)
{
    double lo = 0, hi = 1;
    while (cbench_dist_t_two_sided(hi, df) / 2 > q && hi < 1e300)
        hi *= 4;
    double t = cbench_stats_normal_quantile(1 - q);
    if (!(t > lo && t < hi))
        t = (lo + hi) / 2;
    for (int it = 0; it < 200; it++) {
        double f = cbench_dist_t_two_sided(t, df) / 2 - q;  /* decreasing in t */
        if (f == 0)
            break;
        if (f > 0)
            lo = t;
        else
            hi = t;
        double step = f / exp(t_log_pdf(t, df));           /* tail' = -pdf */
        double next = t + step;
        if (!(next > lo && next < hi))
            next = (lo + hi) / 2;
        if (fabs(next - t) <= 1e-15 * fabs(t))
            return next;
        t = next;
    }
    return t;
}

double cbench_stats_t_quantile(double p, double df)
{
    if (isnan(p) || isnan(df) || df <= 0 || p <= 0 || p >= 1)
        return NAN;
    if (df > T_NORMAL_DF)
        return cbench_stats_normal_quantile(p);
    if (p == 0.5)
        return 0;
    if (p < 0.5)
        return -cbench_stats_t_quantile(1 - p, df);
    double q = 1 - p;               /* exact for p >= 0.5 (Sterbenz) */
    if (df == 1)
        return tan(M_PI * (p - 0.5));
    if (df == 2)
        return (2 * p - 1) / sqrt(2 * p * q);
    return t_upper_quantile(q, df);
}
