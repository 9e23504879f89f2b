/* SPDX-License-Identifier: MIT
 *
 * draw_axes.c - the per-axis charts of a group (see draw_job.h). A
 * benchmark family with two or more named axes (measure/axes.h: ids such
 * as "stride/rmw/floats=4096/stride=4") gets one chart per axis: x is
 * that axis's values, and each combination of the other axes' values
 * (and thread count) is one line, titled like "stride=4":
 *
 *   time per |          stride=16
 *   element  |     o---o----o
 *            |    x---x----x stride=1
 *            +----------------- floats
 *
 * y is the time per element (per byte) when every result of the family
 * declares element (byte) throughput, else per iteration. The sweep
 * charts (draw_lines.c) leave such families out: their first axis read as
 * "the parameter" mixes the lines.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot/draw_job.h"
#include "report/html.h"
#include "report/units.h"

/* One axis chart: the family of first (its members in g) along axis. */
typedef struct axis_ref {
    const group_ref *g;
    const cbench_result *first;
    unsigned axis;
} axis_ref;

/* Whether a and b are of one family: one name, the same axes in order. */
static int same_family(const cbench_result *a, const cbench_result *b)
{
    if (strcmp(a->name ? a->name : "", b->name ? b->name : "") != 0 || a->n_axes != b->n_axes)
        return 0;
    for (unsigned k = 0; k < a->n_axes; k++)
        if (strcmp(a->axes[k].name, b->axes[k].name) != 0)
            return 0;
    return 1;
}

/* Whether a and b lie on one line of the chart along axis: equal on
 * every other axis and in thread count. */
static int same_line(const cbench_result *a, const cbench_result *b, unsigned axis)
{
    for (unsigned k = 0; k < a->n_axes; k++)
        if (k != axis && a->axes[k].value != b->axes[k].value)
            return 0;
    return a->threads.count == b->threads.count;
}

/* What the family's times are divided by: "element" or "byte" when
 * every member declares that throughput, else "iteration" (1). */
static const char *family_unit(const group_ref *g, const cbench_result *first)
{
    cbench_throughput_kind kind = first->throughput;
    for (size_t i = 0; i < g->n; i++)
        if (same_family(g->rs[i], first)
            && (g->rs[i]->throughput != kind || !(g->rs[i]->throughput_per_iter > 0)))
            kind = CBENCH_THROUGHPUT_NONE;
    return kind == CBENCH_THROUGHPUT_ELEMENTS ? "element"
           : kind == CBENCH_THROUGHPUT_BYTES  ? "byte"
                                              : "iteration";
}

/* r's headline time per unit (per iteration when per is "iteration"). */
static cbench_estimate per_unit(const cbench_result *r, const char *per)
{
    cbench_estimate e = *cbench_html_headline(r);
    double q = strcmp(per, "iteration") == 0 ? 1 : r->throughput_per_iter;
    return (cbench_estimate){e.point / q, e.lower / q, e.upper / q, e.std_err / q, e.level};
}

static int drawable(const cbench_result *r)
{
    const cbench_estimate *e = cbench_html_headline(r);
    return r->has_param && isfinite(e->point) && e->point > 0;
}

/* "stride=4" (the other axes, '/'-separated, then " threads=N") into buf. */
static void line_title(char *buf, size_t len, const cbench_result *r, unsigned axis)
{
    size_t at = 0;
    buf[0] = '\0';
    for (unsigned k = 0; k < r->n_axes && at < len; k++) {
        if (k == axis)
            continue;
        int w = snprintf(buf + at, len - at, "%s%s=%lld", at ? "/" : "", r->axes[k].name,
                         (long long)r->axes[k].value);
        at += w > 0 ? (size_t)w : 0;
    }
    if (r->threads.count > 0 && at < len)
        snprintf(buf + at, len - at, " threads=%u", r->threads.count);
}

/* The lines of one axis chart, their points sorted by x. */
typedef struct axis_lines {
    cbench_plot_line *lines;
    const cbench_result **firsts;  /* the first member of each line */
    double *xs;
    cbench_estimate *ys;
    char (*titles)[CBENCH_PARAM_MAX + 32];
    size_t n;
} axis_lines;

static void axis_lines_free(axis_lines *s)
{
    free(s->lines);
    free(s->firsts);
    free(s->xs);
    free(s->ys);
    free(s->titles);
}

/* Adds point (x, y) to line l, whose points are xs[0..l->n), keeping
 * them ascending in x. */
static void add_point(cbench_plot_line *l, double *xs, cbench_estimate *ys, double x,
                      cbench_estimate y)
{
    size_t k = l->n++;
    for (; k > 0 && xs[k - 1] > x; k--) {
        xs[k] = xs[k - 1];
        ys[k] = ys[k - 1];
    }
    xs[k] = x;
    ys[k] = y;
}

/* The line of r among the first n (n when it starts a new one). */
static size_t line_of(const axis_lines *s, size_t n, const cbench_result *r, unsigned axis)
{
    size_t l = 0;
    while (l < n && !same_line(s->firsts[l], r, axis))
        l++;
    return l;
}

/* Sorts the family's drawable members into lines: pass one finds the
 * lines and their sizes, pass two fills each line's slice of xs/ys. */
static int build_lines(axis_lines *s, const axis_ref *a, const char *per)
{
    const group_ref *g = a->g;
    size_t *start = calloc(g->n + 1, sizeof *start);
    if (start == NULL)
        return CBENCH_ENOMEM;
    for (size_t i = 0; i < g->n; i++) {
        const cbench_result *r = g->rs[i];
        if (!same_family(r, a->first) || !drawable(r))
            continue;
        size_t l = line_of(s, s->n, r, a->axis);
        if (l == s->n)
            s->firsts[s->n++] = r;
        start[l + 1]++;
    }
    for (size_t l = 0; l < s->n; l++) {
        start[l + 1] += start[l];
        line_title(s->titles[l], sizeof s->titles[l], s->firsts[l], a->axis);
        s->lines[l] = (cbench_plot_line){s->titles[l], cbench_plot_colour(l), 0, 0,
                                         s->xs + start[l], s->ys + start[l]};
    }
    for (size_t i = 0; i < g->n; i++) {
        const cbench_result *r = g->rs[i];
        if (!same_family(r, a->first) || !drawable(r))
            continue;
        size_t l = line_of(s, s->n, r, a->axis);
        add_point(&s->lines[l], s->xs + start[l], s->ys + start[l],
                  (double)r->axes[a->axis].value, per_unit(r, per));
    }
    free(start);
    return 0;
}

/* Along the first axis (the size, which a family's sweeps run over): the
 * knees of each line's sweep, the one of its combination of the other
 * axes; none along the other axes. */
static size_t axis_bands(const plot_job *j, const axis_ref *a, const axis_lines *s,
                         cbench_plot_band *bands, char (*labels)[48])
{
    const cbench_scaling *sweeps[CBENCH_PLOT_MAX_BANDS * 4];
    const char *colours[CBENCH_PLOT_MAX_BANDS * 4];
    size_t n = 0;
    for (size_t l = 0; a->axis == 0 && l < s->n && n < sizeof sweeps / sizeof sweeps[0]; l++) {
        char combo[CBENCH_SCALING_COMBO_MAX];
        cbench_scaling_combo(s->firsts[l], combo, sizeof combo);
        sweeps[n] = cbench_scaling_find_combo(&j->sweeps, a->g->name, a->first->name, combo);
        colours[n++] = s->lines[l].colour;
    }
    return cbench_plot_knee_bands(j, sweeps, colours, n, bands, labels, CBENCH_PLOT_MAX_BANDS);
}

static int chart_axis(FILE *f, const cbench_plot_target *t, plot_job *j, const void *arg)
{
    const axis_ref *a = arg;
    size_t cap = a->g->n ? a->g->n : 1;
    axis_lines s = {calloc(cap, sizeof *s.lines), calloc(cap, sizeof *s.firsts),
                    calloc(cap, sizeof *s.xs), calloc(cap, sizeof *s.ys),
                    calloc(cap, sizeof *s.titles), 0};
    int rc = CBENCH_ENOMEM;
    if (s.lines && s.firsts && s.xs && s.ys && s.titles) {
        const char *per = family_unit(a->g, a->first);
        char title[512];
        snprintf(title, sizeof title, "%s/%s", a->g->name, a->first->name ? a->first->name : "");
        rc = build_lines(&s, a, per);
        cbench_plot_band bands[CBENCH_PLOT_MAX_BANDS];
        char labels[CBENCH_PLOT_MAX_BANDS][48];
        size_t nb = rc == 0 ? axis_bands(j, a, &s, bands, labels) : 0;
        if (rc == 0)
            rc = cbench_plot_chart_axis(f, t, title, a->first->axes[a->axis].name, per,
                                        s.lines, s.n, bands, nb);
    }
    axis_lines_free(&s);
    return rc;
}

/* The caption: "rmw: time per element vs floats, one line per stride". */
static char *caption(const cbench_result *r, unsigned axis, const char *per)
{
    char others[CBENCH_MAX_AXES * 40] = "";
    size_t at = 0;
    for (unsigned k = 0, seen = 0; k < r->n_axes; k++) {
        if (k == axis)
            continue;
        int w = snprintf(others + at, sizeof others - at, "%s%s", seen++ ? ", " : "",
                         r->axes[k].name);
        at += w > 0 && (size_t)w < sizeof others - at ? (size_t)w : 0;
    }
    size_t len = strlen(r->name ? r->name : "") + strlen(per) + strlen(r->axes[axis].name)
                 + strlen(others) + 96;
    char *s = malloc(len);
    if (s != NULL)
        snprintf(s, len, "%s: time per %s vs %s, one line per %s%s", r->name ? r->name : "",
                 per, r->axes[axis].name, r->n_axes > 2 ? "combination of " : "", others);
    return s;
}

int cbench_plot_draw_axes(plot_job *j, const group_ref *g, const char *base)
{
    unsigned number = 0;           /* the group's axis charts: kinds axis1, axis2, ... */
    int rc = 0;
    for (size_t i = 0; i < g->n && rc == 0; i++) {
        const cbench_result *r = g->rs[i];
        int seen = 0;
        for (size_t k = 0; k < i; k++)
            seen |= same_family(g->rs[k], r);
        if (r->n_axes < 2 || seen)
            continue;
        for (unsigned a = 0; a < r->n_axes && rc == 0; a++) {
            char kind[24], *cap = caption(r, a, family_unit(g, r));
            snprintf(kind, sizeof kind, "axis%u", ++number);
            rc = cbench_plot_job_keep(j, cap);
            if (rc == 0)
                rc = cbench_plot_job_draw(j, g->name, 1, base, kind, cap, chart_axis,
                                          &(axis_ref){g, r, a});
        }
    }
    return rc;
}
