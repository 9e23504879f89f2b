/* SPDX-License-Identifier: MIT
 *
 * html.c - the self-contained index.html report (see html.h).
 *
 * Layout: header, the list of sections (when and by what each was
 * measured), the legend of the summary's tags, then per section: its
 * summary (html_summary.c), its groups (the group's charts, then each
 * benchmark's numbers, warnings and charts) and its context. Nothing but
 * inline CSS.
 */
#include "report/html.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/units.h"
#include "report/scaling.h"
#include "store/store.h"

static const char css[] =
    "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;"
    "color:#222;background:#f6f7f9;margin:0}\n"
    "main{max-width:1280px;margin:0 auto;padding:8px 24px 40px}\n"
    "header{background:#1f2933;color:#fff;padding:18px 24px}\n"
    "header h1{margin:0;font-size:22px;font-weight:600}\n"
    "header p{margin:4px 0 0;color:#cbd2d9;font-size:13px}\n"
    "h2{font-size:19px;margin:28px 0 10px;border-bottom:2px solid #d9dee4;padding-bottom:4px}\n"
    "h3{font-size:17px;margin:22px 0 8px;color:#323f4b}\n"
    "h4{font-size:15px;margin:0 0 6px;word-break:break-all}\n"
    "section{margin-top:34px}\n"
    "p.meta{margin:-4px 0 12px;color:#52606d;font-size:13.5px}\n"
    "code{font:12.5px ui-monospace,SFMono-Regular,Menlo,monospace;background:#eef1f4;"
    "padding:0 4px;border-radius:3px}\n"
    "table{border-collapse:collapse;background:#fff;font-size:13.5px}\n"
    "th,td{padding:5px 10px;border-bottom:1px solid #e4e7eb;text-align:left;vertical-align:top}\n"
    "th{background:#eef1f4;font-weight:600;white-space:nowrap}\n"
    "td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    "table.summary,table.sections{width:100%;margin:6px 0 10px}\n"
    "tr.grp th{background:#f6f7f9;color:#323f4b;font-size:13px;padding-top:9px}\n"
    "td.ci{color:#616e7c}td.notes{white-space:normal}\n"
    "td.counters{font-size:12.5px;color:#3e4c59}\n"
    ".ctr{white-space:nowrap;margin-right:6px}.uctr,.nw{white-space:nowrap}\n"
    ".tag{display:inline-block;padding:0 7px;margin:1px 2px 1px 0;border-radius:9px;"
    "font-size:12px;white-space:nowrap;background:#e8ebee;color:#3e4c59}\n"
    ".tag.w{background:#fff1c9;color:#7a5a00}.tag.bad{background:#ffd8d6;color:#a11b12}\n"
    "dl.legend{background:#fff;border:1px solid #e0e4e8;border-radius:6px;padding:8px 14px;"
    "margin:12px 0;font-size:13px;columns:2 420px}\n"
    "dl.legend dt{font-weight:600;margin-bottom:2px}dl.legend dd{margin:2px 0;break-inside:avoid}\n"
    "dl.legend dd.more{color:#616e7c}\n"
    "figure.summary{margin:6px 0 10px;max-width:1040px}\n"
    "details.ctx{margin:12px 0}details.ctx summary{cursor:pointer;color:#52606d}\n"
    "table.summary tr:hover td{background:#f3f7fb}\n"
    "table.ctx th{background:none;color:#52606d;font-weight:500}\n"
    "a{color:#1f6fb2;text-decoration:none}a:hover{text-decoration:underline}\n"
    ".v{display:inline-block;padding:1px 7px;border-radius:9px;font-size:12px;white-space:nowrap}\n"
    ".v-improved{background:#d3f3dc;color:#116329}.v-regressed{background:#ffd8d6;color:#a11b12}\n"
    ".v-noise{background:#fff1c9;color:#7a5a00}.v-same{background:#e8ebee;color:#52606d}\n"
    ".up{color:#a11b12}.down{color:#116329}\n"
    ".note{background:#fff6dd;border:1px solid #f0d58c;padding:8px 12px;border-radius:4px;margin:14px 0}\n"
    "p.warn{color:#6b4a00;font-size:13px;background:#fffaeb;border-left:3px solid #f0c75e;"
    "padding:6px 10px;margin:6px 0 10px}\n"
    "article{background:#fff;border:1px solid #e0e4e8;border-radius:6px;padding:14px 16px;"
    "margin:14px 0}\n"
    "article p.est{margin:0 0 8px;color:#3e4c59}\n"
    "p.scaling{margin:4px 0 10px;color:#3e4c59}\n"
    ".charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(540px,1fr));gap:12px}\n"
    ".charts.group{grid-template-columns:minmax(0,1040px)}\n"
    "figure{margin:0;background:#fff;border:1px solid #eceff2;border-radius:4px;padding:6px}\n"
    "figure img{width:100%;height:auto;display:block}\n"
    "figcaption{font-size:12.5px;color:#52606d;padding:2px 4px}\n"
    "footer{color:#7b8794;font-size:12px;margin-top:30px}\n";

#define ESC(f, s) cbench_plot_html_text((f), (s))

const cbench_estimate *cbench_html_headline(const cbench_result *r)
{
    if (isfinite(r->typical.point))
        return &r->typical;
    if (isfinite(r->mean.point))
        return &r->mean;
    return &r->median;
}

void cbench_html_anchor(FILE *f, size_t k, size_t i)
{
    fprintf(f, "s%zu-b%zu", k, i);
}

/* An ISO 8601 date as "2026-12-03 13:57 UTC" (as given when it is not). */
static void date_text(FILE *f, const char *d)
{
    if (d == NULL || *d == '\0')
        fputs("an unknown time", f);
    else if (strlen(d) >= 16 && d[10] == 'T' && d[strlen(d) - 1] == 'Z') {
        fprintf(f, "%.10s %.5s UTC", d, d + 11);
    } else
        ESC(f, d);
}

/* {=================================================================
 * Context.
 * ================================================================== */

static void ctx_row(FILE *f, const char *k, const char *v)
{
    if (v == NULL || *v == '\0')
        return;
    fprintf(f, "<tr><th>%s</th><td>", k);
    ESC(f, v);
    fputs("</td></tr>\n", f);
}

static void context_table(FILE *f, const cbench_html_section *s)
{
    const cbench_context *c = &s->run->ctx;
    char buf[200];
    fputs("<details class=ctx><summary>Context</summary><table class=ctx>\n", f);
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
    if (s->base_name != NULL) {
        snprintf(buf, sizeof buf, "'%s' of %s%s%s", s->base_name,
                 s->base_date ? s->base_date : "(undated)", s->base_host ? " on " : "",
                 s->base_host ? s->base_host : "");
        ctx_row(f, "Baseline", buf);
    }
    if (s->n_history > 0) {
        snprintf(buf, sizeof buf, "%zu saved run%s", s->n_history, s->n_history == 1 ? "" : "s");
        ctx_row(f, "History", buf);
    }
    ctx_row(f, "Environment", c->warnings);
    fputs("</table></details>\n", f);
}

/* {=================================================================
 * Groups and benchmarks.
 * ================================================================== */

static void figures(FILE *f, const cbench_html_section *s, const char *key, int is_group)
{
    const char *div = is_group ? "<div class=\"charts group\">\n" : "<div class=charts>\n";
    int open = 0;
    for (size_t i = 0; i < s->n_charts; i++) {
        const cbench_html_chart *c = &s->charts[i];
        if (c->is_group != is_group || key == NULL || c->key == NULL || strcmp(c->key, key))
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

static void estimate_line(FILE *f, const cbench_result *r)
{
    const cbench_estimate *e = cbench_html_headline(r);
    char a[48], b[48], c[48];
    fprintf(f, "<p class=est>%s per iteration", cbench_plot_fmt_time(a, sizeof a, e->point));
    if (isfinite(e->lower))
        fprintf(f, ", CI [%s, %s]", cbench_plot_fmt_time(b, sizeof b, e->lower),
                cbench_plot_fmt_time(c, sizeof c, e->upper));
    fprintf(f, " · %zu samples", r->n_samples);
    if (r->n_rounds > 0)
        fprintf(f, " in %zu processes", r->n_rounds);
    if (r->rounds_set_aside > 0)
        fprintf(f, " (%zu set aside: slow core)", r->rounds_set_aside);
    if (isfinite(r->r_squared))
        fprintf(f, " · R² %.4f", r->r_squared);
    const cbench_outliers *o = &r->outliers;
    unsigned n_out = o->low_severe + o->low_mild + o->high_mild + o->high_severe;
    if (n_out > 0)
        fprintf(f, " · %u outliers (%u mild, %u severe)", n_out, o->low_mild + o->high_mild,
                o->low_severe + o->high_severe);
    fputs("</p>\n", f);
    if (r->n_counters > 0) {
        fputs("<p class=est>Counters: ", f);
        cbench_html_counters(f, r, 1);
        fputs("</p>\n", f);
    }
    if (r->n_user_counters > 0) {
        fputs("<p class=est>User counters: ", f);
        cbench_html_user_counters(f, r, 0);
        fputs("</p>\n", f);
    }
}

static void benchmark_article(FILE *f, const cbench_html_section *s, size_t k, size_t i)
{
    const cbench_result *r = &s->run->results[i];
    fputs("<article id=", f);
    cbench_html_anchor(f, k, i);
    fputs("><h4>", f);
    ESC(f, r->id);
    fputs("</h4>", f);
    estimate_line(f, r);
    if (r->error != NULL || r->warning != NULL) {
        fputs("<p class=warn>", f);
        cbench_html_tags(f, r);
        if (r->error != NULL) {
            ESC(f, r->error);
            fputs(r->warning ? " " : "", f);
        }
        if (r->warning != NULL)
            ESC(f, r->warning);
        fputs("</p>\n", f);
    }
    figures(f, s, r->id, 0);
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

static void groups(FILE *f, const cbench_html_section *s, size_t k)
{
    const cbench_run *run = s->run;
    cbench_scalings sweeps;           /* each group's complexity and knees */
    (void)cbench_scaling_fit(run, NULL, &sweeps);
    for (size_t g = 0; g < run->n_results; g++) {
        if (!first_of_group(run, g))
            continue;
        const char *group = run->results[g].group ? run->results[g].group : "";
        fputs("<h3>", f);
        ESC(f, *group ? group : "(no group)");
        fputs("</h3>\n", f);
        figures(f, s, group, 1);
        cbench_html_scaling(f, &sweeps, group);
        for (size_t i = g; i < run->n_results; i++)
            if (strcmp(run->results[i].group ? run->results[i].group : "", group) == 0)
                benchmark_article(f, s, k, i);
    }
    cbench_scaling_free(&sweeps);
}

/* {=================================================================
 * Sections.
 * ================================================================== */

static size_t warned(const cbench_run *run)
{
    size_t n = 0;
    for (size_t i = 0; i < run->n_results; i++)
        n += run->results[i].warning != NULL || run->results[i].error != NULL;
    return n;
}

static int compared(const cbench_run *run)
{
    for (size_t i = 0; i < run->n_results; i++)
        if (run->results[i].has_change)
            return 1;
    return 0;
}

/* "measured 2026-12-03 13:57 UTC by build/benches/engine on host". */
static void measured(FILE *f, const cbench_html_section *s)
{
    fputs("measured ", f);
    date_text(f, s->run->ctx.date);
    fputs(" by <code>", f);
    ESC(f, s->source ? s->source : s->name);
    fputs("</code>", f);
    if (s->run->ctx.host) {
        fputs(" on ", f);
        ESC(f, s->run->ctx.host);
    }
}

static void sections_list(FILE *f, const cbench_html_input *in)
{
    fputs("<table class=sections><thead><tr><th>Section</th><th>Measured</th>"
          "<th class=num>Benchmarks</th><th class=num>With warnings</th>"
          "<th>Compared with</th></tr></thead><tbody>\n", f);
    for (size_t k = 0; k < in->n_sections; k++) {
        const cbench_html_section *s = &in->sections[k];
        fprintf(f, "<tr><td><a href=\"#s%zu\">", k);
        ESC(f, s->name);
        fputs("</a></td><td>", f);
        measured(f, s);
        fprintf(f, "</td><td class=num>%zu</td><td class=num>", s->run->n_results);
        size_t w = warned(s->run);
        if (w > 0)
            fprintf(f, "%zu", w);
        fputs("</td><td>", f);
        if (s->base_name != NULL && compared(s->run)) {
            fputs("baseline '", f);
            ESC(f, s->base_name);
            fputs("'", f);
        }
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody></table>\n", f);
}

static void section(FILE *f, const cbench_html_section *s, size_t k, int own_scope)
{
    fprintf(f, "<section id=s%zu><h2>", k);
    ESC(f, s->name);
    fputs("</h2>\n<p class=meta>", f);
    measured(f, s);
    fprintf(f, " · %zu benchmark%s", s->run->n_results, s->run->n_results == 1 ? "" : "s");
    if (s->base_name != NULL && compared(s->run)) {
        fputs(" · compared with baseline '", f);
        ESC(f, s->base_name);
        fputs("' of ", f);
        date_text(f, s->base_date);
    }
    fputs("</p>\n", f);
    const char *notes[] = {own_scope ? s->scope : NULL, s->note};
    for (size_t i = 0; i < 2; i++)
        if (notes[i] != NULL) {
            fputs("<p class=note>", f);
            ESC(f, notes[i]);
            fputs("</p>\n", f);
        }
    cbench_html_summary(f, s, k);
    groups(f, s, k);
    context_table(f, s);
    fputs("</section>\n", f);
}

static int same_text(const char *a, const char *b)
{
    return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* The kind of run every section shares (NULL: full runs, or mixed). */
static const char *shared_scope(const cbench_html_input *in)
{
    for (size_t k = 1; k < in->n_sections; k++)
        if (!same_text(in->sections[k].scope, in->sections[0].scope))
            return NULL;
    return in->sections[0].scope;
}

static void page_header(FILE *f, const cbench_html_input *in)
{
    size_t n = 0, with_base = 0;
    const char *host = in->sections[0].run->ctx.host;
    for (size_t k = 0; k < in->n_sections; k++) {
        const cbench_run *run = in->sections[k].run;
        n += run->n_results;
        with_base += compared(run);
        const char *h = run->ctx.host;
        if (host != NULL && (h == NULL || strcmp(h, host) != 0))
            host = NULL;
    }
    fputs("<header><h1>cbench report</h1><p>", f);
    date_text(f, in->sections[0].run->ctx.date);
    if (host) {
        fputs(" · ", f);
        ESC(f, host);
    }
    fprintf(f, " · %zu benchmark%s in %zu section%s%s</p></header>\n", n, n == 1 ? "" : "s",
            in->n_sections, in->n_sections == 1 ? "" : "s",
            with_base ? " · compared with a baseline" : "");
}

static void document(FILE *f, const cbench_html_input *in)
{
    fprintf(f, "<!DOCTYPE html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\n"
               "<meta name=viewport content=\"width=device-width, initial-scale=1\">\n"
               "<title>cbench report</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
    page_header(f, in);
    fputs("<main>\n", f);
    const char *scope = shared_scope(in);
    if (scope != NULL) {
        fputs("<p class=\"note scope\">", f);
        ESC(f, scope);
        fputs("</p>\n", f);
    }
    if (in->n_sections > 1)
        sections_list(f, in);
    cbench_html_legend(f, in);
    for (size_t k = 0; k < in->n_sections; k++)
        section(f, &in->sections[k], k, scope == NULL);
    fputs("<footer>Generated by cbench " CBENCH_VERSION ". Charts drawn with gnuplot.</footer>\n"
          "</main>\n</body>\n</html>\n", f);
}

int cbench_report_html_write(const char *path, const cbench_html_input *in, char *err,
                             size_t errlen)
{
    if (path == NULL || in == NULL || in->n_sections == 0 || in->sections == NULL)
        return cbench__fail(err, errlen, CBENCH_EINVAL, "html report: no %s given",
                            path == NULL ? "path" : "section");
    for (size_t k = 0; k < in->n_sections; k++)
        if (in->sections[k].run == NULL || in->sections[k].name == NULL)
            return cbench__fail(err, errlen, CBENCH_EINVAL, "html report: section %zu has no "
                                "%s", k, in->sections[k].run ? "name" : "run");
    char *page = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&page, &len);
    if (f == NULL)
        return cbench__fail(err, errlen, CBENCH_ENOMEM, "out of memory writing %s", path);
    document(f, in);
    int bad = ferror(f);
    if (fclose(f) != 0 || bad) {
        free(page);
        return cbench__fail(err, errlen, CBENCH_ENOMEM, "out of memory writing %s", path);
    }
    int rc = cbench_store_write_atomic(path, page, len, err, errlen);
    free(page);
    return rc;
}
