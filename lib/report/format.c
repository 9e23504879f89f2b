/* SPDX-License-Identifier: MIT
 *
 * format.c - numbers as people read them in the console report.
 */
#include <math.h>
#include <stdio.h>

#include "plot/units.h"
#include "report/report.h"

char *cbench_report_fmt_time(char *buf, size_t n, double ns)
{
    if (!isfinite(ns)) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    cbench_plot_unit u = cbench_plot_time_unit(fabs(ns));
    double v = ns / u.div;
    int decimals = fabs(v) >= 100 ? 2 : fabs(v) >= 10 ? 3 : 4;
    snprintf(buf, n, "%.*f %s", decimals, v, u.name);
    return buf;
}

char *cbench_report_fmt_pct(char *buf, size_t n, double frac)
{
    if (!isfinite(frac))
        snprintf(buf, n, "n/a");
    else
        snprintf(buf, n, "%+.2f%%", 100.0 * frac);
    return buf;
}

int cbench_report_is_failure(const cbench_result *r, int fail_on_regression)
{
    if (r->flags & CBENCH_RESULT_FAILED)
        return 1;
    return fail_on_regression && r->has_change
        && r->change.verdict == CBENCH_VERDICT_REGRESSED;
}
