/* SPDX-License-Identifier: MIT
 *
 * script.c - the pieces of every chart script (see script.h).
 */
#include "plot/script.h"

#include <math.h>

#include "report/units.h"

void cbench_plot_script_begin(FILE *f, const cbench_plot_target *t, int width, int height,
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

void cbench_plot_script_end(FILE *f)
{
    fputs("unset output\nundefine $*\n", f);
}

void cbench_plot_axis_label(FILE *f, const char *axis, const char *text, const char *unit)
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
void cbench_plot_datablock(FILE *f, const char *name, const double *const *col, size_t ncols,
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
void cbench_plot_vline(FILE *f, const char *name, double x, double top)
{
    fprintf(f, "$%s << EOD\n%.9g 0\n%.9g %.9g\nEOD\n", name, x, x, top);
}

/* Starts one plot element: a comma before all but the first. */
void cbench_plot_element(FILE *f, int *first)
{
    fputs(*first ? "plot " : ", \\\n     ", f);
    *first = 0;
}

void cbench_plot_title(FILE *f, const char *title)
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
void cbench_plot_log_tics(FILE *f, const char *axis, double lo, double hi,
                          cbench_throughput_kind kind)
{
    const double mantissa[] = {1, 2, 5};
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

double cbench_plot_max(const double *x, size_t n)
{
    double m = -INFINITY;
    for (size_t i = 0; i < n; i++)
        if (x[i] > m)
            m = x[i];
    return m;
}
