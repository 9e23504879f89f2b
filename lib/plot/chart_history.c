/* SPDX-License-Identifier: MIT
 *
 * chart_history.c - the history chart of one benchmark (see charts.h):
 * its headline time per iteration with its interval in each saved run,
 * oldest first, and this run circled at the right.
 */
#include <math.h>
#include <stdio.h>

#include "plot/charts.h"
#include "plot/script.h"
#include "report/units.h"

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
