/* SPDX-License-Identifier: MIT
 *
 * chart_summary.c - the summary chart of a section: every benchmark's
 * time per iteration as a dot with its interval as whiskers, one row
 * each, grouped (a heading where the group changes) in the order of the
 * run, on a log axis so nanoseconds and milliseconds share it; at the
 * right, each benchmark's ratio to its group's reference.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot/charts.h"
#include "plot/script.h"
#include "report/units.h"

#define ROW_PX 32
#define GROUP_GREY "#52606d"

static int row_ok(const cbench_plot_srow *r)
{
    return isfinite(r->time.point) && r->time.point > 0;
}

/* "0xRRGGBB" of "#rrggbb" as a number, for `lc rgb variable`. */
static long colour_int(const char *c)
{
    return c != NULL && c[0] == '#' ? strtol(c + 1, NULL, 16) : 0x333333;
}

/* The rows' y positions (headings take a row of their own) into y;
 * returns the number of rows used. */
static int layout(const cbench_plot_srow *rows, size_t n, int *y, int *heading)
{
    int at = 0;
    const char *group = NULL;
    for (size_t i = 0; i < n; i++) {
        heading[i] = -1;
        if (!row_ok(&rows[i]))
            continue;
        const char *g = rows[i].group ? rows[i].group : "";
        if (group == NULL || strcmp(group, g) != 0) {
            heading[i] = at++;
            group = g;
        }
        y[i] = at++;
    }
    return at;
}

static void ratio_label(FILE *f, const cbench_plot_srow *r, int y)
{
    char text[48];
    if (r->reference)
        snprintf(text, sizeof text, "reference");
    else if (isfinite(r->ratio.point))
        snprintf(text, sizeof text, "%.3g×", r->ratio.point);
    else
        return;
    fputs("set label ", f);
    cbench_plot_gp_string(f, text);
    fprintf(f, " at graph 1.02, first %d left font ',14' textcolor rgb '%s'\n", y,
            r->reference ? GROUP_GREY : CBENCH_PLOT_INK);
}

static void headings(FILE *f, const cbench_plot_srow *rows, size_t n, const int *heading)
{
    for (size_t i = 0; i < n; i++) {
        if (heading[i] < 0)
            continue;
        fputs("set label ", f);
        cbench_plot_gp_string(f, rows[i].group && *rows[i].group ? rows[i].group : "(no group)");
        fprintf(f, " at graph 0.005, first %d left font ',15' textcolor rgb '" GROUP_GREY "'\n",
                heading[i]);
        if (heading[i] > 0)
            fprintf(f, "set arrow from graph 0, first %g to graph 1, first %g nohead "
                       "lc rgb '#c8ced6' lw 1 back\n", heading[i] - 0.5, heading[i] - 0.5);
    }
}

static void ytics(FILE *f, const cbench_plot_srow *rows, size_t n, const int *y)
{
    int count = 0;
    fputs("set ytics scale 0 (", f);
    for (size_t i = 0; i < n; i++) {
        if (!row_ok(&rows[i]))
            continue;
        fputs(count++ ? ", " : "", f);
        cbench_plot_gp_string(f, rows[i].label ? rows[i].label : "");
        fprintf(f, " %d", y[i]);
    }
    fputs(")\n", f);
}

static void data(FILE *f, const cbench_plot_srow *rows, size_t n, const int *y, double *lo,
                 double *hi)
{
    *lo = INFINITY;
    *hi = 0;
    fputs("$rows << EOD\n", f);
    for (size_t i = 0; i < n; i++) {
        const cbench_estimate *e = &rows[i].time;
        if (!row_ok(&rows[i]))
            continue;
        double l = isfinite(e->lower) && e->lower > 0 ? e->lower : e->point;
        double h = isfinite(e->upper) && e->upper >= e->point ? e->upper : e->point;
        *lo = fmin(*lo, l);
        *hi = fmax(*hi, h);
        fprintf(f, "%d %.9g %.9g %.9g %ld\n", y[i], e->point, l, h, colour_int(rows[i].colour));
    }
    fputs("EOD\n", f);
}

int cbench_plot_chart_summary(FILE *f, const cbench_plot_target *t, const char *title,
                              const cbench_plot_srow *rows, size_t n)
{
    int *y = calloc(n ? n : 1, sizeof *y), *heading = calloc(n ? n : 1, sizeof *heading);
    if (y == NULL || heading == NULL) {
        free(y);
        free(heading);
        return CBENCH_ENOMEM;
    }
    int used = layout(rows, n, y, heading), ratios = 0;
    for (size_t i = 0; i < n; i++)
        ratios |= row_ok(&rows[i]) && (rows[i].reference || isfinite(rows[i].ratio.point));
    if (used == 0) {
        free(y);
        free(heading);
        return CBENCH_EDOMAIN;
    }
    cbench_plot_script_begin(f, t, 1000, 170 + ROW_PX * used, title,
                             "time per iteration with its interval");
    double lo, hi;
    data(f, rows, n, y, &lo, &hi);
    cbench_plot_log_tics(f, "x", lo, hi, CBENCH_THROUGHPUT_NONE);
    fprintf(f, "set yrange [%d.5:-0.8]\nunset key\nset grid noytics\nset border 1\n"
               "set tmargin 4\nset rmargin %d\n", used - 1, ratios ? 14 : 3);
    cbench_plot_axis_label(f, "x", "Time per iteration, log scale", NULL);
    ytics(f, rows, n, y);
    headings(f, rows, n, heading);
    if (ratios)
        fputs("set label 'vs reference' at graph 1.02, graph 1 left offset 0,1.2 font ',14' "
              "textcolor rgb '" GROUP_GREY "'\n", f);
    for (size_t i = 0; i < n; i++)
        if (row_ok(&rows[i]))
            ratio_label(f, &rows[i], y[i]);
    fputs("plot $rows using 2:1:3:4:5 with xerrorbars pt 7 ps 1.1 lw 1.6 lc rgb variable\n", f);
    cbench_plot_script_end(f);
    free(y);
    free(heading);
    return 0;
}
