/* SPDX-License-Identifier: MIT
 *
 * draw_lines.c - the sweep charts of a group (see draw_job.h): one line
 * per benchmark (and thread count) of its time per iteration against
 * the parameter, and of its throughput when the group declares one; a
 * dashed line beside each for the base; the knees of the run's own
 * sweeps (stats/scaling.h) as bands. Benchmarks with several parameters
 * are left out: their per-axis charts are draw_axes.c's.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot/draw_job.h"
#include "report/html.h"

static cbench_estimate line_value(const cbench_result *r, cbench_throughput_kind kind)
{
    cbench_estimate e = *cbench_html_headline(r);
    if (kind == CBENCH_THROUGHPUT_NONE)
        return e;
    double q = r->throughput_per_iter * 1e9;
    return (cbench_estimate){q / e.point, q / e.upper, q / e.lower, NAN, e.level};
}

/* Whether r is swept over one parameter (its first axis is no size of a
 * line when there are more: draw_axes.c draws those). */
static int one_parameter(const cbench_result *r)
{
    return r->has_param && r->n_axes < 2;
}

/* Whether r belongs on a parameter chart of this kind. */
static int on_line_chart(const cbench_result *r, cbench_throughput_kind kind)
{
    if (!one_parameter(r) || !isfinite(cbench_html_headline(r)->point)
        || cbench_html_headline(r)->point <= 0)
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
    const cbench_result **firsts;   /* each line's first result in the group */
} line_set;

static void line_set_free(line_set *s)
{
    for (size_t i = 0; s->titles && i < s->n; i++)
        free(s->titles[i]);
    free(s->titles);
    free(s->lines);
    free(s->xs);
    free(s->ys);
    free(s->firsts);
}

/* Adds the line of benchmark 'name' from 'run' (current or base). */
static void add_line(line_set *s, const plot_job *j, const group_ref *g, const char *name,
                     unsigned threads, const cbench_run *run, cbench_throughput_kind kind,
                     const char *colour, size_t *used)
{
    cbench_plot_line *l = &s->lines[s->n];
    *l = (cbench_plot_line){NULL, colour, run != j->run, 0, s->xs + *used, s->ys + *used};
    const cbench_result *first = NULL;
    for (size_t i = 0; i < g->n; i++) {
        const cbench_result *r = g->rs[i];
        if (strcmp(r->name ? r->name : "", name) != 0 || r->threads.count != threads)
            continue;
        if (first == NULL)
            first = r;
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
    s->firsts[s->n] = first;
    *used += l->n;
    s->n++;
}

typedef struct knee_range {
    double lo, hi, fmin, fmax;
    const char *cache, *colour;
    int near;
} knee_range;

static size_t knee_ranges(const plot_job *j, const cbench_scaling *const *sweeps,
                          const char *const *colours, size_t n_lines, knee_range *v, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < n_lines; i++) {
        const cbench_scaling *sc = sweeps[i];
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
                                      colours[i], kn->cache_near};
                continue;
            }
            v[r].fmin = fmin(v[r].fmin, kn->factor.point);
            v[r].fmax = fmax(v[r].fmax, kn->factor.point);
            v[r].colour = "#7b8794";
        }
    }
    return n;
}

size_t cbench_plot_knee_bands(const plot_job *j, const cbench_scaling *const *sweeps,
                              const char *const *colours, size_t n_lines, cbench_plot_band *bands,
                              char (*labels)[48], size_t cap)
{
    knee_range v[CBENCH_PLOT_MAX_BANDS];
    size_t n = knee_ranges(j, sweeps, colours, n_lines, v,
                           cap < CBENCH_PLOT_MAX_BANDS ? cap : CBENCH_PLOT_MAX_BANDS);
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

/* The knees of the run's own lines (not the baseline's dashed ones): each
 * line's sweep, found by its benchmark and combination (its thread
 * count: these lines have one parameter). */
static size_t sweep_bands(const plot_job *j, const line_set *s, const group_ref *g,
                          cbench_plot_band *bands, char (*labels)[48])
{
    const cbench_scaling *sweeps[CBENCH_PLOT_MAX_BANDS * 4];
    const char *colours[CBENCH_PLOT_MAX_BANDS * 4];
    size_t n = 0, cap = sizeof sweeps / sizeof sweeps[0];
    for (size_t i = 0; i < s->n && n < cap; i++) {
        if (s->lines[i].dashed)
            continue;
        char combo[CBENCH_SCALING_COMBO_MAX];
        cbench_scaling_combo(s->firsts[i], combo, sizeof combo);
        sweeps[n] = cbench_scaling_find_combo(&j->sweeps, g->name, s->firsts[i]->name, combo);
        colours[n++] = s->lines[i].colour;
    }
    return cbench_plot_knee_bands(j, sweeps, colours, n, bands, labels, CBENCH_PLOT_MAX_BANDS);
}

static int chart_lines_kind(FILE *f, const cbench_plot_target *t, plot_job *j,
                            const group_ref *g, cbench_throughput_kind kind)
{
    size_t cap = 2 * g->n;
    line_set s = {calloc(cap, sizeof *s.lines), calloc(cap, sizeof *s.xs),
                  calloc(cap, sizeof *s.ys), calloc(cap, sizeof *s.titles), 0,
                  calloc(cap, sizeof *s.firsts)};
    int rc = CBENCH_ENOMEM;
    if (s.lines && s.xs && s.ys && s.titles && s.firsts) {
        size_t used = 0;
        for (size_t i = 0; i < g->n; i++) {
            const cbench_result *r = g->rs[i];
            int seen = 0;
            for (size_t k = 0; k < i; k++)
                seen |= strcmp(g->rs[k]->name ? g->rs[k]->name : "", r->name ? r->name : "") == 0
                        && g->rs[k]->threads.count == r->threads.count;
            if (seen)
                continue;
            const char *colour = j->colours[cbench_plot_job_index(j, r)];
            unsigned th = r->threads.count;
            add_line(&s, j, g, r->name ? r->name : "", th, j->run, kind, colour, &used);
            if (j->base != NULL)
                add_line(&s, j, g, r->name ? r->name : "", th, j->base, kind, colour, &used);
        }
        cbench_plot_band bands[CBENCH_PLOT_MAX_BANDS];
        char labels[CBENCH_PLOT_MAX_BANDS][48];
        size_t nb = sweep_bands(j, &s, g, bands, labels);
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

int cbench_plot_draw_sweeps(plot_job *j, const group_ref *g, const char *base)
{
    int with_param = 0;
    for (size_t i = 0; i < g->n; i++)
        with_param += one_parameter(g->rs[i]);
    if (with_param < 2)
        return 0;
    int rc = cbench_plot_job_draw(j, g->name, 1, base, "lines",
                                  "Time per iteration vs parameter", chart_lines, g);
    if (rc == 0 && group_throughput(g) != CBENCH_THROUGHPUT_NONE)
        rc = cbench_plot_job_draw(j, g->name, 1, base, "throughput", "Throughput vs parameter",
                                  chart_throughput, g);
    return rc;
}
