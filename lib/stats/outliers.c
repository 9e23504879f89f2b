/* SPDX-License-Identifier: MIT
 *
 * outliers.c - Tukey's fences; see outliers.h for the method.
 */
#include "stats/outliers.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "stats/univariate.h"

void cbench_outliers_classify_sorted(const double *x, size_t n,
                                     cbench_outliers *out)
{
    double q1 = cbench_univariate_percentile_sorted(x, n, 25);
    double q3 = cbench_univariate_percentile_sorted(x, n, 75);
    double iqr = q3 - q1;
    double ls = q1 - 3 * iqr, lm = q1 - 1.5 * iqr;
    double hm = q3 + 1.5 * iqr, hs = q3 + 3 * iqr;
    memset(out, 0, sizeof *out);
    out->fences[0] = ls;
    out->fences[1] = lm;
    out->fences[2] = hm;
    out->fences[3] = hs;
    for (size_t i = 0; i < n; i++) {
        double v = x[i];
        if (v < ls)
            out->low_severe++;
        else if (v < lm)
            out->low_mild++;
        else if (v <= hm)
            out->normal++;
        else if (v <= hs)
            out->high_mild++;
        else
            out->high_severe++;
    }
}

int cbench_outliers_classify(const double *x, size_t n, cbench_outliers *out)
{
    memset(out, 0, sizeof *out);
    for (int i = 0; i < 4; i++)
        out->fences[i] = NAN;
    int rc = cbench_univariate_check(x, n);
    if (rc != 0)
        return rc;
    double *s = cbench_univariate_sorted_copy(x, n);
    if (s == NULL)
        return CBENCH_ENOMEM;
    cbench_outliers_classify_sorted(s, n, out);
    free(s);
    return 0;
}

unsigned cbench_outliers_total(const cbench_outliers *o)
{
    return o->low_severe + o->low_mild + o->high_mild + o->high_severe;
}
