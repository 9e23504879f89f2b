/* SPDX-License-Identifier: MIT
 *
 * html_summary.c - a section's summary in the report (see html.h): its
 * chart, then one row per result with only the columns something fills.
 * A warning is a short tag linking to the benchmark's own section, where
 * the full text is; the tags are explained once, in the page's legend.
 * The tags come from the kinds the warnings were raised with
 * (cbench_result.warn_kinds), never from their prose.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "report/units.h"
#include "report/html.h"

#define ESC(f, s) cbench_plot_html_text((f), (s))

typedef struct tag {
    unsigned kind;                 /* CBENCH_WARN_* */
    const char *label, *legend;
} tag;

static const tag tags[] = {
    {CBENCH_WARN_SLOW_CORE, "slow core", "the core ran in its slower state (a busy sibling "
     "hyperthread, a lower clock) in too many rounds to set aside: the time is the slow "
     "state's"},
    {CBENCH_WARN_UNSTABLE, "unstable", "per-iteration times vary by more than 5 % "
     "(relative MAD)"},
    {CBENCH_WARN_OUTLIERS, "outliers", "more than 10 % of the samples are severe outliers: "
     "other load hit the measurement"},
    {CBENCH_WARN_ROUNDS, "rounds disagree", "the worker processes' estimates spread far more "
     "than the noise inside each predicts; the interval includes it"},
    {CBENCH_WARN_DRIFT, "drift", "the time per iteration changes during sampling: still "
     "warming up, or accumulating state"},
    {CBENCH_WARN_TOO_SHORT, "too short", "about the cost of the loop itself: the compiler may "
     "have removed the body"},
    {CBENCH_WARN_FEW_SAMPLES, "few samples", "one iteration is too long for the samples "
     "asked for in the measurement time"},
    {CBENCH_WARN_PAGE_FAULTS, "page faults", "the timed loop touches fresh memory"},
    {CBENCH_WARN_OVERSUBSCRIBED, "oversubscribed", "more threads than CPUs: they took turns "
     "instead of running at once"},
};
#define N_TAGS (sizeof tags / sizeof tags[0])

/* Pseudo-kinds beyond the warnings', for the legend. */
#define TAG_OTHER (1u << 29)       /* a warning without a kind: an older file */
#define TAG_FAILED (1u << 30)
#define TAG_SKIPPED (1u << 31)

static unsigned tags_of(const cbench_result *r)
{
    unsigned t = r->warn_kinds;
    if (r->warning != NULL && r->warn_kinds == 0)
        t |= TAG_OTHER;
    if (r->flags & CBENCH_RESULT_SKIPPED)
        t |= TAG_SKIPPED;
    else if ((r->flags & CBENCH_RESULT_FAILED) || r->error != NULL)
        t |= TAG_FAILED;
    return t;
}

void cbench_html_tags(FILE *f, const cbench_result *r)
{
    unsigned t = tags_of(r);
    if (t & TAG_FAILED)
        fputs("<span class=\"tag bad\">failed</span> ", f);
    if (t & TAG_SKIPPED)
        fputs("<span class=tag>skipped</span> ", f);
    for (size_t i = 0; i < N_TAGS; i++)
        if (t & tags[i].kind)
            fprintf(f, "<span class=\"tag w\">%s</span> ", tags[i].label);
    if (t & TAG_OTHER)
        fputs("<span class=\"tag w\">warning</span> ", f);
}

void cbench_html_legend(FILE *f, const cbench_html_input *in)
{
    unsigned used = 0;
    for (size_t k = 0; k < in->n_sections; k++)
        for (size_t i = 0; i < in->sections[k].run->n_results; i++)
            used |= tags_of(&in->sections[k].run->results[i]);
    if (used == 0)
        return;
    fputs("<dl class=legend><dt>Tags</dt>", f);
    for (size_t i = 0; i < N_TAGS; i++)
        if (used & tags[i].kind)
            fprintf(f, "<dd><span class=\"tag w\">%s</span> %s</dd>", tags[i].label,
                    tags[i].legend);
    if (used & TAG_OTHER)
        fputs("<dd><span class=\"tag w\">warning</span> a warning stored by an older cbench"
              "</dd>", f);
    if (used & TAG_FAILED)
        fputs("<dd><span class=\"tag bad\">failed</span> a round crashed or timed out</dd>", f);
    if (used & TAG_SKIPPED)
        fputs("<dd><span class=tag>skipped</span> its setup skipped it</dd>", f);
    fputs("<dd class=more>The full text of each warning, with what to do, is in the "
          "benchmark's own section below.</dd></dl>\n", f);
}

/* {=================================================================
 * Cells.
 * ================================================================== */

/* Writes ns in unit u with 3 significant digits (no unit name). */
static void time_in(FILE *f, double ns, cbench_plot_unit u)
{
    double v = ns / u.div, a = fabs(v);
    fprintf(f, "%.*f", a >= 100 ? 0 : a >= 10 ? 1 : 2, v);
}

static void estimate_cells(FILE *f, const cbench_estimate *e)
{
    if (!isfinite(e->point)) {
        fputs("<td class=num>n/a</td><td class=num></td>", f);
        return;
    }
    cbench_plot_unit u = cbench_plot_time_unit(e->point);
    fputs("<td class=num><b>", f);
    time_in(f, e->point, u);
    fprintf(f, " %s</b></td><td class=\"num ci\">", u.name);
    if (isfinite(e->lower) && isfinite(e->upper)) {
        time_in(f, e->lower, u);
        fputs(" – ", f);
        time_in(f, e->upper, u);
    }
    fputs("</td>", f);
}

const char *cbench_html_verdict_class(cbench_verdict v)
{
    switch (v) {
    case CBENCH_VERDICT_IMPROVED: return "v-improved";
    case CBENCH_VERDICT_REGRESSED: return "v-regressed";
    case CBENCH_VERDICT_WITHIN_NOISE: return "v-noise";
    default: return "v-same";
    }
}

static void change_cells(FILE *f, const cbench_result *r, double run_noise)
{
    const cbench_estimate *c = &r->change.mean;
    if (!r->has_change || !isfinite(c->point)) {
        fputs("<td class=num></td><td></td>", f);
        return;
    }
    const char *dir = r->change.verdict == CBENCH_VERDICT_REGRESSED  ? " up"
                      : r->change.verdict == CBENCH_VERDICT_IMPROVED ? " down"
                                                                     : "";
    fprintf(f, "<td class=\"num%s\">%+.1f %%", dir, c->point * 100);
    if (isfinite(c->lower) && isfinite(c->upper))
        fprintf(f, " <small>[%+.1f, %+.1f]</small>", c->lower * 100, c->upper * 100);
    fprintf(f, "</td><td><span class=\"v %s\">%s</span>", cbench_html_verdict_class(r->change.verdict),
            cbench__verdict_name(r->change.verdict));
    double th = r->change.noise_threshold;
    if (isfinite(th) && isfinite(run_noise) && th > run_noise * (1 + 1e-9)) {
        char buf[32];
        fprintf(f, " <small class=nw title=\"the noise threshold, widened by the machine's "
                "drift since the baseline\">%s drift</small>",
                cbench_plot_fmt_threshold(buf, sizeof buf, th));
    }
    fputs("</td>", f);
}

static void throughput_cell(FILE *f, const cbench_result *r)
{
    char buf[48];
    double t = cbench_html_headline(r)->point;
    fputs("<td class=num>", f);
    if (r->throughput != CBENCH_THROUGHPUT_NONE && t > 0 && r->throughput_per_iter > 0)
        fputs(cbench_plot_fmt_rate(buf, sizeof buf, r->throughput_per_iter / (t * 1e-9),
                                   r->throughput), f);
    if (r->throughput != CBENCH_THROUGHPUT_NONE && t > 0 && r->other_per_iter > 0)
        fprintf(f, "<br>%s", cbench_plot_fmt_rate(buf, sizeof buf, r->other_per_iter / (t * 1e-9),
                cbench__result_other_kind(r)));
    if (r->bound)
        fputs(" <small>(bound)</small>", f);
    else if (isfinite(r->bound_fraction))
        fprintf(f, " <small>%.0f%% of bound</small>", 100 * r->bound_fraction);
    fputs("</td>", f);
}

static void ratio_cell(FILE *f, const cbench_result *r)
{
    const cbench_estimate *q = &r->ratio_to_reference;
    fputs("<td class=num>", f);
    if (r->reference)
        fputs("<small>reference</small>", f);
    else if (isfinite(q->point)) {
        fprintf(f, "%.3g×", q->point);
        if (isfinite(q->lower) && isfinite(q->upper))
            fprintf(f, " <small>[%.3g, %.3g]</small>", q->lower, q->upper);
    }
    fputs("</td>", f);
}

/* Whether a counter says something: a count that is not zero, or one a
 * baseline had (zero page faults on every row is not worth a column). */
static int counter_shown(const cbench_counter_value *c)
{
    return c->per_iter != 0 || (isfinite(c->base_per_iter) && c->base_per_iter != 0);
}

void cbench_html_counters(FILE *f, const cbench_result *r, int all)
{
    int first = 1;
    for (size_t i = 0; i < r->n_counters && i < CBENCH_MAX_COUNTERS; i++) {
        const cbench_counter_value *c = &r->counters[i];
        if (!all && !counter_shown(c))
            continue;
        char name[sizeof c->name + 1];
        memcpy(name, c->name, sizeof c->name);
        name[sizeof c->name] = '\0';
        fputs(first ? "<span class=ctr>" : " <span class=ctr>", f);
        first = 0;
        ESC(f, name);
        fprintf(f, " <b>%.4g</b>%s", c->per_iter, c->exact ? "" : "/it");
        if (isfinite(c->base_per_iter))
            fprintf(f, " <small>(base %.4g)</small>", c->base_per_iter);
        fputs("</span>", f);
    }
}

static void counters_cell(FILE *f, const cbench_result *r)
{
    fputs("<td class=counters>", f);
    cbench_html_counters(f, r, 0);
    fputs("</td>", f);
}

static void user_counters_cell(FILE *f, const cbench_result *r)
{
    fputs("<td class=counters>", f);
    cbench_html_user_counters(f, r, 1);
    fputs("</td>", f);
}

/* {=================================================================
 * The table.
 * ================================================================== */

/* Which optional columns something fills. */
typedef struct columns {
    int change, throughput, ratio, counters, user_counters, notes;
} columns;

static columns columns_of(const cbench_run *run)
{
    columns c = {0};
    for (size_t i = 0; i < run->n_results; i++) {
        const cbench_result *r = &run->results[i];
        c.change |= r->has_change && isfinite(r->change.mean.point);
        c.throughput |= (r->throughput != CBENCH_THROUGHPUT_NONE && r->throughput_per_iter > 0)
                        || r->bound || isfinite(r->bound_fraction);
        c.ratio |= r->reference || isfinite(r->ratio_to_reference.point);
        for (size_t k = 0; k < r->n_counters && k < CBENCH_MAX_COUNTERS; k++)
            c.counters |= counter_shown(&r->counters[k]);
        c.user_counters |= r->n_user_counters > 0;
        c.notes |= tags_of(r) != 0;
    }
    return c;
}

static void header(FILE *f, const columns *c)
{
    fputs("<thead><tr><th>Benchmark</th><th class=num>Time per iteration</th>"
          "<th class=num>CI</th>", f);
    if (c->change)
        fputs("<th class=num>Change</th><th>Verdict</th>", f);
    if (c->throughput)
        fputs("<th class=num>Throughput</th>", f);
    if (c->ratio)
        fputs("<th class=num>vs reference</th>", f);
    if (c->counters)
        fputs("<th>Counters</th>", f);
    if (c->user_counters)
        fputs("<th>User counters</th>", f);
    if (c->notes)
        fputs("<th>Notes</th>", f);
    fputs("</tr></thead>\n", f);
}

static int width_of(const columns *c)
{
    return 3 + 2 * c->change + c->throughput + c->ratio + c->counters + c->user_counters
           + c->notes;
}

static void row(FILE *f, const cbench_run *run, size_t k, size_t i, const columns *c)
{
    const cbench_result *r = &run->results[i];
    const char *group = r->group ? r->group : "";
    if (i == 0 || strcmp(run->results[i - 1].group ? run->results[i - 1].group : "", group)) {
        fprintf(f, "<tr class=grp><th colspan=%d>", width_of(c));
        ESC(f, *group ? group : "(no group)");
        fputs("</th></tr>\n", f);
    }
    fputs("<tr><td><a href=\"#", f);
    cbench_html_anchor(f, k, i);
    fputs("\">", f);
    ESC(f, cbench_plot_short_label(r));
    fputs("</a></td>", f);
    estimate_cells(f, cbench_html_headline(r));
    if (c->change)
        change_cells(f, r, run->ctx.noise_threshold);
    if (c->throughput)
        throughput_cell(f, r);
    if (c->ratio)
        ratio_cell(f, r);
    if (c->counters)
        counters_cell(f, r);
    if (c->user_counters)
        user_counters_cell(f, r);
    if (c->notes) {
        fputs("<td class=notes>", f);
        cbench_html_tags(f, r);
        fputs("</td>", f);
    }
    fputs("</tr>\n", f);
}

void cbench_html_summary(FILE *f, const cbench_html_section *s, size_t k)
{
    const cbench_run *run = s->run;
    if (s->summary_chart != NULL) {
        fputs("<figure class=summary><a href=\"", f);
        ESC(f, s->summary_chart);
        fputs("\"><img src=\"", f);
        ESC(f, s->summary_chart);
        fputs("\" alt=\"time per iteration of every benchmark, with its interval\"></a>"
              "</figure>\n", f);
    }
    columns c = columns_of(run);
    fputs("<table class=summary>\n", f);
    header(f, &c);
    fputs("<tbody>\n", f);
    for (size_t i = 0; i < run->n_results; i++)
        row(f, run, k, i, &c);
    fputs("</tbody></table>\n", f);
}
