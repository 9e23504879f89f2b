/* SPDX-License-Identifier: MIT
 *
 * chart_regression.c - the regression chart of one benchmark (see
 * charts.h): every sample's total time against its iteration count,
 * the slope through the origin that estimates the time per iteration,
 * and that slope's confidence band.
 */
#include <math.h>
#include <stdio.h>

#include "plot/charts.h"
#include "plot/script.h"
#include "report/units.h"

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
    double slope = isfinite(r->slope.point) ? r->slope.point : origin_slope(r);
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
