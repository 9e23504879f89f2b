/* SPDX-License-Identifier: MIT
 *
 * univariate.c - mean, variance, percentiles, MAD; see univariate.h for
 * the methods.
 */
#include "stats/univariate.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int cbench_univariate_check(const double *x, size_t n)
{
    if (x == NULL || n == 0)
        return CBENCH_EINVAL;
    for (size_t i = 0; i < n; i++)
        if (!isfinite(x[i]))
            return CBENCH_EINVAL;
    return 0;
}

double cbench_univariate_mean(const double *x, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += x[i];
    double m = s / (double)n;
    double c = 0;                 /* what rounding lost in the first pass */
    for (size_t i = 0; i < n; i++)
        c += x[i] - m;
    return m + c / (double)n;
}

double cbench_univariate_variance(const double *x, size_t n, double mean)
{
    double s = 0, s2 = 0;
    for (size_t i = 0; i < n; i++) {
        double d = x[i] - mean;
        s += d;
        s2 += d * d;
    }
    double v = (s2 - s * s / (double)n) / (double)(n - 1);
    return v < 0 ? 0 : v;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void cbench_univariate_sort(double *x, size_t n)
{
    qsort(x, n, sizeof *x, cmp_double);
}

double *cbench_univariate_sorted_copy(const double *x, size_t n)
{
    double *s = malloc((n ? n : 1) * sizeof *s);
    if (s == NULL)
        return NULL;
    memcpy(s, x, n * sizeof *s);
    cbench_univariate_sort(s, n);
    return s;
}

/* Splits rank p/100 (n-1) into its floor and fraction. */
static size_t rank_split(size_t n, double p, double *frac)
{
    double r = p / 100.0 * (double)(n - 1);
    double lo = floor(r);
    size_t i = (size_t)lo;
    if (i >= n - 1) {             /* p = 100, or rounding at the top */
        *frac = 0;
        return n - 1;
    }
    *frac = r - lo;
    return i;
}

double cbench_univariate_percentile_sorted(const double *x, size_t n, double p)
{
    double f;
    size_t i = rank_split(n, p, &f);
    if (f == 0)
        return x[i];
    return x[i] + f * (x[i + 1] - x[i]);
}

double cbench_univariate_mad_sorted(const double *x, size_t n, double *scratch)
{
    double f;
    size_t i = rank_split(n, 50, &f);
    double base = x[i];
    double delta = f == 0 ? 0 : f * (x[i + 1] - base);  /* median = base + delta */
    /* Last index at or below the median: the left run of deviations grows
     * leftwards, the right run rightwards; merge them in sorted order. */
    size_t split = i + 1;         /* x[0..split) <= median */
    while (split < n && (x[split] - base) - delta <= 0)
        split++;
    size_t l = split, r = split, k = 0;
    while (l > 0 || r < n) {
        double dl = l > 0 ? delta - (x[l - 1] - base) : INFINITY;
        double dr = r < n ? (x[r] - base) - delta : INFINITY;
        if (dl <= dr) {
            scratch[k++] = dl;
            l--;
        } else {
            scratch[k++] = dr;
            r++;
        }
    }
    return CBENCH_MAD_SCALE * cbench_univariate_percentile_sorted(scratch, n, 50);
}

/* {==================================================================
 * Public wrappers (<cbench/stats.h>).
 * =================================================================== */

/* Checks input and NaN-fills the output on failure. */
static int check_out(const double *x, size_t n, double *out)
{
    if (out == NULL)
        return CBENCH_EINVAL;
    *out = NAN;
    return cbench_univariate_check(x, n);
}

int cbench_stats_mean(const double *x, size_t n, double *out)
{
    int rc = check_out(x, n, out);
    if (rc == 0)
        *out = cbench_univariate_mean(x, n);
    return rc;
}

int cbench_stats_variance(const double *x, size_t n, double *out)
{
    int rc = check_out(x, n, out);
    if (rc != 0)
        return rc;
    if (n < 2)
        return CBENCH_EDOMAIN;
    *out = cbench_univariate_variance(x, n, cbench_univariate_mean(x, n));
    return 0;
}

int cbench_stats_stddev(const double *x, size_t n, double *out)
{
    int rc = cbench_stats_variance(x, n, out);
    if (rc == 0)
        *out = sqrt(*out);
    return rc;
}

int cbench_stats_minmax(const double *x, size_t n, double *min, double *max)
{
    if (min == NULL || max == NULL)
        return CBENCH_EINVAL;
    *min = *max = NAN;
    int rc = cbench_univariate_check(x, n);
    if (rc != 0)
        return rc;
    double lo = x[0], hi = x[0];
    for (size_t i = 1; i < n; i++) {
        lo = x[i] < lo ? x[i] : lo;
        hi = x[i] > hi ? x[i] : hi;
    }
    *min = lo;
    *max = hi;
    return 0;
}

int cbench_stats_percentile(const double *x, size_t n, double p, double *out)
{
    int rc = check_out(x, n, out);
    if (rc != 0)
        return rc;
    if (!(p >= 0 && p <= 100))
        return CBENCH_EINVAL;
    double *s = cbench_univariate_sorted_copy(x, n);
    if (s == NULL)
        return CBENCH_ENOMEM;
    *out = cbench_univariate_percentile_sorted(s, n, p);
    free(s);
    return 0;
}

int cbench_stats_median(const double *x, size_t n, double *out)
{
    return cbench_stats_percentile(x, n, 50, out);
}

int cbench_stats_mad(const double *x, size_t n, double *out)
{
    int rc = check_out(x, n, out);
    if (rc != 0)
        return rc;
    double *s = cbench_univariate_sorted_copy(x, n);
    double *scratch = malloc(n * sizeof *scratch);
    if (s != NULL && scratch != NULL)
        *out = cbench_univariate_mad_sorted(s, n, scratch);
    else
        rc = CBENCH_ENOMEM;
    free(s);
    free(scratch);
    return rc;
}
