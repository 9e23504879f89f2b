/* SPDX-License-Identifier: MIT
 *
 * charts.c - one gnuplot script per chart (see charts.h), made of the
 * pieces in script.h. Densities are computed in C
 * (density.h): gnuplot's `smooth kdensity` is evaluated only over the
 * current x range and cuts the tails.
 */
#include "plot/charts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot/density.h"
#include "plot/script.h"
#include "report/units.h"

#define KDE_POINTS 200
#define MILD_COLOUR "#e69f00"
#define SEVERE_COLOUR "#b00000"
#define BASE_COLOUR "#7f7f7f"

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
    cbench_plot_axis_label(f, "y2", "Sample number", NULL);
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
        cbench_plot_element(f, first);
        fprintf(f, "$%s using 1:2 axes x1y2 with points %s lc rgb '%s'", sample_blocks[cls],
                style[cls], c);
        cbench_plot_title(f, titles[cls]);
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
    double top = cbench_plot_max(k.y, KDE_POINTS) * u.div;
    for (size_t i = 0; i < KDE_POINTS; i++)
        k.y[i] *= u.div;                  /* density per display unit */
    cbench_plot_datablock(f, "kde", (const double *[]){k.x, k.y}, 2, KDE_POINTS);
    cbench_plot_vline(f, "mean", mean / u.div, top * 1.05);
    cbench_plot_vline(f, "median", median / u.div, top * 1.05);
    size_t count[3];
    pdf_sample_blocks(f, x, n, fences, u.div, count);
    cbench_plot_axis_label(f, "x", "Time per iteration", u.name);
    cbench_plot_axis_label(f, "y", "Density (a.u.)", NULL);
    fprintf(f, "set yrange [0:%.9g]\nset ytics nomirror\nset format y ''\n", top * 1.25);
    int first = 1;
    cbench_plot_element(f, &first);
    fprintf(f, "$kde using 1:2 with filledcurves y=0 lc rgb '%s'", colour);
    cbench_plot_title(f, CBENCH_PLOT_T_PDF);
    cbench_plot_element(f, &first);
    fprintf(f, "$kde using 1:2 with lines lw 2 lc rgb '%s' notitle", colour);
    cbench_plot_element(f, &first);
    fputs("$mean using 1:2 with lines lw 2 dt 2 lc rgb '" CBENCH_PLOT_INK "'", f);
    cbench_plot_title(f, CBENCH_PLOT_T_MEAN);
    cbench_plot_element(f, &first);
    fputs("$median using 1:2 with lines lw 2 dt 3 lc rgb '#000000'", f);
    cbench_plot_title(f, CBENCH_PLOT_T_MEDIAN);
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
    cbench_plot_script_begin(f, t, 900, 500, r->id, "probability density of the time per iteration");
    pdf_script(f, r, x, sorted, n, colour);
    cbench_plot_script_end(f);
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
    cbench_plot_axis_label(f, "x", xl, NULL);
    cbench_plot_axis_label(f, "y", "Total sample time", u.name);
    fputs("set xrange [0:*]\nset yrange [0:*]\n", f);
    int first = 1;
    if (band) {
        cbench_plot_element(f, &first);
        fprintf(f, "$band using 1:2:3 with filledcurves lc rgb '%s'", colour);
        cbench_plot_title(f, CBENCH_PLOT_T_CI);
    }
    cbench_plot_element(f, &first);
    fprintf(f, "$fit using 1:2 with lines lw 2 lc rgb '%s'", colour);
    cbench_plot_title(f, CBENCH_PLOT_T_FIT);
    cbench_plot_element(f, &first);
    fputs("$samples using 1:2 with points pt 7 ps 0.5 lc rgb '" CBENCH_PLOT_INK "'", f);
    cbench_plot_title(f, CBENCH_PLOT_T_SAMPLE);
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
    cbench_plot_script_begin(f, t, 900, 500, r->id, sub);
    regression_script(f, r, colour);
    cbench_plot_script_end(f);
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
    cbench_plot_datablock(f, name, (const double *[]){k.x, k.y}, 2, KDE_POINTS);
    return cbench_plot_max(k.y, KDE_POINTS);
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
    cbench_plot_vline(f, "mbase", mean_of(base, nb) / u.div, top * 1.05);
    cbench_plot_vline(f, "mnew", mean_of(cur, nc) / u.div, top * 1.05);
    cbench_plot_axis_label(f, "x", "Time per iteration", u.name);
    cbench_plot_axis_label(f, "y", "Density (a.u.)", NULL);
    fprintf(f, "set yrange [0:%.9g]\nset format y ''\n", top * 1.25);
    int first = 1;
    cbench_plot_element(f, &first);
    fputs("$base using 1:2 with filledcurves y=0 fs transparent solid 0.15 lc rgb '"
          BASE_COLOUR "' notitle", f);
    cbench_plot_element(f, &first);
    fputs("$base using 1:2 with lines lw 2 dt 2 lc rgb '" BASE_COLOUR "'", f);
    cbench_plot_title(f, CBENCH_PLOT_T_BASE " PDF");
    cbench_plot_element(f, &first);
    fprintf(f, "$new using 1:2 with filledcurves y=0 lc rgb '%s' notitle", colour);
    cbench_plot_element(f, &first);
    fprintf(f, "$new using 1:2 with lines lw 2 lc rgb '%s'", colour);
    cbench_plot_title(f, CBENCH_PLOT_T_NEW " PDF");
    cbench_plot_element(f, &first);
    fputs("$mbase using 1:2 with lines lw 1.5 dt 2 lc rgb '" CBENCH_PLOT_INK "'", f);
    cbench_plot_title(f, CBENCH_PLOT_T_BASE " mean");
    cbench_plot_element(f, &first);
    fprintf(f, "$mnew using 1:2 with lines lw 1.5 lc rgb '%s'", colour);
    cbench_plot_title(f, CBENCH_PLOT_T_NEW " mean");
    fputc('\n', f);
}

int cbench_plot_chart_both_pdf(FILE *f, const cbench_plot_target *t, const cbench_result *r,
                               const cbench_result *base, const char *colour)
{
    size_t nc, nb;
    double *cur = per_iter_times(r, &nc), *old = per_iter_times(base, &nb);
    int rc = CBENCH_EDOMAIN;
    if (nc >= 2 && nb >= 2) {
        cbench_plot_script_begin(f, t, 900, 500, r->id, "density of the time per iteration: base vs new");
        both_script(f, cur, nc, old, nb, colour);
        cbench_plot_script_end(f);
        rc = 0;
    }
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
    cbench_plot_script_begin(f, t, 900, 500, id, "time per iteration across saved runs");
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
    cbench_plot_axis_label(f, "x", "Run", NULL);
    cbench_plot_axis_label(f, "y", "Time per iteration", u.name);
    int first = 1;
    cbench_plot_element(f, &first);
    fprintf(f, "$hist using 1:2:3:4 with yerrorlines lw 2 pt 7 ps 0.8 lc rgb '%s'", colour);
    cbench_plot_title(f, CBENCH_PLOT_T_HISTORY " (CI)");
    cbench_plot_element(f, &first);
    fputs("$cur using 1:2 with points pt 6 ps 2.2 lw 2 lc rgb '#000000'", f);
    cbench_plot_title(f, CBENCH_PLOT_T_THIS);
    fputc('\n', f);
    cbench_plot_script_end(f);
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
    double peak = cbench_plot_max(k.y, KDE_POINTS), w = 0.4 / peak;
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
    cbench_plot_axis_label(f, "x", logx ? "Time per iteration, log scale" : "Time per iteration",
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
        cbench_plot_element(f, &first);
        fprintf(f, "$v%zu using 1:2 with filledcurves closed fs transparent solid 0.45 "
                   "lc rgb '%s' notitle, \\\n     $v%zu using 1:2 with lines lw 1.2 "
                   "lc rgb '%s' notitle, \\\n     $m%zu using 1:2 with points pt 7 ps 0.6 "
                   "lc rgb '#000000'", i, colours[i], i, colours[i], i);
        cbench_plot_title(f, ++drawn == 1 ? CBENCH_PLOT_T_MEDIAN : NULL);
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
    cbench_plot_script_begin(f, t, 860, height < 380 ? 380 : height, group,
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
        cbench_plot_log_tics(f, "x", lo, hi, CBENCH_THROUGHPUT_NONE);
    violin_plot(f, rs, colours, n);
    cbench_plot_script_end(f);
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

int cbench_plot_chart_lines(FILE *f, const cbench_plot_target *t, const char *title,
                            cbench_throughput_kind kind, const cbench_plot_line *lines,
                            size_t n, const cbench_plot_band *bands, size_t n_bands)
{
    lines_range g = lines_range_of(lines, n);
    if (n == 0 || !(g.xmin < g.xmax) || !(g.ymin <= g.ymax))
        return CBENCH_EDOMAIN;
    int logy = g.ymin > 0 && g.ymax / g.ymin > 20;
    cbench_plot_unit u = kind == CBENCH_THROUGHPUT_NONE ? cbench_plot_time_unit(g.ymax)
                                                        : cbench_plot_rate_unit(g.ymax, kind);
    if (logy)
        u = (cbench_plot_unit){1, NULL};          /* the tics carry the units */
    cbench_plot_script_begin(f, t, 860, 520, title,
                kind == CBENCH_THROUGHPUT_NONE ? "time per iteration vs parameter"
                                               : "throughput vs parameter");
    lines_blocks(f, lines, n, u.div);
    if (lines_xtics(f, lines, n) != 0)
        return CBENCH_ENOMEM;
    if (g.x_positive) {
        fprintf(f, "set logscale x 2\nset xrange [%.17g:%.17g]\n", g.xmin / 1.25, g.xmax * 1.25);
        lines_bands(f, bands, n_bands);
    }
    if (logy)
        cbench_plot_log_tics(f, "y", g.ymin, g.ymax, kind);
    cbench_plot_axis_label(f, "x", g.x_positive ? "Parameter, log scale" : "Parameter", NULL);
    const char *what = kind == CBENCH_THROUGHPUT_NONE ? "Time per iteration" : "Throughput";
    char ylab[64];
    snprintf(ylab, sizeof ylab, "%s%s", what, logy ? ", log scale" : "");
    cbench_plot_axis_label(f, "y", ylab, u.name);
    lines_plot(f, lines, n);
    cbench_plot_script_end(f);
    return 0;
}
