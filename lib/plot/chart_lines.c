/* SPDX-License-Identifier: MIT
 *
 * chart_lines.c - the sweep chart (see charts.h): lines of time per
 * iteration, or of throughput, against a parameter, each point with its
 * interval as error bars, on a log x axis when every value is positive,
 * with explicit tics at the values measured and the knees of a sweep as
 * shaded bands behind the lines.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "plot/charts.h"
#include "plot/script.h"
#include "report/units.h"

typedef struct lines_range {
    double xmin, xmax, ymin, ymax;
    int x_positive;
} lines_range;

static lines_range lines_range_of(const cbench_plot_line *lines, size_t n)
{
    lines_range g = {INFINITY, -INFINITY, INFINITY, -INFINITY, 1};
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < lines[i].n; j++) {
            double y = lines[i].y[j].point;
            if (!isfinite(y) || !isfinite(lines[i].x[j]))
                continue;
            g.xmin = fmin(g.xmin, lines[i].x[j]);
            g.xmax = fmax(g.xmax, lines[i].x[j]);
            g.ymin = fmin(g.ymin, y);
            g.ymax = fmax(g.ymax, y);
            g.x_positive &= lines[i].x[j] > 0;
        }
    return g;
}

static int cmp_dbl(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Explicit x tics at the distinct parameter values (at most ~12 labels);
 * log_ok: the x axis may be logarithmic (it is when every value is
 * positive). */
static int lines_xtics(FILE *f, const cbench_plot_line *lines, size_t n, int log_ok)
{
    size_t total = 0, k = 0;
    for (size_t i = 0; i < n; i++)
        total += lines[i].n;
    double *xs = malloc((total ? total : 1) * sizeof *xs);
    if (xs == NULL)
        return CBENCH_ENOMEM;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < lines[i].n; j++)
            xs[k++] = lines[i].x[j];
    qsort(xs, k, sizeof *xs, cmp_dbl);
    size_t d = 0;
    for (size_t i = 0; i < k; i++)
        if (d == 0 || xs[i] != xs[d - 1])
            xs[d++] = xs[i];
    /* Labels must not collide: on a log axis keep a label only when it is
     * at least 1/9 of the whole span away from the previous one; the
     * other values get an unlabelled tic. */
    int logx = log_ok && d > 1 && xs[0] > 0;
    double gap = logx ? log(xs[d - 1] / xs[0]) / 9 : 0;
    size_t every = !logx && d > 12 ? (d + 11) / 12 : 1;
    double last = 0;
    fputs("set xtics (", f);
    for (size_t i = 0; i < d; i += every) {
        char lab[32] = "";
        if (!logx || i == 0 || log(xs[i] / last) >= gap) {
            cbench_plot_fmt_param(lab, sizeof lab, (long long)xs[i]);
            last = xs[i];
        }
        fprintf(f, "%s'%s' %.17g", i ? ", " : "", lab, xs[i]);
    }
    fputs(")\n", f);
    free(xs);
    return 0;
}

static void lines_blocks(FILE *f, const cbench_plot_line *lines, size_t n, double div)
{
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "$l%zu << EOD\n", i);
        for (size_t j = 0; j < lines[i].n; j++) {
            const cbench_estimate *e = &lines[i].y[j];
            if (!isfinite(e->point) || !isfinite(lines[i].x[j]))
                continue;
            double lo = isfinite(e->lower) ? e->lower : e->point;
            double hi = isfinite(e->upper) ? e->upper : e->point;
            fprintf(f, "%.17g %.9g %.9g %.9g\n", lines[i].x[j], e->point / div, lo / div,
                    hi / div);
        }
        fputs("EOD\n", f);
    }
}

static void lines_plot(FILE *f, const cbench_plot_line *lines, size_t n)
{
    int first = 1;
    for (size_t i = 0; i < n; i++) {
        cbench_plot_element(f, &first);
        fprintf(f, "$l%zu using 1:2:3:4 with yerrorlines lw 2 %s lc rgb '%s'", i,
                lines[i].dashed ? "dt 2 pt 6 ps 0.9" : "dt 1 pt 7 ps 0.8", lines[i].colour);
        cbench_plot_title(f, lines[i].title);
    }
    fputc('\n', f);
}

/* The knees as translucent bands in their line's colour, labels stacked
 * at the top so that bands of several lines at one cache stay readable. */
static void lines_bands(FILE *f, const cbench_plot_band *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!(b[i].lo > 0 && b[i].hi > b[i].lo))
            continue;
        fprintf(f, "set object %zu rect from %.17g, graph 0 to %.17g, graph 1 behind "
                "fc rgb '%s' fs transparent solid 0.12 noborder\n", i + 1, b[i].lo, b[i].hi,
                b[i].colour);
        fprintf(f, "set label %zu ", i + 1);
        cbench_plot_gp_string(f, b[i].label);
        fprintf(f, " at %.17g, graph %.2f center front font ',9' tc rgb '%s'\n",
                sqrt(b[i].lo * b[i].hi), 0.96 - 0.045 * (double)(i % 5), b[i].colour);
    }
}

/* How a chart of lines reads: its subtitle and axis labels, and when its
 * x axis is logarithmic. */
typedef struct lines_style {
    const char *subtitle;
    const char *x_label;           /* ", log scale" is added on a log axis */
    const char *y_what;            /* e.g. "Time per iteration" */
    double log_span;               /* log x when every x > 0 and max / min > this */
    int pad_linear;                /* a margin around the values on a linear x axis */
} lines_style;

static int lines_chart(FILE *f, const cbench_plot_target *t, const char *title,
                       cbench_throughput_kind kind, const cbench_plot_line *lines, size_t n,
                       const cbench_plot_band *bands, size_t n_bands, const lines_style *st)
{
    lines_range g = lines_range_of(lines, n);
    if (n == 0 || !(g.xmin < g.xmax) || !(g.ymin <= g.ymax))
        return CBENCH_EDOMAIN;
    int logx = g.x_positive && g.xmax / g.xmin > st->log_span;
    int logy = g.ymin > 0 && g.ymax / g.ymin > 20;
    cbench_plot_unit u = kind == CBENCH_THROUGHPUT_NONE ? cbench_plot_time_unit(g.ymax)
                                                        : cbench_plot_rate_unit(g.ymax, kind);
    if (logy)
        u = (cbench_plot_unit){1, NULL};          /* the tics carry the units */
    cbench_plot_script_begin(f, t, 860, 520, title, st->subtitle);
    lines_blocks(f, lines, n, u.div);
    if (lines_xtics(f, lines, n, logx) != 0)
        return CBENCH_ENOMEM;
    if (logx) {
        fprintf(f, "set logscale x 2\nset xrange [%.17g:%.17g]\n", g.xmin / 1.25, g.xmax * 1.25);
        lines_bands(f, bands, n_bands);
    } else if (st->pad_linear) {
        fputs("set offsets graph 0.05, graph 0.05, 0, 0\n", f);
    }
    if (logy)
        cbench_plot_log_tics(f, "y", g.ymin, g.ymax, kind);
    char lab[160];
    snprintf(lab, sizeof lab, "%s%s", st->x_label, logx ? ", log scale" : "");
    cbench_plot_axis_label(f, "x", lab, NULL);
    snprintf(lab, sizeof lab, "%s%s", st->y_what, logy ? ", log scale" : "");
    cbench_plot_axis_label(f, "y", lab, u.name);
    lines_plot(f, lines, n);
    cbench_plot_script_end(f);
    return 0;
}

int cbench_plot_chart_lines(FILE *f, const cbench_plot_target *t, const char *title,
                            cbench_throughput_kind kind, const cbench_plot_line *lines,
                            size_t n, const cbench_plot_band *bands, size_t n_bands)
{
    int time = kind == CBENCH_THROUGHPUT_NONE;
    lines_style st = {time ? "time per iteration vs parameter" : "throughput vs parameter",
                      "Parameter", time ? "Time per iteration" : "Throughput", 1, 0};
    return lines_chart(f, t, title, kind, lines, n, bands, n_bands, &st);
}

int cbench_plot_chart_axis(FILE *f, const cbench_plot_target *t, const char *title,
                           const char *axis, const char *per, const cbench_plot_line *lines,
                           size_t n, const cbench_plot_band *bands, size_t n_bands)
{
    char sub[160], what[64];
    snprintf(sub, sizeof sub, "time per %s vs %s", per, axis);
    snprintf(what, sizeof what, "Time per %s", per);
    lines_style st = {sub, axis, what, 2, 1};     /* log beyond one octave, as sizes */
    return lines_chart(f, t, title, CBENCH_THROUGHPUT_NONE, lines, n, bands, n_bands, &st);
}
