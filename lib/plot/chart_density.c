/* SPDX-License-Identifier: MIT
 *
 * chart_density.c - the charts of how per-iteration times are
 * distributed (see charts.h): one benchmark's probability density with
 * its samples by Tukey class, the base's and the new run's densities
 * overlaid, and a group's violins. Densities are computed in C
 * (density.h): gnuplot's `smooth kdensity` is evaluated only over the
 * current x range and cuts the tails.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot/charts.h"
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
