/* SPDX-License-Identifier: MIT
 *
 * format.c - numbers as people read them in the console report.
 */
#include <math.h>
#include <stdio.h>

#include "model/ucount.h"
#include "report/units.h"
#include "report/report.h"

char *cbench_report_fmt_time(char *buf, size_t n, double ns)
{
    return cbench_plot_fmt_time_digits(buf, n, ns, CBENCH_REPORT_TIME_DIGITS);
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
    if (!fail_on_regression)
        return 0;
    return (r->has_change && r->change.verdict == CBENCH_VERDICT_REGRESSED)
        || cbench__ucount_regressed(r);
}

/* "threads: 2 on 2 CPUs, imbalance 1.03x, CPU per iteration 2.10 ns 2.11 ns"
 * (the range of the CPU times past 8 threads). */
void cbench_report_threads(FILE *f, const cbench_result *r, const char *prefix, int indent)
{
    const cbench_threads_info *t = &r->threads;
    if (t->count == 0)
        return;
    fprintf(f, "%s%*s%-8s %u on %u CPUs%s, imbalance %.3gx", prefix, indent, "", "threads:",
            t->count, t->cpus, t->oversubscribed ? " (oversubscribed)" : "", t->imbalance);
    if (t->cpu_ns != NULL) {
        char buf[32];
        double lo = INFINITY, hi = -INFINITY;
        fprintf(f, ", CPU per iteration");
        for (unsigned i = 0; i < t->count; i++) {
            lo = fmin(lo, t->cpu_ns[i]);
            hi = fmax(hi, t->cpu_ns[i]);
            if (t->count <= 8)
                fprintf(f, " %s", cbench_report_fmt_time(buf, sizeof buf, t->cpu_ns[i]));
        }
        if (t->count > 8) {
            fprintf(f, " %s", cbench_report_fmt_time(buf, sizeof buf, lo));
            fprintf(f, " .. %s", cbench_report_fmt_time(buf, sizeof buf, hi));
        }
    }
    fputc('\n', f);
}
