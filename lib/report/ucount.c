/* SPDX-License-Identifier: MIT
 *
 * ucount.c - user counters in the console reports: their values with
 * units and prefixes, intervals, changes and verdicts.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/report.h"

#define INDENT 24

char *cbench_report_fmt_counter(char *buf, size_t n, double v, unsigned flags)
{
    static const char *const si[] = {"n", "u", "m", "", "k", "M", "G", "T"};
    static const char *const bin[] = {"", "Ki", "Mi", "Gi", "Ti"};
    const char *unit = flags & CBENCH_COUNTER_RATE ? "/s"
                     : flags & CBENCH_COUNTER_PER_ITERATION ? "/iter" : "";
    if (!isfinite(v)) {
        snprintf(buf, n, "n/a");
        return buf;
    }
    const char *prefix = "";
    double a = fabs(v);
    if (flags & CBENCH_COUNTER_BASE_1024) {
        int k = 0;
        while (k < 4 && a >= 1024.0) {
            a /= 1024.0;
            v /= 1024.0;
            k++;
        }
        prefix = bin[k];
    } else if (a != 0) {
        int k = 3;
        while (k < 7 && a >= 1000.0) {
            a /= 1000.0;
            v /= 1000.0;
            k++;
        }
        while (k > 0 && a < 1.0) {
            a *= 1000.0;
            v *= 1000.0;
            k--;
        }
        prefix = si[k];
    }
    snprintf(buf, n, "%.4g%s%s", v, prefix, unit);
    return buf;
}

static const char *verdict_word(cbench_verdict v)
{
    switch (v) {
    case CBENCH_VERDICT_REGRESSED: return "regressed";
    case CBENCH_VERDICT_IMPROVED: return "improved";
    case CBENCH_VERDICT_WITHIN_NOISE: return "within noise";
    case CBENCH_VERDICT_NO_CHANGE: return "no change";
    case CBENCH_VERDICT_NONE: break;
    }
    return "";
}

static void print_change(FILE *f, const cbench_user_counter *u, int color)
{
    const cbench_change *ch = &u->change;
    char lo[32], pt[32], hi[32];
    const char *col = !color ? ""
                    : ch->verdict == CBENCH_VERDICT_REGRESSED ? "\033[31m"
                    : ch->verdict == CBENCH_VERDICT_IMPROVED ? "\033[32m" : "";
    fprintf(f, "  change: [%s %s %s] (p = %.2f) %s%s%s",
            cbench_report_fmt_pct(lo, sizeof lo, ch->mean.lower),
            cbench_report_fmt_pct(pt, sizeof pt, ch->mean.point),
            cbench_report_fmt_pct(hi, sizeof hi, ch->mean.upper), ch->p_value, col,
            verdict_word(ch->verdict), *col ? "\033[0m" : "");
}

static void print_one(FILE *f, const cbench_user_counter *u, int color)
{
    char pt[32], lo[32], hi[32];
    fprintf(f, "%s: ", u->name);
    cbench_report_fmt_counter(pt, sizeof pt, u->value.point, u->flags);
    if (isfinite(u->value.lower) && isfinite(u->value.upper))
        fprintf(f, "[%s %s %s]", cbench_report_fmt_counter(lo, sizeof lo, u->value.lower, u->flags),
                pt, cbench_report_fmt_counter(hi, sizeof hi, u->value.upper, u->flags));
    else
        fputs(pt, f);
    if (u->has_change)
        print_change(f, u, color);
    else if (isfinite(u->base))
        fprintf(f, "  (baseline %s)", cbench_report_fmt_counter(lo, sizeof lo, u->base, u->flags));
    if (u->flags & CBENCH_COUNTER_HIGHER_IS_BETTER)
        fputs("  (higher is better)", f);
    fputc('\n', f);
}

void cbench_report_user_counters(FILE *f, const cbench_result *r, const char *prefix,
                                 int color)
{
    for (size_t i = 0; i < r->n_user_counters; i++) {
        fprintf(f, "%s%*s%-8s", prefix, INDENT, "", i == 0 ? "user:" : "");
        print_one(f, &r->user_counters[i], color);
    }
}

void cbench_report_user_counters_tap(FILE *f, const cbench_result *r)
{
    for (size_t i = 0; i < r->n_user_counters; i++) {
        const cbench_user_counter *u = &r->user_counters[i];
        char v[32], pt[32];
        fprintf(f, " %s: %s", u->name, cbench_report_fmt_counter(v, sizeof v, u->value.point,
                                                              u->flags));
        if (u->has_change)
            fprintf(f, " %s %s", cbench_report_fmt_pct(pt, sizeof pt, u->change.mean.point),
                    verdict_word(u->change.verdict));
    }
}
