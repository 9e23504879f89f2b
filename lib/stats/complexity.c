/* SPDX-License-Identifier: MIT
 *
 * complexity.c - least-squares fits of the six complexity models on
 * relative errors and the choice by relative RMS; see complexity.h for
 * the method.
 */
#include "stats/complexity.h"

#include <math.h>

#include "cbench.h"

double cbench_bigo_eval(cbench_bigo b, double n)
{
    switch (b) {
    case CBENCH_BIGO_1: return 1;
    case CBENCH_BIGO_LOGN: return log2(n);
    case CBENCH_BIGO_N: return n;
    case CBENCH_BIGO_NLOGN: return n * log2(n);
    case CBENCH_BIGO_N2: return n * n;
    case CBENCH_BIGO_N3: return n * n * n;
    default: return NAN;
    }
}

const char *cbench_bigo_name(cbench_bigo b)
{
    static const char *const names[] = {"O(1)", "O(log n)", "O(n)", "O(n log n)",
                                        "O(n^2)", "O(n^3)"};
    return (unsigned)b < CBENCH_BIGO_COUNT ? names[b] : "O(?)";
}

const char *cbench_bigo_gbench(cbench_bigo b)
{
    static const char *const names[] = {"(1)", "lgN", "N", "NlgN", "N^2", "N^3"};
    return (unsigned)b < CBENCH_BIGO_COUNT ? names[b] : "f(N)";
}

static void undefined(cbench_complexity *out)
{
    out->best = CBENCH_BIGO_COUNT;
    out->coef = out->rms = NAN;
    for (int b = 0; b < CBENCH_BIGO_COUNT; b++)
        out->coefs[b] = out->rmss[b] = NAN;
}

/* 0 when every pair is usable, else CBENCH_EINVAL (see the header). */
static int check_values(const double *n, const double *t, size_t m)
{
    for (size_t i = 0; i < m; i++)
        if (!(isfinite(n[i]) && n[i] >= 1 && isfinite(t[i]) && t[i] >= 0))
            return CBENCH_EINVAL;
    return 0;
}

/* Whether n holds at least CBENCH_COMPLEXITY_MIN_SIZES distinct values
 * (stops looking once it has found them). */
static int enough_sizes(const double *n, size_t m)
{
    double seen[CBENCH_COMPLEXITY_MIN_SIZES];
    size_t k = 0;
    for (size_t i = 0; i < m && k < CBENCH_COMPLEXITY_MIN_SIZES; i++) {
        size_t j = 0;
        while (j < k && seen[j] != n[i])
            j++;
        if (j == k)
            seen[k++] = n[i];
    }
    return k == CBENCH_COMPLEXITY_MIN_SIZES;
}

/* The fit of model b on relative errors: with r = f / t, c = sum r /
 * sum r^2 and rms = sqrt(mean (1 - c r)^2). Every t is > 0 here. */
static void fit_one(const double *n, const double *t, size_t m, cbench_bigo b,
                    double *coef, double *rms)
{
    double sr = 0, srr = 0, sse = 0;
    for (size_t i = 0; i < m; i++) {
        double r = cbench_bigo_eval(b, n[i]) / t[i];
        sr += r;
        srr += r * r;
    }
    *coef = srr > 0 ? sr / srr : NAN;
    for (size_t i = 0; i < m && !isnan(*coef); i++) {
        double e = 1 - *coef * cbench_bigo_eval(b, n[i]) / t[i];
        sse += e * e;
    }
    *rms = isnan(*coef) ? NAN : sqrt(sse / (double)m);
}

int cbench_complexity_fit(const double *n, const double *t, size_t m,
                          cbench_complexity *out)
{
    if (out == NULL)
        return CBENCH_EINVAL;
    undefined(out);
    if (n == NULL || t == NULL || check_values(n, t, m) != 0)
        return CBENCH_EINVAL;
    if (!enough_sizes(n, m))
        return CBENCH_EDOMAIN;
    for (size_t i = 0; i < m; i++)
        if (!(t[i] > 0))
            return CBENCH_EDOMAIN;
    for (int b = 0; b < CBENCH_BIGO_COUNT; b++) {
        fit_one(n, t, m, (cbench_bigo)b, &out->coefs[b], &out->rmss[b]);
        /* Strictly smaller: a tie keeps the simpler model. An undefined
         * fit (every f(n) = 0: log n with n = 1 only) never wins. */
        if (out->best == CBENCH_BIGO_COUNT || out->rmss[b] < out->rms) {
            if (isnan(out->rmss[b]))
                continue;
            out->best = (cbench_bigo)b;
            out->coef = out->coefs[b];
            out->rms = out->rmss[b];
        }
    }
    return 0;
}
