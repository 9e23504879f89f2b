/* SPDX-License-Identifier: MIT
 *
 * html.c - the self-contained index.html report (see html.h).
 *
 * Layout: header, optional note, context table, summary table (one row per
 * result, linking to its section), then one section per group: the group's
 * charts, then each benchmark's numbers and charts. Nothing but inline CSS.
 */
#include "report/html.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "plot/units.h"

static const char css[] =
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;"
    "color:#222;background:#f6f7f9;margin:0}\n"
    "main{max-width:1280px;margin:0 auto;padding:8px 24px 40px}\n"
    "header{background:#1f2933;color:#fff;padding:18px 24px}\n"
    "header h1{margin:0;font-size:22px;font-weight:600}\n"
    "header p{margin:4px 0 0;color:#cbd2d9;font-size:13px}\n"
    "h2{font-size:19px;margin:28px 0 10px;border-bottom:2px solid #d9dee4;padding-bottom:4px}\n"
    "h3{font-size:16px;margin:0 0 6px;word-break:break-all}\n"
    "table{border-collapse:collapse;background:#fff;font-size:13.5px}\n"
    "th,td{padding:5px 10px;border-bottom:1px solid #e4e7eb;text-align:left;vertical-align:top}\n"
    "th{background:#eef1f4;font-weight:600;white-space:nowrap}\n"
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "table.summary{width:100%}\n"
    "table.summary tr:hover td{background:#f3f7fb}\n"
    "table.ctx th{background:none;color:#52606d;font-weight:500}\n"
    "a{color:#1f6fb2;text-decoration:none}a:hover{text-decoration:underline}\n"
    ".v{display:inline-block;padding:1px 7px;border-radius:9px;font-size:12px;white-space:nowrap}\n"
    ".v-improved{background:#d3f3dc;color:#116329}.v-regressed{background:#ffd8d6;color:#a11b12}\n"
    ".v-noise{background:#fff1c9;color:#7a5a00}.v-same{background:#e8ebee;color:#52606d}\n"
    ".up{color:#a11b12}.down{color:#116329}\n"
    ".note{background:#fff6dd;border:1px solid #f0d58c;padding:8px 12px;border-radius:4px;margin:14px 0}\n"
    ".warn{color:#8a4b00;font-size:12.5px}.err{color:#a11b12;font-size:12.5px}\n"
    "article{background:#fff;border:1px solid #e0e4e8;border-radius:6px;padding:14px 16px;"
    "margin:14px 0}\n"
    "article p.est{margin:0 0 8px;color:#3e4c59}\n"
    ".charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(540px,1fr));gap:12px}\n"
    ".charts.group{grid-template-columns:minmax(0,1040px)}\n"
    "figure{margin:0;background:#fff;border:1px solid #eceff2;border-radius:4px;padding:6px}\n"
    "figure img{width:100%;height:auto;display:block}\n"
    "figcaption{font-size:12.5px;color:#52606d;padding:2px 4px}\n"
    "footer{color:#7b8794;font-size:12px;margin-top:30px}\n";

#define ESC(f, s) cbench_plot_html_text((f), (s))

/* The headline estimate: typical, else mean, else median. */
static const cbench_estimate *headline(const cbench_result *r)
{
    if (isfinite(r->typical.point))
        return &r->typical;
    if (isfinite(r->mean.point))
        return &r->mean;
    return &r->median;
}

/* Writes ns in unit u with 3 significant digits (no unit name). */
static void time_in(FILE *f, double ns, cbench_plot_unit u)
{
    double v = ns / u.div, a = fabs(v);
    fprintf(f, "%.*f", a >= 100 ? 0 : a >= 10 ? 1 : 2, v);
}

/* "12.3 µs" and "[12.1, 12.6] µs" cells. */
static void estimate_cells(FILE *f, const cbench_estimate *e)
{
    if (!isfinite(e->point)) {
        fputs("<td class=num>n/a</td><td class=num></td>", f);
        return;
    }
    cbench_plot_unit u = cbench_plot_time_unit(e->point);
    fputs("<td class=num><b>", f);
    time_in(f, e->point, u);
    fprintf(f, " %s</b></td><td class=num>", u.name);
    if (isfinite(e->lower) && isfinite(e->upper)) {
        fputc('[', f);
        time_in(f, e->lower, u);
        fputs(", ", f);
        time_in(f, e->upper, u);
        fprintf(f, "] %s", u.name);
    }
    fputs("</td>", f);
}

static const char *verdict_class(cbench_verdict v)
{
    switch (v) {
    case CBENCH_VERDICT_IMPROVED: return "v-improved";
    case CBENCH_VERDICT_REGRESSED: return "v-regressed";
    case CBENCH_VERDICT_WITHIN_NOISE: return "v-noise";
    default: return "v-same";
    }
}

static void change_cells(FILE *f, const cbench_result *r)
{
    const cbench_estimate *c = &r->change.mean;
    if (!r->has_change || !isfinite(c->point)) {
        fputs("<td class=num></td><td></td>", f);
        return;
    }
    const char *dir = r->change.verdict == CBENCH_VERDICT_REGRESSED  ? " up"
                      : r->change.verdict == CBENCH_VERDICT_IMPROVED ? " down"
                                                                     : "";
    fprintf(f, "<td class=\"num%s\">%+.2f %%", dir, c->point * 100);
    if (isfinite(c->lower) && isfinite(c->upper))
        fprintf(f, " <small>[%+.2f, %+.2f]</small>", c->lower * 100, c->upper * 100);
    fprintf(f, "</td><td><span class=\"v %s\">%s</span>", verdict_class(r->change.verdict),
            cbench__verdict_name(r->change.verdict));
    if (isfinite(r->change.p_value))
        fprintf(f, " <small>p=%.3g</small>", r->change.p_value);
    fputs("</td>", f);
}

static void throughput_cell(FILE *f, const cbench_result *r)
{
    char buf[48];
    double t = headline(r)->point;
    fputs("<td class=num>", f);
    if (r->throughput != CBENCH_THROUGHPUT_NONE && t > 0 && r->throughput_per_iter > 0)
        fputs(cbench_plot_fmt_rate(buf, sizeof buf, r->throughput_per_iter / (t * 1e-9),
                                   r->throughput), f);
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
        fputs("reference", f);
    else if (isfinite(q->point)) {
        fprintf(f, "%.3g×", q->point);
        if (isfinite(q->lower) && isfinite(q->upper))
            fprintf(f, " <small>[%.3g, %.3g]</small>", q->lower, q->upper);
    }
    fputs("</td>", f);
}

static void counters_cell(FILE *f, const cbench_result *r)
{
    fputs("<td>", f);
    for (size_t i = 0; i < r->n_counters && i < CBENCH_MAX_COUNTERS; i++) {
        const cbench_counter_value *c = &r->counters[i];
        char name[sizeof c->name + 1];
        memcpy(name, c->name, sizeof c->name);
        name[sizeof c->name] = '\0';
        fputs(i ? "<br>" : "", f);
        ESC(f, name);
        fprintf(f, ": %.4g%s", c->per_iter, c->exact ? "" : "/it");
        if (isfinite(c->base_per_iter))
            fprintf(f, " <small>(base %.4g)</small>", c->base_per_iter);
    }
    fputs("</td>", f);
}

static void notes_cell(FILE *f, const cbench_result *r)
{
    fputs("<td>", f);
    if (r->error != NULL) {
        fputs(r->flags & CBENCH_RESULT_SKIPPED ? "<span class=warn>skipped: "
                                                : "<span class=err>failed: ", f);
        ESC(f, r->error);
        fputs("</span>", f);
    } else if (r->flags & CBENCH_RESULT_FAILED) {
        fputs("<span class=err>failed</span>", f);
    }
    if (r->warning != NULL) {
        fputs("<span class=warn>", f);
        ESC(f, r->warning);
        fputs("</span>", f);
    }
    fputs("</td>", f);
}

/* {=================================================================
 * Sections.
 * ================================================================== */

static void ctx_row(FILE *f, const char *k, const char *v)
{
    if (v == NULL || *v == '\0')
        return;
    fprintf(f, "<tr><th>%s</th><td>", k);
    ESC(f, v);
    fputs("</td></tr>\n", f);
}

static void context_section(FILE *f, const cbench_html_input *in)
{
    const cbench_context *c = &in->run->ctx;
    char buf[160];
    fputs("<h2 id=context>Context</h2>\n<table class=ctx>\n", f);
    ctx_row(f, "Date", c->date);
    ctx_row(f, "Host", c->host);
    ctx_row(f, "CPU", c->cpu);
    ctx_row(f, "Compiler", c->compiler);
    ctx_row(f, "Flags", c->flags);
    ctx_row(f, "Build type", c->build_type);
    ctx_row(f, "cbench", c->version);
    ctx_row(f, "Git commit", c->git_commit);
    ctx_row(f, "Mode", c->mode);
    snprintf(buf, sizeof buf, "%llu", (unsigned long long)c->seed);
    ctx_row(f, "Analysis seed", buf);
    if (isfinite(c->confidence_level)) {
        char th[32];
        snprintf(buf, sizeof buf, "%g %% confidence, %u resamples, noise threshold %s, "
                 "significance %g", c->confidence_level * 100, c->n_resamples,
                 cbench_plot_fmt_threshold(th, sizeof th, c->noise_threshold), c->significance);
        ctx_row(f, "Statistics", buf);
    }
    if (in->base != NULL) {
        snprintf(buf, sizeof buf, "%s%s%s", in->base->ctx.date ? in->base->ctx.date : "(undated)",
                 in->base->ctx.host ? " on " : "", in->base->ctx.host ? in->base->ctx.host : "");
        ctx_row(f, "Baseline", buf);
    }
    if (in->n_history > 0) {
        snprintf(buf, sizeof buf, "%zu saved run%s", in->n_history, in->n_history == 1 ? "" : "s");
        ctx_row(f, "History", buf);
    }
    ctx_row(f, "Environment", c->warnings);
    fputs("</table>\n", f);
}

static void summary_section(FILE *f, const cbench_run *run)
{
    fputs("<h2 id=summary>Summary</h2>\n<table class=summary>\n<thead><tr><th>Benchmark</th>"
          "<th class=num>Time per iteration</th><th class=num>CI</th><th class=num>Change</th>"
          "<th>Verdict</th><th class=num>Throughput</th><th class=num>vs reference</th><th>Counters</th><th>Notes</th></tr>"
          "</thead>\n<tbody>\n", f);
    for (size_t i = 0; i < run->n_results; i++) {
        const cbench_result *r = &run->results[i];
        fprintf(f, "<tr><td><a href=\"#b%zu\">", i);
        ESC(f, r->id);
        fputs("</a></td>", f);
        estimate_cells(f, headline(r));
        change_cells(f, r);
        throughput_cell(f, r);
        ratio_cell(f, r);
        counters_cell(f, r);
        notes_cell(f, r);
        fputs("</tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
}

static void figures(FILE *f, const cbench_html_input *in, const char *key, int is_group)
{
    const char *div = is_group ? "<div class=\"charts group\">\n" : "<div class=charts>\n";
    int open = 0;
    for (size_t i = 0; i < in->n_charts; i++) {
        const cbench_html_chart *c = &in->charts[i];
        if (c->is_group != is_group || key == NULL || strcmp(c->key, key) != 0)
            continue;
        if (!open++)
            fputs(div, f);
        fputs("<figure><a href=\"", f);
        ESC(f, c->file);
        fputs("\"><img loading=lazy src=\"", f);
        ESC(f, c->file);
        fputs("\" alt=\"", f);
        ESC(f, c->title);
        fputs("\"></a><figcaption>", f);
        ESC(f, c->title);
        fputs("</figcaption></figure>\n", f);
    }
    if (open)
        fputs("</div>\n", f);
}

static void benchmark_article(FILE *f, const cbench_html_input *in, size_t i)
{
    const cbench_result *r = &in->run->results[i];
    const cbench_estimate *e = headline(r);
    char a[48], b[48], c[48];
    fprintf(f, "<article id=b%zu><h3>", i);
    ESC(f, r->id);
    fprintf(f, "</h3><p class=est>%s per iteration", cbench_plot_fmt_time(a, sizeof a, e->point));
    if (isfinite(e->lower))
        fprintf(f, ", CI [%s, %s]", cbench_plot_fmt_time(b, sizeof b, e->lower),
                cbench_plot_fmt_time(c, sizeof c, e->upper));
    fprintf(f, " · %zu samples", r->n_samples);
    if (r->n_rounds > 0)
        fprintf(f, " in %zu processes", r->n_rounds);
    if (isfinite(r->r_squared))
        fprintf(f, " · R² %.4f", r->r_squared);
    const cbench_outliers *o = &r->outliers;
    unsigned n_out = o->low_severe + o->low_mild + o->high_mild + o->high_severe;
    if (n_out > 0)
        fprintf(f, " · %u outliers (%u mild, %u severe)", n_out, o->low_mild + o->high_mild,
                o->low_severe + o->high_severe);
    fputs("</p>\n", f);
    figures(f, in, r->id, 0);
    fputs("</article>\n", f);
}

/* Whether result i is the first of its group in the run. */
static int first_of_group(const cbench_run *run, size_t i)
{
    for (size_t j = 0; j < i; j++)
        if (strcmp(run->results[j].group ? run->results[j].group : "",
                   run->results[i].group ? run->results[i].group : "") == 0)
            return 0;
    return 1;
}

static void group_sections(FILE *f, const cbench_html_input *in)
{
    const cbench_run *run = in->run;
    for (size_t g = 0; g < run->n_results; g++) {
        if (!first_of_group(run, g))
            continue;
        const char *group = run->results[g].group ? run->results[g].group : "";
        fprintf(f, "<section><h2 id=g%zu>", g);
        ESC(f, *group ? group : "(no group)");
        fputs("</h2>\n", f);
        figures(f, in, group, 1);
        for (size_t i = g; i < run->n_results; i++)
            if (strcmp(run->results[i].group ? run->results[i].group : "", group) == 0)
                benchmark_article(f, in, i);
        fputs("</section>\n", f);
    }
}

static void document(FILE *f, const cbench_html_input *in)
{
    const cbench_context *c = &in->run->ctx;
    fprintf(f, "<!DOCTYPE html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\n"
               "<meta name=viewport content=\"width=device-width, initial-scale=1\">\n"
               "<title>cbench report</title>\n<style>\n%s</style>\n</head>\n<body>\n"
               "<header><h1>cbench report</h1><p>", css);
    ESC(f, c->date ? c->date : "undated run");
    if (c->host) {
        fputs(" · ", f);
        ESC(f, c->host);
    }
    fprintf(f, " · %zu benchmark%s%s</p></header>\n<main>\n", in->run->n_results,
            in->run->n_results == 1 ? "" : "s", in->base ? " · compared with a baseline" : "");
    if (in->note != NULL) {
        fputs("<p class=note>", f);
        ESC(f, in->note);
        fputs("</p>\n", f);
    }
    summary_section(f, in->run);
    group_sections(f, in);
    context_section(f, in);
    fputs("<footer>Generated by cbench " CBENCH_VERSION ". Charts drawn with gnuplot.</footer>\n"
          "</main>\n</body>\n</html>\n", f);
}

int cbench_report_html_write(const char *path, const cbench_html_input *in, char *err,
                             size_t errlen)
{
    if (path == NULL || in == NULL || in->run == NULL) {
        snprintf(err, errlen, "html report: no %s given", path == NULL ? "path" : "run");
        return CBENCH_EINVAL;
    }
    size_t len = strlen(path) + 16;
    char *tmp = malloc(len);
    if (tmp == NULL) {
        snprintf(err, errlen, "out of memory writing %s", path);
        return CBENCH_ENOMEM;
    }
    snprintf(tmp, len, "%s.tmp%ld", path, (long)getpid() % 100000);
    FILE *f = fopen(tmp, "w");
    int rc = 0;
    if (f == NULL) {
        snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
        rc = CBENCH_EIO;
    } else {
        document(f, in);
        int bad = ferror(f) | (fflush(f) != 0) | (fsync(fileno(f)) != 0);
        int e = errno;
        bad |= fclose(f) != 0;
        if (bad || rename(tmp, path) != 0) {
            snprintf(err, errlen, "cannot write %s: %s", path, strerror(bad ? e : errno));
            unlink(tmp);
            rc = CBENCH_EIO;
        }
    }
    free(tmp);
    return rc;
}
