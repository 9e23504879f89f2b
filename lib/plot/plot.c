/* SPDX-License-Identifier: MIT
 *
 * plot.c - draws every chart of a run in one gnuplot batch (see draw.h).
 */
#include "plot/draw.h"

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "plot/charts.h"
#include "plot/gnuplot.h"
#include "plot/plot.h"
#include "plot/sections.h"
#include "report/units.h"
#include "stats/scaling.h"

#define NAME_MAX_LEN 96

/* Everything one report needs while it is being drawn. */
typedef struct plot_job {
    const cbench_plot_draw_in *in;
    const cbench_run *run, *base;
    const cbench_run *const *history;
    size_t n_history;
    char **base_names;             /* per result, unique file base */
    const char **colours;          /* per result, by benchmark name */
    cbench_html_chart *charts;
    size_t n_charts, cap_charts;
    char **owned;                  /* strings the charts point to */
    size_t n_owned, cap_owned;
    const char *summary;           /* the summary chart's file */
    const char **sent;             /* the charts' files in the order gnuplot got them */
    size_t n_sent, cap_sent;
    cbench_gp *gp;
    char *err;
    size_t errlen;
    cbench_scalings sweeps;        /* the run's knees, drawn on its lines */
} plot_job;

int cbench_plot_parse_mode(const char *s, cbench_charts_mode *mode)
{
    static const char *names[] = {"auto", "always", "never"};
    for (int i = 0; i < 3; i++)
        if (s != NULL && strcmp(s, names[i]) == 0) {
            *mode = (cbench_charts_mode)i;
            return 0;
        }
    return CBENCH_EINVAL;
}

/* {=================================================================
 * Names, colours and directories.
 * ================================================================== */

static int keep(plot_job *j, char *s)
{
    if (s == NULL)
        return CBENCH_ENOMEM;
    if (j->n_owned == j->cap_owned) {
        size_t cap = j->cap_owned ? 2 * j->cap_owned : 64;
        char **p = realloc(j->owned, cap * sizeof *p);
        if (p == NULL) {
            free(s);
            return CBENCH_ENOMEM;
        }
        j->owned = p;
        j->cap_owned = cap;
    }
    j->owned[j->n_owned++] = s;
    return 0;
}

/* Whether 'name' is already among the first n bases (ignoring case, for
 * file systems that do). */
static int name_taken(char *const *names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (names[i] != NULL && strcasecmp(names[i], name) == 0)
            return 1;
    return 0;
}

/* A unique file base for s among the n names taken so far (malloc'ed). */
static char *unique_name(char *const *taken, size_t n, const char *prefix, const char *s)
{
    char safe[NAME_MAX_LEN], full[NAME_MAX_LEN + 24];
    cbench_plot_safe_name(safe, sizeof safe, s);
    snprintf(full, sizeof full, "%s%s", prefix, safe);
    for (unsigned k = 2; name_taken(taken, n, full); k++)
        snprintf(full, sizeof full, "%s%s-%u", prefix, safe, k);
    return strdup(full);
}

/* Colour slots: each distinct benchmark name starts at its hash slot and
 * probes to the next free one, in order of first appearance, so that
 * names in one report never share a colour while there are enough. */
static int assign_colours(plot_job *j)
{
    size_t n = j->run->n_results, used = 0;
    j->colours = calloc(n ? n : 1, sizeof *j->colours);
    if (j->colours == NULL)
        return CBENCH_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const char *name = j->run->results[i].name ? j->run->results[i].name : "";
        for (size_t k = 0; k < i && j->colours[i] == NULL; k++)
            if (strcmp(j->run->results[k].name ? j->run->results[k].name : "", name) == 0)
                j->colours[i] = j->colours[k];
        if (j->colours[i] != NULL)
            continue;
        size_t slot = cbench_plot_hash(name) % CBENCH_PLOT_PALETTE;
        for (size_t tries = 0; used < CBENCH_PLOT_PALETTE && tries < CBENCH_PLOT_PALETTE; tries++) {
            int taken = 0;
            for (size_t k = 0; k < i; k++)
                taken |= j->colours[k] == cbench_plot_colour(slot);
            if (!taken)
                break;
            slot = (slot + 1) % CBENCH_PLOT_PALETTE;
        }
        j->colours[i] = cbench_plot_colour(slot);
        used++;
    }
    return 0;
}

static int assign_names(plot_job *j)
{
    size_t n = j->run->n_results;
    j->base_names = calloc(n ? n : 1, sizeof *j->base_names);
    if (j->base_names == NULL)
        return CBENCH_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const char *id = j->run->results[i].id ? j->run->results[i].id : "bench";
        j->base_names[i] = unique_name(j->base_names, i, "", id);
        if (j->base_names[i] == NULL)
            return CBENCH_ENOMEM;
    }
    return 0;
}

/* Whether a file name is one of ours: <base>-<kind>.<svg|png>. */
static int is_chart_file(const char *name)
{
    static const char *kinds[] = {"pdf", "regression", "both", "change", "history",
                                  "violin", "lines", "throughput", "summary"};
    const char *dash = strrchr(name, '-'), *dot = strrchr(name, '.');
    if (dash == NULL || dot == NULL || dot < dash || name[0] == '.'
        || (strcmp(dot, ".svg") != 0 && strcmp(dot, ".png") != 0))
        return 0;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if ((size_t)(dot - dash - 1) == strlen(kinds[i])
            && strncmp(dash + 1, kinds[i], strlen(kinds[i])) == 0)
            return 1;
    return 0;
}

void cbench_plot_remove_charts(const char *dir)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!is_chart_file(e->d_name))
            continue;
        size_t n = strlen(dir) + strlen(e->d_name) + 2;
        char *p = malloc(n);
        if (p != NULL) {
            snprintf(p, n, "%s/%s", dir, e->d_name);
            unlink(p);
            free(p);
        }
    }
    closedir(d);
}

/* {=================================================================
 * Drawing.
 * ================================================================== */

static int add_chart(plot_job *j, const char *key, int is_group, const char *title,
                     const char *file)
{
    if (j->n_charts == j->cap_charts) {
        size_t cap = j->cap_charts ? 2 * j->cap_charts : 64;
        cbench_html_chart *c = realloc(j->charts, cap * sizeof *c);
        if (c == NULL)
            return CBENCH_ENOMEM;
        j->charts = c;
        j->cap_charts = cap;
    }
    j->charts[j->n_charts++] = (cbench_html_chart){key, is_group, title, file};
    return 0;
}

static int note_sent(plot_job *j, const char *rel)
{
    if (j->n_sent == j->cap_sent) {
        size_t cap = j->cap_sent ? 2 * j->cap_sent : 64;
        const char **p = realloc(j->sent, cap * sizeof *p);
        if (p == NULL)
            return CBENCH_ENOMEM;
        j->sent = p;
        j->cap_sent = cap;
    }
    j->sent[j->n_sent++] = rel;
    return 0;
}

/* After gnuplot failed or was stopped: the charts it did not finish
 * leave the page and their (partial) files are removed, so the report
 * shows what was drawn and no broken image. */
static void drop_undrawn(plot_job *j, size_t done)
{
    for (size_t i = done; i < j->n_sent; i++) {
        char *path = cbench_plot_join(j->in->dir, j->sent[i]);
        if (path != NULL)
            unlink(path);
        free(path);
        if (j->summary == j->sent[i])
            j->summary = NULL;
        size_t k = 0;
        for (size_t c = 0; c < j->n_charts; c++)
            if (j->charts[c].file != j->sent[i])
                j->charts[k++] = j->charts[c];
        j->n_charts = k;
    }
}

/* Chart generator: writes one script to f for 'path'. */
typedef int (*chart_fn)(FILE *f, const cbench_plot_target *t, plot_job *j, const void *arg);

/* Renders one chart: builds its script, sends it to gnuplot and records
 * it for the report. A chart the data cannot make is silently skipped. */
static int draw(plot_job *j, const char *key, int is_group, const char *base, const char *kind,
                const char *title, chart_fn fn, const void *arg)
{
    size_t rlen = strlen(j->in->charts) + strlen(base) + strlen(kind) + 8;
    size_t plen = strlen(j->in->dir) + rlen + 2;
    char *rel = malloc(rlen), *path = malloc(plen), *script = NULL;
    size_t len = 0;
    if (rel == NULL || path == NULL) {
        free(rel);
        free(path);
        return CBENCH_ENOMEM;
    }
    snprintf(rel, rlen, "%s/%s-%s.%s", j->in->charts, base, kind, j->in->png ? "png" : "svg");
    snprintf(path, plen, "%s/%s", j->in->dir, rel);
    FILE *f = open_memstream(&script, &len);
    int rc = f ? fn(f, &(cbench_plot_target){path, j->in->png}, j, arg) : CBENCH_ENOMEM;
    if (f != NULL && fclose(f) != 0 && rc == 0)
        rc = CBENCH_ENOMEM;
    if (rc == 0)
        rc = cbench_plot_gp_send(j->gp, rel, script, len);
    free(script);
    free(path);
    if (rc != 0) {
        free(rel);
        return rc == CBENCH_EDOMAIN ? 0 : rc;
    }
    rc = keep(j, rel);
    if (rc == 0)
        rc = note_sent(j, rel);
    if (rc == 0 && key == NULL)
        j->summary = rel;                 /* the summary chart: not in the list */
    else if (rc == 0)
        rc = add_chart(j, key, is_group, title, j->owned[j->n_owned - 1]);
    return rc;
}

static size_t result_index(const plot_job *j, const cbench_result *r)
{
    return (size_t)(r - j->run->results);
}

static int chart_pdf(FILE *f, const cbench_plot_target *t, plot_job *j, const void *arg)
{
    const cbench_result *r = arg;
    return cbench_plot_chart_pdf(f, t, r, j->colours[result_index(j, r)]);
}

static int chart_regression(FILE *f, const cbench_plot_target *t, plot_job *j, const void *arg)
{
    const cbench_result *r = arg;
    return cbench_plot_chart_regression(f, t, r, j->colours[result_index(j, r)]);
}

static int chart_both(FILE *f, const cbench_plot_target *t, plot_job *j, const void *arg)
{
    const cbench_result *r = arg;
    const cbench_result *b = cbench__run_find(j->base, r->id);
    return cbench_plot_chart_both_pdf(f, t, r, b, j->colours[result_index(j, r)]);
}

static int chart_change(FILE *f, const cbench_plot_target *t, plot_job *j, const void *arg)
{
    const cbench_result *r = arg;
    double run_noise = j->run->ctx.noise_threshold;
    double noise = isfinite(r->change.noise_threshold) ? r->change.noise_threshold : run_noise;
    int widened = isfinite(run_noise) && noise > run_noise * (1 + 1e-9);
    return cbench_plot_chart_change(f, t, r, noise > 0 ? noise : NAN, widened,
                                    j->colours[result_index(j, r)]);
}

/* A short label for a run: its date as "YYYY-MM-DD HH:MM", or "run N". */
static void run_label(char *buf, size_t n, const cbench_run *run, size_t index)
{
    const char *d = run->ctx.date;
    if (d != NULL && strlen(d) >= 16)
        snprintf(buf, n, "%.10s %.5s", d, d + 11);
    else if (d != NULL && *d)
        snprintf(buf, n, "%s", d);
    else
        snprintf(buf, n, "run %zu", index + 1);
}

int cbench_plot_same_run(const cbench_run *h, const cbench_run *run)
{
    if (h == run)
        return 1;
    const cbench_context *a = &h->ctx, *b = &run->ctx;
    return a->date != NULL && b->date != NULL && strcmp(a->date, b->date) == 0
           && a->seed == b->seed          /* two runs can start in one second */
           && (a->host == NULL) == (b->host == NULL)
           && (a->host == NULL || strcmp(a->host, b->host) == 0);
}

static int chart_history(FILE *f, const cbench_plot_target *t, plot_job *j, const void *arg)
{
    const cbench_result *r = arg;
    cbench_plot_hpoint *p = calloc(j->n_history + 1, sizeof *p);
    char (*labels)[40] = calloc(j->n_history + 1, sizeof *labels);
    size_t n = 0;
    int rc = CBENCH_ENOMEM;
    if (p != NULL && labels != NULL) {
        for (size_t h = 0; h <= j->n_history; h++) {
            const cbench_run *run = h < j->n_history ? j->history[h] : j->run;
            if (h < j->n_history && cbench_plot_same_run(run, j->run))
                continue;                 /* this run, already saved */
            const cbench_result *hr = run ? cbench__run_find(run, r->id) : NULL;
            if (hr == NULL || !isfinite(cbench_html_headline(hr)->point))
                continue;
            run_label(labels[n], sizeof labels[n], run, h);
            p[n] = (cbench_plot_hpoint){labels[n], *cbench_html_headline(hr)};
            n++;
        }
        rc = cbench_plot_chart_history(f, t, r->id, p, n, j->colours[result_index(j, r)]);
    }
    free(p);
    free(labels);
    return rc;
}

static int draw_benchmark(plot_job *j, const cbench_result *r)
{
    const char *base = j->base_names[result_index(j, r)];
    int rc = draw(j, r->id, 0, base, "pdf", "Density of the time per iteration", chart_pdf, r);
    if (rc == 0)
        rc = draw(j, r->id, 0, base, "regression", "Time vs iterations (regression)",
                  chart_regression, r);
    if (rc == 0 && j->base != NULL && cbench__run_find(j->base, r->id) != NULL)
        rc = draw(j, r->id, 0, base, "both", "Density: base vs new", chart_both, r);
    if (rc == 0 && r->has_change)
        rc = draw(j, r->id, 0, base, "change", "Change vs base, as the verdict tests it",
                  chart_change, r);
    if (rc == 0 && j->n_history > 0)
        rc = draw(j, r->id, 0, base, "history", "History across saved runs", chart_history, r);
    return rc;
}

/* {=================================================================
 * Group charts.
 * ================================================================== */

typedef struct group_ref {
    const char *name;
    const cbench_result **rs;      /* members in run order */
    size_t n;
} group_ref;

static int same_group(const cbench_result *r, const char *g)
{
    return strcmp(r->group ? r->group : "", g) == 0;
}

static int chart_violin(FILE *f, const cbench_plot_target *t, plot_job *j, const void *arg)
{
    const group_ref *g = arg;
    const char **labels = calloc(g->n, sizeof *labels);
    const char **colours = calloc(g->n, sizeof *colours);
    int rc = CBENCH_ENOMEM;
    if (labels != NULL && colours != NULL) {
        for (size_t i = 0; i < g->n; i++) {
            labels[i] = cbench_plot_short_label(g->rs[i]);
            colours[i] = j->colours[result_index(j, g->rs[i])];
        }
        rc = cbench_plot_chart_violin(f, t, g->name, g->rs, labels, colours, g->n);
    }
    free(labels);
    free(colours);
    return rc;
}

/* Value of r for a parameter chart: its time (kind NONE) or its rate. */
static cbench_estimate line_value(const cbench_result *r, cbench_throughput_kind kind)
{
    cbench_estimate e = *cbench_html_headline(r);
    if (kind == CBENCH_THROUGHPUT_NONE)
        return e;
    double q = r->throughput_per_iter * 1e9;
    return (cbench_estimate){q / e.point, q / e.upper, q / e.lower, NAN, e.level};
}

/* Whether r belongs on a parameter chart of this kind. */
static int on_line_chart(const cbench_result *r, cbench_throughput_kind kind)
{
    if (!r->has_param || !isfinite(cbench_html_headline(r)->point) || cbench_html_headline(r)->point <= 0)
        return 0;
    return kind == CBENCH_THROUGHPUT_NONE
           || (r->throughput == kind && r->throughput_per_iter > 0);
}

typedef struct line_set {
    cbench_plot_line *lines;
    double *xs;
    cbench_estimate *ys;
    char **titles;
    size_t n;
} line_set;

static void line_set_free(line_set *s)
{
    for (size_t i = 0; s->titles && i < s->n; i++)
        free(s->titles[i]);
    free(s->titles);
    free(s->lines);
    free(s->xs);
    free(s->ys);
}

/* Adds the line of benchmark 'name' from 'run' (current or base). */
static void add_line(line_set *s, const plot_job *j, const group_ref *g, const char *name,
                     unsigned threads, const cbench_run *run, cbench_throughput_kind kind,
                     const char *colour, size_t *used)
{
    cbench_plot_line *l = &s->lines[s->n];
    *l = (cbench_plot_line){NULL, colour, run != j->run, 0, s->xs + *used, s->ys + *used};
    for (size_t i = 0; i < g->n; i++) {
        const cbench_result *r = g->rs[i];
        if (strcmp(r->name ? r->name : "", name) != 0 || r->threads.count != threads)
            continue;
        const cbench_result *v = run == j->run ? r : cbench__run_find(run, r->id);
        if (v == NULL || !on_line_chart(v, kind))
            continue;
        s->xs[*used + l->n] = (double)v->param_value;
        s->ys[*used + l->n] = line_value(v, kind);
        l->n++;
    }
    if (l->n == 0)
        return;
    char tail[32] = "";
    if (threads > 0)
        snprintf(tail, sizeof tail, " threads=%u", threads);
    size_t len = strlen(name) + strlen(tail) + sizeof CBENCH_PLOT_T_BASE_SUFFIX;
    s->titles[s->n] = malloc(len);
    if (s->titles[s->n] != NULL)
        snprintf(s->titles[s->n], len, "%s%s%s", name, tail,
                 l->dashed ? CBENCH_PLOT_T_BASE_SUFFIX : "");
    l->title = s->titles[s->n] ? s->titles[s->n] : name;
    *used += l->n;
    s->n++;
}

/* The knees of the run's own lines (not the baseline's) as bands, one per
 * size range: lines that step up between the same two sizes (the usual
 * case: every kernel leaves a cache at the same size) share one grey band
 * labelled with the range of their factors; a lone line's band takes its
 * colour. Labels go in labels[] (each 48 bytes). Returns how many. */
typedef struct knee_range {
    double lo, hi, fmin, fmax;
    const char *cache, *colour;
    int near;
} knee_range;

static size_t knee_ranges(const plot_job *j, const line_set *s, const group_ref *g,
                          knee_range *v, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < s->n; i++) {
        if (s->lines[i].dashed)
            continue;
        const char *name = s->titles[i] ? s->titles[i] : s->lines[i].title;
        const cbench_scaling *sc = cbench_scaling_find(&j->sweeps, g->name, name);
        for (size_t k = 0; sc != NULL && sc->knees_rc == 0 && k < sc->knees.n_knees; k++) {
            const cbench_knee *kn = &sc->knees.knees[k];
            size_t r = 0;
            while (r < n && !(v[r].lo == kn->n_lo && v[r].hi == kn->n_hi))
                r++;
            if (r == n && n == cap)
                continue;
            if (r == n) {
                v[n++] = (knee_range){kn->n_lo, kn->n_hi, kn->factor.point, kn->factor.point,
                                      kn->cache >= 0 ? j->sweeps.caches[kn->cache].name : "",
                                      s->lines[i].colour, kn->cache_near};
                continue;
            }
            v[r].fmin = fmin(v[r].fmin, kn->factor.point);
            v[r].fmax = fmax(v[r].fmax, kn->factor.point);
            v[r].colour = "#7b8794";
        }
    }
    return n;
}

static size_t knee_bands(const plot_job *j, const line_set *s, const group_ref *g,
                         cbench_plot_band *bands, char (*labels)[48], size_t cap)
{
    knee_range v[16];
    size_t n = knee_ranges(j, s, g, v, cap < 16 ? cap : 16);
    for (size_t i = 0; i < n; i++) {
        char f[24];
        if (v[i].fmax / v[i].fmin < 1.05)
            snprintf(f, sizeof f, "x%.2g", v[i].fmin);
        else
            snprintf(f, sizeof f, "x%.2g-%.2g", v[i].fmin, v[i].fmax);
        snprintf(labels[i], sizeof labels[i], "%s%s%s%s", f, *v[i].cache ? " " : "",
                 v[i].near && *v[i].cache ? "~" : "", v[i].cache);
        bands[i] = (cbench_plot_band){v[i].lo, v[i].hi, labels[i], v[i].colour};
    }
    return n;
}

static int chart_lines_kind(FILE *f, const cbench_plot_target *t, plot_job *j,
                            const group_ref *g, cbench_throughput_kind kind)
{
    size_t cap = 2 * g->n;
    line_set s = {calloc(cap, sizeof *s.lines), calloc(cap, sizeof *s.xs),
                  calloc(cap, sizeof *s.ys), calloc(cap, sizeof *s.titles), 0};
    int rc = CBENCH_ENOMEM;
    if (s.lines && s.xs && s.ys && s.titles) {
        size_t used = 0;
        for (size_t i = 0; i < g->n; i++) {
            const cbench_result *r = g->rs[i];
            int seen = 0;
            for (size_t k = 0; k < i; k++)
                seen |= strcmp(g->rs[k]->name ? g->rs[k]->name : "", r->name ? r->name : "") == 0
                        && g->rs[k]->threads.count == r->threads.count;
            if (seen)
                continue;
            const char *colour = j->colours[result_index(j, r)];
            unsigned th = r->threads.count;
            add_line(&s, j, g, r->name ? r->name : "", th, j->run, kind, colour, &used);
            if (j->base != NULL)
                add_line(&s, j, g, r->name ? r->name : "", th, j->base, kind, colour, &used);
        }
        cbench_plot_band bands[16];
        char labels[16][48];
        size_t nb = knee_bands(j, &s, g, bands, labels, 16);
        rc = cbench_plot_chart_lines(f, t, g->name, kind, s.lines, s.n, bands, nb);
    }
    line_set_free(&s);
    return rc;
}

static int chart_lines(FILE *f, const cbench_plot_target *t, plot_job *j, const void *arg)
{
    return chart_lines_kind(f, t, j, arg, CBENCH_THROUGHPUT_NONE);
}

static cbench_throughput_kind group_throughput(const group_ref *g)
{
    for (size_t i = 0; i < g->n; i++)
        if (g->rs[i]->throughput != CBENCH_THROUGHPUT_NONE && g->rs[i]->throughput_per_iter > 0)
            return g->rs[i]->throughput;
    return CBENCH_THROUGHPUT_NONE;
}

static int chart_throughput(FILE *f, const cbench_plot_target *t, plot_job *j, const void *arg)
{
    const group_ref *g = arg;
    return chart_lines_kind(f, t, j, g, group_throughput(g));
}

static int chart_threads(FILE *f, const cbench_plot_target *t, plot_job *j, const void *arg)
{
    const group_ref *g = arg;
    const char **colours = calloc(g->n ? g->n : 1, sizeof *colours);
    if (colours == NULL)
        return CBENCH_ENOMEM;
    for (size_t i = 0; i < g->n; i++)
        colours[i] = j->colours[result_index(j, g->rs[i])];
    int rc = cbench_plot_chart_group_threads(f, t, g->name, g->rs, colours, g->n);
    free(colours);
    return rc;
}

static int draw_group(plot_job *j, const group_ref *g, char *base)
{
    int rc = draw(j, g->name, 1, base, "violin", "Distribution of every benchmark (violin)",
                  chart_violin, g);
    int with_param = 0;
    for (size_t i = 0; i < g->n; i++)
        with_param += g->rs[i]->has_param;
    if (rc == 0 && with_param >= 2)
        rc = draw(j, g->name, 1, base, "lines", "Time per iteration vs parameter", chart_lines, g);
    if (rc == 0 && with_param >= 2 && group_throughput(g) != CBENCH_THROUGHPUT_NONE)
        rc = draw(j, g->name, 1, base, "throughput", "Throughput vs parameter",
                  chart_throughput, g);
    if (rc == 0 && cbench_plot_threads_drawable(g->rs, g->n))
        rc = draw(j, g->name, 1, base, "threads", "Throughput vs threads (dashed: ideal "
                  "scaling)", chart_threads, g);
    return rc;
}

/* Draws the charts of every group (in order of first appearance). */
static int draw_groups(plot_job *j)
{
    size_t n = j->run->n_results;
    group_ref g = {NULL, calloc(n ? n : 1, sizeof *g.rs), 0};
    char **taken = calloc(2 * n + 1, sizeof *taken);
    int rc = (g.rs && taken) ? 0 : CBENCH_ENOMEM;
    size_t n_taken = 0;
    for (size_t i = 0; i < n && taken; i++)
        taken[n_taken++] = j->base_names[i];
    for (size_t i = 0; i < n && rc == 0; i++) {
        const char *name = j->run->results[i].group ? j->run->results[i].group : "";
        int seen = 0;
        for (size_t k = 0; k < i; k++)
            seen |= same_group(&j->run->results[k], name);
        if (seen)
            continue;
        g.name = name;
        g.n = 0;
        for (size_t k = i; k < n; k++)
            if (same_group(&j->run->results[k], name))
                g.rs[g.n++] = &j->run->results[k];
        char *base = unique_name(taken, n_taken, "group-", name);
        rc = keep(j, base);
        if (rc == 0) {
            taken[n_taken++] = base;
            rc = draw_group(j, &g, base);
        }
    }
    free(taken);
    free(g.rs);
    return rc;
}

/* {=================================================================
 * The summary chart.
 * ================================================================== */

static int chart_summary(FILE *f, const cbench_plot_target *t, plot_job *j, const void *arg)
{
    size_t n = j->run->n_results;
    cbench_plot_srow *rows = calloc(n ? n : 1, sizeof *rows);
    if (rows == NULL)
        return CBENCH_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const cbench_result *r = &j->run->results[i];
        rows[i] = (cbench_plot_srow){cbench_plot_short_label(r), r->group, *cbench_html_headline(r),
                                     r->ratio_to_reference, r->reference, j->colours[i]};
    }
    int rc = cbench_plot_chart_summary(f, t, arg, rows, n);
    free(rows);
    return rc;
}

/* The summary chart's file base: "run", unless a result took it. */
static int draw_summary(plot_job *j, const char *title)
{
    char *base = unique_name(j->base_names, j->run->n_results, "", "run");
    int rc = keep(j, base);
    if (rc == 0)
        rc = draw(j, NULL, 0, base, "summary", "Summary", chart_summary, title);
    return rc;
}

/* {=================================================================
 * The batch.
 * ================================================================== */

static int draw_all(plot_job *j)
{
    int rc = cbench_plot_gp_open(&j->gp, j->in->gnuplot, j->err, j->errlen);
    if (rc != 0)
        return rc;
    for (size_t i = 0; i < j->run->n_results && rc == 0; i++)
        rc = draw_benchmark(j, &j->run->results[i]);
    if (rc == 0)
        rc = draw_groups(j);
    if (rc == 0)
        rc = draw_summary(j, j->in->title ? j->in->title : "Summary");
    char gp_err[1024] = "";
    size_t done;
    int rc2 = cbench_plot_gp_close(j->gp, &done, gp_err, sizeof gp_err);
    j->gp = NULL;
    if (rc2 != 0) {
        drop_undrawn(j, done);
        snprintf(j->err, j->errlen, "%s", gp_err);
        return rc2;
    }
    if (rc != 0)
        snprintf(j->err, j->errlen, "drawing charts: %s", cbench_strerror(rc));
    return rc;
}

int cbench_plot_draw(const cbench_plot_draw_in *in, cbench_plot_drawn *out, char *err,
                     size_t errlen)
{
    plot_job j = {.in = in, .run = in->run, .base = in->base, .history = in->history,
                  .n_history = in->history ? in->n_history : 0, .err = err, .errlen = errlen};
    int rc = assign_colours(&j);
    if (rc == 0)
        rc = assign_names(&j);
    if (rc == 0 && cbench_scaling_fit(j.run, NULL, &j.sweeps) == CBENCH_ENOMEM)
        rc = CBENCH_ENOMEM;
    if (rc == 0)
        rc = draw_all(&j);
    else
        snprintf(err, errlen, "out of memory drawing charts");
    for (size_t i = 0; j.base_names && i < j.run->n_results; i++)
        free(j.base_names[i]);
    free(j.base_names);
    free(j.colours);
    free(j.sent);
    cbench_scaling_free(&j.sweeps);
    *out = (cbench_plot_drawn){j.charts, j.n_charts, j.summary, j.owned, j.n_owned};
    return rc;
}

void cbench_plot_drawn_free(cbench_plot_drawn *d)
{
    for (size_t i = 0; i < d->n_owned; i++)
        free(d->owned[i]);
    free(d->owned);
    free(d->charts);
    memset(d, 0, sizeof *d);
}
