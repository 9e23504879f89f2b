/* SPDX-License-Identifier: MIT
 *
 * charts.c - one gnuplot script per chart (see charts.h).
 *
 * Conventions: every script starts with `reset` and its own terminal and
 * output, ends with `unset output` and `undefine $*`, so scripts are
 * independent inside one gnuplot process. Text is drawn `noenhanced`, so
 * ^ _ @ { } in names print literally. Densities are computed in C
 * (density.h): gnuplot's `smooth kdensity` is evaluated only over the
 * current x range and cuts the tails.
 */
#include "plot/charts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot/density.h"
#include "plot/units.h"

#define KDE_POINTS 200
#define BOOTSTRAP_N 2000
#define INK "#333333"
#define MILD_COLOUR "#e69f00"
#define SEVERE_COLOUR "#b00000"
#define BASE_COLOUR "#7f7f7f"

/* {=================================================================
 * Script helpers.
 * ================================================================== */

static void chart_begin(FILE *f, const cbench_plot_target *t, int width, int height,
                        const char *title, const char *subtitle)
{
    fputs("reset\n", f);
    if (t->png)
        fprintf(f, "set terminal pngcairo size %d,%d noenhanced font 'Sans,11' "
                   "background '#ffffff'\n", width, height);
    else
        fprintf(f, "set terminal svg size %d,%d noenhanced font 'Helvetica,16' "
                   "background '#ffffff'\n", width, height);
    fputs("set encoding utf8\nset output ", f);
    cbench_plot_gp_string(f, t->path);
    fputs("\nset title ", f);
    cbench_plot_gp_string(f, title);
    if (subtitle != NULL) {
        fputs(" . \"\\n\" . ", f);     /* a second, smaller line */
        cbench_plot_gp_string(f, subtitle);
    }
    fputs(t->png ? " font ',13'" : " font ',17'", f);
    fputs("\nset border 3 lc rgb '#555555'\nset tics nomirror out\n"
          "set grid back lc rgb '#e4e4e4' lw 1 dt 1\n"
          /* outside: a legend inside the plot hides points (outliers) */
          "set key outside right top vertical Left reverse nobox samplen 2.5 spacing 1.2\n"
          "set style fill transparent solid 0.25 noborder\n", f);
}

static void chart_end(FILE *f)
{
    fputs("unset output\nundefine $*\n", f);
}

static void axis_label(FILE *f, const char *axis, const char *text, const char *unit)
{
    fprintf(f, "set %slabel ", axis);
    char buf[160];
    if (unit != NULL)
        snprintf(buf, sizeof buf, "%s (%s)", text, unit);
    else
        snprintf(buf, sizeof buf, "%s", text);
    cbench_plot_gp_string(f, buf);
    fputc('\n', f);
}

/* Writes datablock $name with n rows of ncols columns (col[c][i]). */
static void datablock(FILE *f, const char *name, const double *const *col, size_t ncols,
                      size_t n)
{
    fprintf(f, "$%s << EOD\n", name);
    for (size_t i = 0; i < n; i++) {
        for (size_t c = 0; c < ncols; c++)
            fprintf(f, "%s%.9g", c ? " " : "", col[c][i]);
        fputc('\n', f);
    }
    fputs("EOD\n", f);
}

/* A vertical line at x from y 0 to y top, as datablock $name. */
static void vline_block(FILE *f, const char *name, double x, double top)
{
    fprintf(f, "$%s << EOD\n%.9g 0\n%.9g %.9g\nEOD\n", name, x, x, top);
}

/* Starts one plot element: a comma before all but the first. */
static void element(FILE *f, int *first)
{
    fputs(*first ? "plot " : ", \\\n     ", f);
    *first = 0;
}

static void title_clause(FILE *f, const char *title)
{
    if (title == NULL) {
        fputs(" notitle", f);
        return;
    }
    fputs(" title ", f);
    cbench_plot_gp_string(f, title);
}

/* Log-scale tics on 'axis' at the powers of ten from lo to hi (and at 2
 * and 5 times them when the range spans at most two decades), values in
 * ns for kind NONE, else per second, labelled in human units. */
static void log_tics(FILE *f, const char *axis, double lo, double hi,
                     cbench_throughput_kind kind)
{
    static const double mantissa[] = {1, 2, 5};
    int a = (int)floor(log10(lo / 1.4)), b = (int)ceil(log10(hi * 1.4));
    size_t n_m = b - a <= 2 ? 3 : 1, count = 0;
    fprintf(f, "set logscale %s 10\nset m%stics 10\nset %stics (", axis, axis, axis);
    for (int k = a; k <= b; k++)
        for (size_t m = 0; m < n_m; m++) {
            char lab[48];
            double v = mantissa[m] * pow(10, k);
            if (v < lo / 1.4 || v > hi * 1.4)
                continue;
            cbench_plot_unit u = kind == CBENCH_THROUGHPUT_NONE
                                     ? cbench_plot_time_unit(v)
                                     : cbench_plot_rate_unit(v, kind);
            snprintf(lab, sizeof lab, "%g %s", v / u.div, u.name);
            fputs(count++ ? ", " : "", f);
            cbench_plot_gp_string(f, lab);
            fprintf(f, " %.17g", v);
        }
    fprintf(f, ")\nset %srange [%.17g:%.17g]\n", axis, lo / 1.4, hi * 1.4);
}

/* {=================================================================
 * Data helpers.
 * ================================================================== */

/* Per-iteration times (ns / iters) of r's valid samples, malloc'ed; *n is
 * their count. NULL with *n = 0 when there are none (or no memory). */
static double *per_iter_times(const cbench_result *r, size_t *n)
{
    *n = 0;
    if (r == NULL || r->n_samples == 0)
        return NULL;
    double *x = malloc(r->n_samples * sizeof *x);
    if (x == NULL)
        return NULL;
    for (size_t i = 0; i < r->n_samples; i++) {
        double v = r->samples[i].ns / r->samples[i].iters;
        if (r->samples[i].iters > 0 && isfinite(v))
            x[(*n)++] = v;
    }
    return x;
}

static double mean_of(const double *x, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += x[i];
    return s / (double)n;
}

static double max_of(const double *x, size_t n)
{
    double m = -INFINITY;
    for (size_t i = 0; i < n; i++)
        if (x[i] > m)
            m = x[i];
    return m;
}

/* A KDE over [min - 3 bw, max + 3 bw] (clipped at 0 when clip0 and the
 * data are positive: times), widened to include [lo_at_least,
 * hi_at_least] when those are finite. */
typedef struct kde_curve {
    double x[KDE_POINTS], y[KDE_POINTS];
} kde_curve;

static void kde_of(const double *sorted, size_t n, int clip0, double lo_at_least,
                   double hi_at_least, kde_curve *k)
{
    double bw = cbench_plot_bandwidth(sorted, n);
    double lo = sorted[0] - 3 * bw, hi = sorted[n - 1] + 3 * bw;
    if (clip0 && sorted[0] >= 0 && lo < 0)
        lo = 0;
    if (isfinite(lo_at_least) && lo_at_least < lo)
        lo = lo_at_least;
    if (isfinite(hi_at_least) && hi_at_least > hi)
        hi = hi_at_least;
    cbench_plot_kde(sorted, n, bw, lo, hi, KDE_POINTS, k->x, k->y);
}

/* Scales n values in place by 1/div. */
static void scale(double *x, size_t n, double div)
{
    for (size_t i = 0; i < n; i++)
        x[i] /= div;
}

/* The estimate's point if finite, else 'fallback'. */
static double point_or(const cbench_estimate *e, double fallback)
{
    return isfinite(e->point) ? e->point : fallback;
}

static int fences_valid(const double f[4])
{
    return isfinite(f[0]) && isfinite(f[3]) && f[0] <= f[1] && f[1] < f[2] && f[2] <= f[3];
}

/* {=================================================================
 * Probability density of one benchmark.
 * ================================================================== */

static const char *const sample_blocks[3] = {"normal", "mild", "severe"};

/* Splits the samples (per-iteration times x, in sample order) by Tukey
 * class into three (value, sample number) datablocks; count[c] receives
 * the size of class c (0 normal, 1 mild, 2 severe). */
static void pdf_sample_blocks(FILE *f, const double *x, size_t n, const double fences[4],
                              double div, size_t count[3])
{
    for (int cls = 0; cls < 3; cls++) {
        count[cls] = 0;
        fprintf(f, "$%s << EOD\n", sample_blocks[cls]);
        for (size_t i = 0; i < n; i++)
            if (abs(cbench_plot_tukey_class(x[i], fences)) == cls) {
                fprintf(f, "%.9g %zu\n", x[i] / div, i + 1);
                count[cls]++;
            }
        fputs("EOD\n", f);
    }
    fputs("set y2range [0:*]\nset y2tics nomirror out\n", f);
    axis_label(f, "y2", "Sample number", NULL);
}

static void pdf_sample_elements(FILE *f, const size_t count[3], const char *colour, int *first)
{
    static const char *titles[3] = {CBENCH_PLOT_T_SAMPLE, CBENCH_PLOT_T_MILD,
                                    CBENCH_PLOT_T_SEVERE};
    static const char *style[3] = {"pt 7 ps 0.45", "pt 9 ps 0.9", "pt 5 ps 0.8"};
    for (int cls = 0; cls < 3; cls++) {
        if (count[cls] == 0)
            continue;
        const char *c = cls == 0 ? colour : cls == 1 ? MILD_COLOUR : SEVERE_COLOUR;
        element(f, first);
        fprintf(f, "$%s using 1:2 axes x1y2 with points %s lc rgb '%s'", sample_blocks[cls],
                style[cls], c);
        title_clause(f, titles[cls]);
    }
}

static void pdf_script(FILE *f, const cbench_result *r, const double *x, double *sorted,
                       size_t n, const char *colour)
{
    double fences[4];
    memcpy(fences, r->outliers.fences, sizeof fences);
    if (!fences_valid(fences))
        cbench_plot_fences(sorted, n, fences);
    double mean = point_or(&r->mean, mean_of(sorted, n));
    double median = point_or(&r->median, cbench_plot_quantile(sorted, n, 0.5));
    cbench_plot_unit u = cbench_plot_time_unit(median);
    kde_curve k;
    kde_of(sorted, n, 1, NAN, NAN, &k);
    scale(k.x, KDE_POINTS, u.div);
    double top = max_of(k.y, KDE_POINTS) * u.div;
    for (size_t i = 0; i < KDE_POINTS; i++)
        k.y[i] *= u.div;                  /* density per display unit */
    datablock(f, "kde", (const double *[]){k.x, k.y}, 2, KDE_POINTS);
    vline_block(f, "mean", mean / u.div, top * 1.05);
    vline_block(f, "median", median / u.div, top * 1.05);
    size_t count[3];
    pdf_sample_blocks(f, x, n, fences, u.div, count);
    axis_label(f, "x", "Time per iteration", u.name);
    axis_label(f, "y", "Density (a.u.)", NULL);
    fprintf(f, "set yrange [0:%.9g]\nset ytics nomirror\nset format y ''\n", top * 1.25);
    int first = 1;
    element(f, &first);
    fprintf(f, "$kde using 1:2 with filledcurves y=0 lc rgb '%s'", colour);
    title_clause(f, CBENCH_PLOT_T_PDF);
    element(f, &first);
    fprintf(f, "$kde using 1:2 with lines lw 2 lc rgb '%s' notitle", colour);
    element(f, &first);
    fputs("$mean using 1:2 with lines lw 2 dt 2 lc rgb '" INK "'", f);
    title_clause(f, CBENCH_PLOT_T_MEAN);
    element(f, &first);
    fputs("$median using 1:2 with lines lw 2 dt 3 lc rgb '#000000'", f);
    title_clause(f, CBENCH_PLOT_T_MEDIAN);
    pdf_sample_elements(f, count, colour, &first);
    fputc('\n', f);
}

int cbench_plot_chart_pdf(FILE *f, const cbench_plot_target *t, const cbench_result *r,
                          const char *colour)
{
    size_t n;
    double *x = per_iter_times(r, &n);
    double *sorted = n >= 2 ? malloc(n * sizeof *sorted) : NULL;
    if (sorted == NULL) {
        free(x);
        return n >= 2 ? CBENCH_ENOMEM : CBENCH_EDOMAIN;
    }
    memcpy(sorted, x, n * sizeof *x);
    cbench_plot_sort(sorted, n);
    chart_begin(f, t, 900, 500, r->id, "probability density of the time per iteration");
    pdf_script(f, r, x, sorted, n, colour);
    chart_end(f);
    free(sorted);
    free(x);
    return 0;
}

/* {=================================================================
 * Iteration regression.
 * ================================================================== */

/* Least-squares slope through the origin: sum(x y) / sum(x x). */
static double origin_slope(const cbench_result *r)
{
    double sxy = 0, sxx = 0;
    for (size_t i = 0; i < r->n_samples; i++) {
        sxy += r->samples[i].iters * r->samples[i].ns;
        sxx += r->samples[i].iters * r->samples[i].iters;
    }
    return sxx > 0 ? sxy / sxx : NAN;
}

/* "Iterations" or "Iterations (×10³)" etc. for the largest count. */
static double iter_scale(double max_iters, char *label, size_t n)
{
    static const char *sup[] = {"", "10³", "10⁶", "10⁹", "10¹²"};
    double div = 1;
    int k = 0;
    while (k < 4 && max_iters / div >= 1e4) {
        div *= 1e3;
        k++;
    }
    if (k == 0)
        snprintf(label, n, "Iterations per sample");
    else
        snprintf(label, n, "Iterations per sample (×%s)", sup[k]);
    return div;
}

static void regression_script(FILE *f, const cbench_result *r, const char *colour)
{
    double max_it = 0, max_ns = 0;
    for (size_t i = 0; i < r->n_samples; i++) {
        max_it = fmax(max_it, r->samples[i].iters);
        max_ns = fmax(max_ns, r->samples[i].ns);
    }
    char xl[64];
    double xdiv = iter_scale(max_it, xl, sizeof xl);
    cbench_plot_unit u = cbench_plot_time_unit(max_ns);
    double slope = point_or(&r->slope, origin_slope(r));
    int band = isfinite(r->slope.lower) && isfinite(r->slope.upper);
    fprintf(f, "$samples << EOD\n");
    for (size_t i = 0; i < r->n_samples; i++)
        fprintf(f, "%.9g %.9g\n", r->samples[i].iters / xdiv, r->samples[i].ns / u.div);
    fprintf(f, "EOD\n$fit << EOD\n0 0\n%.9g %.9g\nEOD\n", max_it / xdiv,
            slope * max_it / u.div);
    if (band)
        fprintf(f, "$band << EOD\n0 0 0\n%.9g %.9g %.9g\nEOD\n", max_it / xdiv,
                r->slope.lower * max_it / u.div, r->slope.upper * max_it / u.div);
    axis_label(f, "x", xl, NULL);
    axis_label(f, "y", "Total sample time", u.name);
    fputs("set xrange [0:*]\nset yrange [0:*]\n", f);
    int first = 1;
    if (band) {
        element(f, &first);
        fprintf(f, "$band using 1:2:3 with filledcurves lc rgb '%s'", colour);
        title_clause(f, CBENCH_PLOT_T_CI);
    }
    element(f, &first);
    fprintf(f, "$fit using 1:2 with lines lw 2 lc rgb '%s'", colour);
    title_clause(f, CBENCH_PLOT_T_FIT);
    element(f, &first);
    fputs("$samples using 1:2 with points pt 7 ps 0.5 lc rgb '" INK "'", f);
    title_clause(f, CBENCH_PLOT_T_SAMPLE);
    fputc('\n', f);
}

int cbench_plot_chart_regression(FILE *f, const cbench_plot_target *t, const cbench_result *r,
                                 const char *colour)
{
    if (r->n_samples < 2)
        return CBENCH_EDOMAIN;
    char sub[96];
    if (isfinite(r->r_squared))
        snprintf(sub, sizeof sub, "time vs iterations, R² = %.4f", r->r_squared);
    else
        snprintf(sub, sizeof sub, "time vs iterations");
    chart_begin(f, t, 900, 500, r->id, sub);
    regression_script(f, r, colour);
    chart_end(f);
    return 0;
}

/* {=================================================================
 * Base and new densities overlaid.
 * ================================================================== */

/* Writes $name (a KDE over [lo, hi] scaled by div) and returns its peak. */
static double kde_block(FILE *f, const char *name, const double *sorted, size_t n, double lo,
                        double hi, double div)
{
    kde_curve k;
    double bw = cbench_plot_bandwidth(sorted, n);
    cbench_plot_kde(sorted, n, bw, lo, hi, KDE_POINTS, k.x, k.y);
    for (size_t i = 0; i < KDE_POINTS; i++) {
        k.x[i] /= div;
        k.y[i] *= div;
    }
    datablock(f, name, (const double *[]){k.x, k.y}, 2, KDE_POINTS);
    return max_of(k.y, KDE_POINTS);
}

static void both_script(FILE *f, double *cur, size_t nc, double *base, size_t nb,
                        const char *colour)
{
    cbench_plot_sort(cur, nc);
    cbench_plot_sort(base, nb);
    double bwc = cbench_plot_bandwidth(cur, nc), bwb = cbench_plot_bandwidth(base, nb);
    double lo = fmin(cur[0] - 3 * bwc, base[0] - 3 * bwb);
    double hi = fmax(cur[nc - 1] + 3 * bwc, base[nb - 1] + 3 * bwb);
    if (lo < 0 && cur[0] >= 0 && base[0] >= 0)
        lo = 0;
    cbench_plot_unit u = cbench_plot_time_unit(cbench_plot_quantile(cur, nc, 0.5));
    double top = fmax(kde_block(f, "base", base, nb, lo, hi, u.div),
                      kde_block(f, "new", cur, nc, lo, hi, u.div));
    vline_block(f, "mbase", mean_of(base, nb) / u.div, top * 1.05);
    vline_block(f, "mnew", mean_of(cur, nc) / u.div, top * 1.05);
    axis_label(f, "x", "Time per iteration", u.name);
    axis_label(f, "y", "Density (a.u.)", NULL);
    fprintf(f, "set yrange [0:%.9g]\nset format y ''\n", top * 1.25);
    int first = 1;
    element(f, &first);
    fputs("$base using 1:2 with filledcurves y=0 fs transparent solid 0.15 lc rgb '"
          BASE_COLOUR "' notitle", f);
    element(f, &first);
    fputs("$base using 1:2 with lines lw 2 dt 2 lc rgb '" BASE_COLOUR "'", f);
    title_clause(f, CBENCH_PLOT_T_BASE " PDF");
    element(f, &first);
    fprintf(f, "$new using 1:2 with filledcurves y=0 lc rgb '%s' notitle", colour);
    element(f, &first);
    fprintf(f, "$new using 1:2 with lines lw 2 lc rgb '%s'", colour);
    title_clause(f, CBENCH_PLOT_T_NEW " PDF");
    element(f, &first);
    fputs("$mbase using 1:2 with lines lw 1.5 dt 2 lc rgb '" INK "'", f);
    title_clause(f, CBENCH_PLOT_T_BASE " mean");
    element(f, &first);
    fprintf(f, "$mnew using 1:2 with lines lw 1.5 lc rgb '%s'", colour);
    title_clause(f, CBENCH_PLOT_T_NEW " mean");
    fputc('\n', f);
}

int cbench_plot_chart_both_pdf(FILE *f, const cbench_plot_target *t, const cbench_result *r,
                               const cbench_result *base, const char *colour)
{
    size_t nc, nb;
    double *cur = per_iter_times(r, &nc), *old = per_iter_times(base, &nb);
    int rc = CBENCH_EDOMAIN;
    if (nc >= 2 && nb >= 2) {
        chart_begin(f, t, 900, 500, r->id, "density of the time per iteration: base vs new");
        both_script(f, cur, nc, old, nb, colour);
        chart_end(f);
        rc = 0;
    }
    free(cur);
    free(old);
    return rc;
}

/* {=================================================================
 * Distribution of the relative change.
 * ================================================================== */

typedef struct change_marks {
    double point, lower, upper;      /* percent */
} change_marks;

/* Point and CI from the analysis when defined, else from the bootstrap. */
static change_marks change_marks_of(const cbench_result *r, const double *sorted, size_t b)
{
    change_marks m = {cbench_plot_quantile(sorted, b, 0.5) * 100,
                      cbench_plot_quantile(sorted, b, 0.025) * 100,
                      cbench_plot_quantile(sorted, b, 0.975) * 100};
    const cbench_estimate *e = &r->change.mean;
    if (r->has_change && isfinite(e->point) && isfinite(e->lower) && isfinite(e->upper))
        m = (change_marks){e->point * 100, e->lower * 100, e->upper * 100};
    return m;
}

/* $ci: the part of the KDE between the CI bounds. */
static void ci_block(FILE *f, const kde_curve *k, const change_marks *m)
{
    fputs("$ci << EOD\n", f);
    for (size_t i = 0; i < KDE_POINTS; i++)
        if (k->x[i] >= m->lower && k->x[i] <= m->upper)
            fprintf(f, "%.9g %.9g\n", k->x[i], k->y[i]);
    fputs("EOD\n", f);
}

static void change_script(FILE *f, double *boot, size_t b, const cbench_result *r, double noise,
                          const char *colour)
{
    cbench_plot_sort(boot, b);
    change_marks m = change_marks_of(r, boot, b);
    for (size_t i = 0; i < b; i++)
        boot[i] *= 100;
    double band = isfinite(noise) && noise > 0 ? noise * 100 : NAN;
    kde_curve k;
    kde_of(boot, b, 0, fmin(m.lower, -band), fmax(m.upper, band), &k);
    double top = max_of(k.y, KDE_POINTS);
    datablock(f, "boot", (const double *[]){k.x, k.y}, 2, KDE_POINTS);
    ci_block(f, &k, &m);
    vline_block(f, "point", m.point, top * 1.05);
    if (isfinite(band))
        fprintf(f, "$noise << EOD\n%.9g 0 %.9g\n%.9g 0 %.9g\nEOD\n", -band, top * 1.25, band,
                top * 1.25);
    axis_label(f, "x", "Relative change of the mean time per iteration", "%");
    axis_label(f, "y", "Density (a.u.)", NULL);
    fprintf(f, "set yrange [0:%.9g]\nset format y ''\nset format x '%%+g'\n", top * 1.25);
    int first = 1;
    if (isfinite(band)) {
        element(f, &first);
        fputs("$noise using 1:2:3 with filledcurves fs transparent solid 0.18 "
              "lc rgb '#888888'", f);
        char title[64];
        snprintf(title, sizeof title, CBENCH_PLOT_T_NOISE " ±%g%%", band);
        title_clause(f, title);
    }
    element(f, &first);
    fprintf(f, "$ci using 1:2 with filledcurves y=0 fs transparent solid 0.35 lc rgb '%s'",
            colour);
    title_clause(f, CBENCH_PLOT_T_CI);
    element(f, &first);
    fprintf(f, "$boot using 1:2 with lines lw 2 lc rgb '%s'", colour);
    title_clause(f, CBENCH_PLOT_T_BOOT);
    element(f, &first);
    fputs("$point using 1:2 with lines lw 2 lc rgb '#000000'", f);
    title_clause(f, CBENCH_PLOT_T_POINT);
    fputc('\n', f);
}

int cbench_plot_chart_change(FILE *f, const cbench_plot_target *t, const cbench_result *r,
                             const cbench_result *base, double noise, uint64_t seed,
                             const char *colour)
{
    size_t nc, nb;
    double *cur = per_iter_times(r, &nc), *old = per_iter_times(base, &nb);
    double *boot = nc >= 2 && nb >= 2 ? malloc(BOOTSTRAP_N * sizeof *boot) : NULL;
    int rc = nc >= 2 && nb >= 2 ? CBENCH_ENOMEM : CBENCH_EDOMAIN;
    if (boot != NULL) {
        cbench_plot_bootstrap_change(cur, nc, old, nb, seed, boot, BOOTSTRAP_N);
        const char *verdict = r->has_change ? cbench__verdict_name(r->change.verdict) : NULL;
        char sub[96];
        snprintf(sub, sizeof sub, "relative change vs base%s%s", verdict ? ": " : "",
                 verdict ? verdict : "");
        chart_begin(f, t, 900, 500, r->id, sub);
        change_script(f, boot, BOOTSTRAP_N, r, noise, colour);
        chart_end(f);
        rc = 0;
    }
    free(boot);
    free(cur);
    free(old);
    return rc;
}

/* {=================================================================
 * History.
 * ================================================================== */

int cbench_plot_chart_history(FILE *f, const cbench_plot_target *t, const char *id,
                              const cbench_plot_hpoint *p, size_t n, const char *colour)
{
    if (n < 2)
        return CBENCH_EDOMAIN;
    double top = 0;
    for (size_t i = 0; i < n; i++)
        top = fmax(top, isfinite(p[i].est.point) ? p[i].est.point : 0);
    cbench_plot_unit u = cbench_plot_time_unit(top);
    chart_begin(f, t, 900, 500, id, "time per iteration across saved runs");
    fputs("$hist << EOD\n", f);
    for (size_t i = 0; i < n; i++) {
        const cbench_estimate *e = &p[i].est;
        double lo = isfinite(e->lower) ? e->lower : e->point;
        double hi = isfinite(e->upper) ? e->upper : e->point;
        fprintf(f, "%zu %.9g %.9g %.9g\n", i, e->point / u.div, lo / u.div, hi / u.div);
    }
    fprintf(f, "EOD\n$cur << EOD\n%zu %.9g\nEOD\n", n - 1, p[n - 1].est.point / u.div);
    fputs("set xtics rotate by -30 (", f);
    size_t every = n > 8 ? (n + 7) / 8 : 1, written = 0;   /* at most ~8 labels */
    for (size_t i = 0; i < n; i++) {
        if ((n - 1 - i) % every != 0)             /* always label this run */
            continue;
        fputs(written++ ? ", " : "", f);
        cbench_plot_gp_string(f, p[i].label);
        fprintf(f, " %zu", i);
    }
    fprintf(f, ")\nset xrange [-0.5:%.1f]\nset offsets 0, 0, graph 0.1, graph 0.1\n",
            (double)n - 0.5);
    axis_label(f, "x", "Run", NULL);
    axis_label(f, "y", "Time per iteration", u.name);
    int first = 1;
    element(f, &first);
    fprintf(f, "$hist using 1:2:3:4 with yerrorlines lw 2 pt 7 ps 0.8 lc rgb '%s'", colour);
    title_clause(f, CBENCH_PLOT_T_HISTORY " (CI)");
    element(f, &first);
    fputs("$cur using 1:2 with points pt 6 ps 2.2 lw 2 lc rgb '#000000'", f);
    title_clause(f, CBENCH_PLOT_T_THIS);
    fputc('\n', f);
    chart_end(f);
    return 0;
}

/* {=================================================================
 * Violins of a group.
 * ================================================================== */

/* Writes violin i (a closed polygon around y = i + 1) as $v<i> and its
 * median as $m<i>; x (n per-iteration times) is rescaled and sorted in
 * place, through log10 when logx. */
static void violin_block(FILE *f, size_t i, double *x, size_t n, int logx, double div)
{
    if (logx)
        for (size_t j = 0; j < n; j++)
            x[j] = log10(x[j] / div);
    else
        scale(x, n, div);
    cbench_plot_sort(x, n);
    kde_curve k;
    double bw = cbench_plot_bandwidth(x, n);
    double lo = x[0] - 3 * bw, hi = x[n - 1] + 3 * bw;
    if (!logx && lo < 0)
        lo = 0;
    cbench_plot_kde(x, n, bw, lo, hi, KDE_POINTS, k.x, k.y);
    double peak = max_of(k.y, KDE_POINTS), w = 0.4 / peak;
    fprintf(f, "$v%zu << EOD\n", i);
    for (size_t j = 0; j < KDE_POINTS; j++)
        fprintf(f, "%.9g %.9g\n", logx ? pow(10, k.x[j]) : k.x[j], (double)(i + 1) + w * k.y[j]);
    for (size_t j = KDE_POINTS; j-- > 0;)
        fprintf(f, "%.9g %.9g\n", logx ? pow(10, k.x[j]) : k.x[j], (double)(i + 1) - w * k.y[j]);
    double med = cbench_plot_quantile(x, n, 0.5);
    fprintf(f, "EOD\n$m%zu << EOD\n%.9g %zu\nEOD\n", i, logx ? pow(10, med) : med, i + 1);
}

/* The overall min and max per-iteration time of the results. */
static void violin_range(const cbench_result *const *rs, size_t n, double *lo, double *hi)
{
    *lo = INFINITY;
    *hi = -INFINITY;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < rs[i]->n_samples; j++) {
            double v = rs[i]->samples[j].ns / rs[i]->samples[j].iters;
            if (rs[i]->samples[j].iters > 0 && isfinite(v)) {
                *lo = fmin(*lo, v);
                *hi = fmax(*hi, v);
            }
        }
}

static void violin_axes(FILE *f, const char *const *labels, size_t n, int logx,
                        const char *unit)
{
    fputs("set ytics (", f);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? ", " : "", f);
        cbench_plot_gp_string(f, labels[i]);
        fprintf(f, " %zu", i + 1);
    }
    fprintf(f, ")\nset yrange [%.1f:0.4]\nset grid noytics\n", (double)n + 0.6);
    axis_label(f, "x", logx ? "Time per iteration, log scale" : "Time per iteration",
               logx ? NULL : unit);
}

/* Number of valid per-iteration times of r. */
static size_t valid_samples(const cbench_result *r)
{
    size_t m = 0;
    for (size_t j = 0; j < r->n_samples; j++)
        m += r->samples[j].iters > 0 && isfinite(r->samples[j].ns / r->samples[j].iters);
    return m;
}

static void violin_plot(FILE *f, const cbench_result *const *rs, const char *const *colours,
                        size_t n)
{
    int first = 1, drawn = 0;
    for (size_t i = 0; i < n; i++) {
        if (valid_samples(rs[i]) < 2)
            continue;
        element(f, &first);
        fprintf(f, "$v%zu using 1:2 with filledcurves closed fs transparent solid 0.45 "
                   "lc rgb '%s' notitle, \\\n     $v%zu using 1:2 with lines lw 1.2 "
                   "lc rgb '%s' notitle, \\\n     $m%zu using 1:2 with points pt 7 ps 0.6 "
                   "lc rgb '#000000'", i, colours[i], i, colours[i], i);
        title_clause(f, ++drawn == 1 ? CBENCH_PLOT_T_MEDIAN : NULL);
    }
    fputc('\n', f);
}

int cbench_plot_chart_violin(FILE *f, const cbench_plot_target *t, const char *group,
                             const cbench_result *const *rs, const char *const *labels,
                             const char *const *colours, size_t n)
{
    double lo, hi;
    size_t drawable = 0;
    for (size_t i = 0; i < n; i++)
        drawable += valid_samples(rs[i]) >= 2;
    violin_range(rs, n, &lo, &hi);
    if (drawable == 0 || !(lo <= hi))
        return CBENCH_EDOMAIN;
    int logx = lo > 0 && hi / lo > 50;
    cbench_plot_unit u = cbench_plot_time_unit(hi);
    if (logx)
        u = (cbench_plot_unit){1, "ns"};          /* the tics carry the units */
    int height = 150 + 46 * (int)n;
    chart_begin(f, t, 860, height < 380 ? 380 : height, group,
                "distribution of the time per iteration");
    for (size_t i = 0; i < n; i++) {
        size_t m;
        double *x = per_iter_times(rs[i], &m);
        if (x == NULL && m == 0 && valid_samples(rs[i]) >= 2)
            return CBENCH_ENOMEM;
        if (m >= 2)
            violin_block(f, i, x, m, logx, u.div);
        free(x);
    }
    violin_axes(f, labels, n, logx, u.name);
    if (logx)
        log_tics(f, "x", lo, hi, CBENCH_THROUGHPUT_NONE);
    violin_plot(f, rs, colours, n);
    chart_end(f);
    return 0;
}

/* {=================================================================
 * Lines against the parameter.
 * ================================================================== */

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

/* Explicit x tics at the distinct parameter values (at most ~12 labels). */
static int lines_xtics(FILE *f, const cbench_plot_line *lines, size_t n)
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
    int logx = d > 1 && xs[0] > 0;
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
        element(f, &first);
        fprintf(f, "$l%zu using 1:2:3:4 with yerrorlines lw 2 %s lc rgb '%s'", i,
                lines[i].dashed ? "dt 2 pt 6 ps 0.9" : "dt 1 pt 7 ps 0.8", lines[i].colour);
        title_clause(f, lines[i].title);
    }
    fputc('\n', f);
}

int cbench_plot_chart_lines(FILE *f, const cbench_plot_target *t, const char *title,
                            cbench_throughput_kind kind, const cbench_plot_line *lines,
                            size_t n)
{
    lines_range g = lines_range_of(lines, n);
    if (n == 0 || !(g.xmin < g.xmax) || !(g.ymin <= g.ymax))
        return CBENCH_EDOMAIN;
    int logy = g.ymin > 0 && g.ymax / g.ymin > 20;
    cbench_plot_unit u = kind == CBENCH_THROUGHPUT_NONE ? cbench_plot_time_unit(g.ymax)
                                                        : cbench_plot_rate_unit(g.ymax, kind);
    if (logy)
        u = (cbench_plot_unit){1, NULL};          /* the tics carry the units */
    chart_begin(f, t, 860, 520, title,
                kind == CBENCH_THROUGHPUT_NONE ? "time per iteration vs parameter"
                                               : "throughput vs parameter");
    lines_blocks(f, lines, n, u.div);
    if (lines_xtics(f, lines, n) != 0)
        return CBENCH_ENOMEM;
    if (g.x_positive)
        fprintf(f, "set logscale x 2\nset xrange [%.17g:%.17g]\n", g.xmin / 1.25, g.xmax * 1.25);
    if (logy)
        log_tics(f, "y", g.ymin, g.ymax, kind);
    axis_label(f, "x", g.x_positive ? "Parameter, log scale" : "Parameter", NULL);
    const char *what = kind == CBENCH_THROUGHPUT_NONE ? "Time per iteration" : "Throughput";
    char ylab[64];
    snprintf(ylab, sizeof ylab, "%s%s", what, logy ? ", log scale" : "");
    axis_label(f, "y", ylab, u.name);
    lines_plot(f, lines, n);
    chart_end(f);
    return 0;
}
