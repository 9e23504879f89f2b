/* SPDX-License-Identifier: MIT
 *
 * html_ucount.c - user counters (cbench_counter()) in the HTML report
 * (see html.h): in a benchmark's article each counter's value with its
 * interval, and against a baseline its change with its interval and the
 * verdict; in the summary table the value and a verdict that is not "no
 * change". Values use the console's units and prefixes
 * (cbench_report_fmt_counter: "4.5/iter", "162.9M/s", "3Mi"); names are
 * escaped like every other string that is not cbench's own.
 */
#include <math.h>
#include <stdio.h>

#include "report/html.h"
#include "report/report.h"
#include "report/units.h"

#define ESC(f, s) cbench_plot_html_text((f), (s))

/* "+50.0 %", with " [+49.1, +50.9]" when the interval is known. */
static void change_text(FILE *f, const cbench_estimate *c)
{
    fprintf(f, "%+.1f %%", 100 * c->point);
    if (isfinite(c->lower) && isfinite(c->upper))
        fprintf(f, " <small>[%+.1f, %+.1f]</small>", 100 * c->lower, 100 * c->upper);
}

static void verdict_span(FILE *f, const cbench_user_counter *u)
{
    fprintf(f, "<span class=\"v %s\">%s</span>", cbench_html_verdict_class(u->change.verdict),
            cbench__verdict_name(u->change.verdict));
}

/* Counter u in full: value [lower – upper], then the change or the
 * baseline's value. */
static void counter_full(FILE *f, const cbench_user_counter *u)
{
    char a[32], b[32];
    fputs("<span class=uctr>", f);
    ESC(f, u->name);
    fprintf(f, " <b>%s</b>", cbench_report_fmt_counter(a, sizeof a, u->value.point, u->flags));
    if (isfinite(u->value.lower) && isfinite(u->value.upper))
        fprintf(f, " <small>[%s – %s]</small>",
                cbench_report_fmt_counter(a, sizeof a, u->value.lower, u->flags),
                cbench_report_fmt_counter(b, sizeof b, u->value.upper, u->flags));
    if (u->has_change && isfinite(u->change.mean.point)) {
        fputs(" change ", f);
        change_text(f, &u->change.mean);
        fputs(" ", f);
        verdict_span(f, u);
    } else if (isfinite(u->base)) {
        fprintf(f, " <small>(baseline %s)</small>",
                cbench_report_fmt_counter(a, sizeof a, u->base, u->flags));
    }
    if (u->flags & CBENCH_COUNTER_HIGHER_IS_BETTER)
        fputs(" <small>(higher is better)</small>", f);
    fputs("</span>", f);
}

/* Counter u in a summary cell: its value, and the change and verdict
 * when the baseline comparison says more than "no change". */
static void counter_brief(FILE *f, const cbench_user_counter *u)
{
    char a[32];
    fputs("<span class=ctr>", f);
    ESC(f, u->name);
    fprintf(f, " <b>%s</b>", cbench_report_fmt_counter(a, sizeof a, u->value.point, u->flags));
    if (u->has_change && isfinite(u->change.mean.point)
        && u->change.verdict != CBENCH_VERDICT_NO_CHANGE
        && u->change.verdict != CBENCH_VERDICT_NONE) {
        fprintf(f, " %+.1f %% ", 100 * u->change.mean.point);
        verdict_span(f, u);
    }
    fputs("</span>", f);
}

void cbench_html_user_counters(FILE *f, const cbench_result *r, int brief)
{
    for (size_t i = 0; i < r->n_user_counters; i++) {
        if (i > 0)
            fputs(brief ? " " : "<br>", f);
        if (brief)
            counter_brief(f, &r->user_counters[i]);
        else
            counter_full(f, &r->user_counters[i]);
    }
}
