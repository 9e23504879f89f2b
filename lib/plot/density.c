/* SPDX-License-Identifier: MIT
 *
 * density.c - quantiles, Tukey fences, Gaussian KDE and a bootstrap of the
 * relative change, for charts (see density.h).
 *
 * KDE:   f(x) = 1/(n h) * sum_i phi((x - x_i) / h),  phi = N(0,1) density.
 * Tukey: q1, q3 quartiles, iqr = q3 - q1,
 *        severe < q1 - 3 iqr <= mild < q1 - 1.5 iqr   (and mirrored above q3).
 */
#include "plot/density.h"

#include <math.h>
#include <stdlib.h>

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

void cbench_plot_sort(double *x, size_t n)
{
    if (n > 1)
        qsort(x, n, sizeof *x, cmp_double);
}

double cbench_plot_quantile(const double *sorted, size_t n, double p)
{
    if (n == 0)
        return NAN;
    if (p <= 0)
        return sorted[0];
    if (p >= 1)
        return sorted[n - 1];
    double h = p * (double)(n - 1);
    size_t i = (size_t)h;
    if (i + 1 >= n)
        return sorted[n - 1];
    return sorted[i] + (h - (double)i) * (sorted[i + 1] - sorted[i]);
}

void cbench_plot_fences(const double *sorted, size_t n, double fences[4])
{
    double q1 = cbench_plot_quantile(sorted, n, 0.25);
    double q3 = cbench_plot_quantile(sorted, n, 0.75);
    double iqr = q3 - q1;
    fences[0] = q1 - 3 * iqr;
    fences[1] = q1 - 1.5 * iqr;
    fences[2] = q3 + 1.5 * iqr;
    fences[3] = q3 + 3 * iqr;
}

int cbench_plot_tukey_class(double x, const double fences[4])
{
    if (x < fences[0])
        return -2;
    if (x < fences[1])
        return -1;
    if (x > fences[3])
        return 2;
    if (x > fences[2])
        return 1;
    return 0;
}

/* Two-pass sample standard deviation of n values (0 for n < 2). */
static double std_dev(const double *x, size_t n)
{
    if (n < 2)
        return 0;
    double mean = 0, ss = 0;
    for (size_t i = 0; i < n; i++)
        mean += x[i];
    mean /= (double)n;
    for (size_t i = 0; i < n; i++)
        ss += (x[i] - mean) * (x[i] - mean);
    return sqrt(ss / (double)(n - 1));
}

double cbench_plot_bandwidth(const double *sorted, size_t n)
{
    if (n == 0)
        return 1e-9;
    double sd = std_dev(sorted, n);
    double iqr = cbench_plot_quantile(sorted, n, 0.75) - cbench_plot_quantile(sorted, n, 0.25);
    double s = sd;
    if (iqr > 0 && iqr / 1.34 < s)
        s = iqr / 1.34;
    double bw = 0.9 * s * pow((double)n, -0.2);
    if (bw > 0 && isfinite(bw))
        return bw;
    double mag = fabs(sorted[n / 2]);           /* constant sample */
    return mag > 0 ? mag * 1e-3 : 1e-9;
}

void cbench_plot_kde(const double *x, size_t n, double bw, double lo, double hi,
                     size_t points, double *gx, double *gy)
{
    const double norm = 1.0 / ((double)n * bw * sqrt(2 * M_PI));
    double step = (hi - lo) / (double)(points - 1);
    for (size_t i = 0; i < points; i++) {
        double at = lo + step * (double)i, sum = 0;
        for (size_t j = 0; j < n; j++) {
            double u = (at - x[j]) / bw;
            if (u > -8 && u < 8)                 /* exp(-32): negligible */
                sum += exp(-0.5 * u * u);
        }
        gx[i] = at;
        gy[i] = sum * norm;
    }
}

