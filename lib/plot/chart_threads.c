/* SPDX-License-Identifier: MIT
 *
 * chart_threads.c - the thread-scaling chart of a multi-threaded
 * benchmark: aggregate throughput against the thread count, each point
 * with its interval, and beside each line its ideal, the first count's
 * throughput times threads / first count (dashed, same colour).
 *
 *   rate |            o ideal
 *        |        o  /
 *        |    o  /   x measured
 *        |   x--x---x
 *        +------------- threads
 *
 * A line under its ideal is the cost of running together (shared lines,
 * memory bandwidth, a busy sibling); a flat or falling one is contention.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot/charts.h"
#include "plot/script.h"
#include "report/units.h"

static void range_of(const cbench_plot_tline *lines, size_t n, double *xmax, double *ymax)
{
    *xmax = 0;
    *ymax = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < lines[i].n; j++) {
            const cbench_estimate *e = &lines[i].rate[j];
            double ideal = lines[i].rate[0].point * lines[i].threads[j] / lines[i].threads[0];
            *xmax = fmax(*xmax, lines[i].threads[j]);
            *ymax = fmax(*ymax, fmax(isfinite(e->upper) ? e->upper : e->point, ideal));
        }
}

/* $tI: threads, rate, lower, upper; $iI: threads, ideal rate. */
static void blocks(FILE *f, const cbench_plot_tline *lines, size_t n, double div)
{
    for (size_t i = 0; i < n; i++) {
        fprintf(f, "$t%zu << EOD\n", i);
        for (size_t j = 0; j < lines[i].n; j++) {
            const cbench_estimate *e = &lines[i].rate[j];
            if (!isfinite(e->point))
                continue;
            double lo = isfinite(e->lower) ? e->lower : e->point;
            double hi = isfinite(e->upper) ? e->upper : e->point;
            fprintf(f, "%.17g %.9g %.9g %.9g\n", lines[i].threads[j], e->point / div,
                    lo / div, hi / div);
        }
        fprintf(f, "EOD\n$i%zu << EOD\n", i);
        for (size_t j = 0; j < lines[i].n; j++)
            fprintf(f, "%.17g %.9g\n", lines[i].threads[j],
                    lines[i].rate[0].point * lines[i].threads[j] / lines[i].threads[0] / div);
        fputs("EOD\n", f);
    }
}

static void xtics(FILE *f, const cbench_plot_tline *lines, size_t n)
{
    /* The counts of the first line with the most points label the axis. */
    size_t best = 0;
    for (size_t i = 1; i < n; i++)
        if (lines[i].n > lines[best].n)
            best = i;
    fputs("set xtics (", f);
    for (size_t j = 0; j < lines[best].n; j++)
        fprintf(f, "%s'%.0f' %.17g", j ? ", " : "", lines[best].threads[j],
                lines[best].threads[j]);
    fputs(")\n", f);
}

int cbench_plot_chart_threads(FILE *f, const cbench_plot_target *t, const char *title,
                              cbench_throughput_kind kind, const cbench_plot_tline *lines,
                              size_t n)
{
    double xmax, ymax;
    size_t usable = 0;
    for (size_t i = 0; i < n; i++)
        usable += lines[i].n >= 2 && lines[i].threads[0] > 0 && lines[i].rate[0].point > 0;
    if (usable == 0)
        return CBENCH_EDOMAIN;
    range_of(lines, n, &xmax, &ymax);
    cbench_plot_unit u = kind == CBENCH_THROUGHPUT_BYTES ? cbench_plot_rate_unit(ymax, kind)
                                                         : cbench_plot_rate_unit(ymax,
                                                               CBENCH_THROUGHPUT_ELEMENTS);
    cbench_plot_script_begin(f, t, 860, 520, title, "throughput vs threads (dashed: ideal)");
    blocks(f, lines, n, u.div);
    xtics(f, lines, n);
    fprintf(f, "set xrange [0.5:%.17g]\nset yrange [0:%.17g]\n", xmax + 0.5, 1.08 * ymax / u.div);
    cbench_plot_axis_label(f, "x", "Threads", NULL);
    /* Without a declared throughput, iterations: "Melem/s" reads "Miter/s". */
    char iters[16];
    snprintf(iters, sizeof iters, "%.*siter/s", (int)(strcspn(u.name, "e")), u.name);
    cbench_plot_axis_label(f, "y", kind == CBENCH_THROUGHPUT_NONE
                                       ? "Iterations of all threads per second"
                                       : "Throughput of all threads",
                           kind == CBENCH_THROUGHPUT_NONE ? iters : u.name);
    int first = 1;
    for (size_t i = 0; i < n; i++) {
        if (lines[i].n < 2)
            continue;
        cbench_plot_element(f, &first);
        fprintf(f, "$t%zu using 1:2:3:4 with yerrorlines lw 2 dt 1 pt 7 ps 0.8 lc rgb '%s'", i,
                lines[i].colour);
        cbench_plot_title(f, lines[i].title);
        cbench_plot_element(f, &first);
        fprintf(f, "$i%zu using 1:2 with lines lw 1 dt 2 lc rgb '%s'", i, lines[i].colour);
        cbench_plot_title(f, i == 0 ? CBENCH_PLOT_T_IDEAL : NULL);
    }
    fputc('\n', f);
    cbench_plot_script_end(f);
    return 0;
}

/* {=================================================================
 * From a group's results to lines.
 * ================================================================== */

static int usable_result(const cbench_result *r)
{
    return r->threads.count > 0 && !(r->flags & (CBENCH_RESULT_FAILED | CBENCH_RESULT_SKIPPED))
        && isfinite(r->typical.point) && r->typical.point > 0;
}

/* Whether a and b are one benchmark at one parameter (any thread count). */
static int same_line(const cbench_result *a, const cbench_result *b)
{
    return strcmp(a->name ? a->name : "", b->name ? b->name : "") == 0
        && a->has_param == b->has_param && a->param_value == b->param_value;
}

/* Aggregate rate of r per second: its throughput (all threads', as
 * stored), else its thread count's iterations. */
static cbench_estimate rate_of(const cbench_result *r, cbench_throughput_kind kind)
{
    double q = (kind != CBENCH_THROUGHPUT_NONE ? r->throughput_per_iter
                                               : (double)r->threads.count) * 1e9;
    const cbench_estimate *e = &r->typical;
    return (cbench_estimate){q / e->point, q / e->upper, q / e->lower, NAN, e->level};
}

int cbench_plot_threads_drawable(const cbench_result *const *rs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        for (size_t k = i + 1; k < n; k++)
            if (usable_result(rs[i]) && usable_result(rs[k]) && same_line(rs[i], rs[k])
                && rs[i]->threads.count != rs[k]->threads.count)
                return 1;
    return 0;
}

/* The throughput kind every threaded result shares, else NONE. */
static cbench_throughput_kind common_kind(const cbench_result *const *rs, size_t n)
{
    cbench_throughput_kind k = CBENCH_THROUGHPUT_NONE;
    for (size_t i = 0; i < n; i++) {
        if (!usable_result(rs[i]))
            continue;
        if (rs[i]->throughput == CBENCH_THROUGHPUT_NONE || !(rs[i]->throughput_per_iter > 0)
            || (k != CBENCH_THROUGHPUT_NONE && rs[i]->throughput != k))
            return CBENCH_THROUGHPUT_NONE;
        k = rs[i]->throughput;
    }
    return k;
}

/* Collects the line of rs[first] into x/y (ascending threads); returns
 * its length. */
static size_t collect(const cbench_result *const *rs, size_t n, size_t first,
                      cbench_throughput_kind kind, double *x, cbench_estimate *y)
{
    size_t m = 0;
    for (size_t i = first; i < n; i++) {
        if (!usable_result(rs[i]) || !same_line(rs[i], rs[first]))
            continue;
        size_t at = m++;
        while (at > 0 && x[at - 1] > rs[i]->threads.count) {   /* insertion sort */
            x[at] = x[at - 1];
            y[at] = y[at - 1];
            at--;
        }
        x[at] = rs[i]->threads.count;
        y[at] = rate_of(rs[i], kind);
    }
    return m;
}

int cbench_plot_chart_group_threads(FILE *f, const cbench_plot_target *t, const char *group,
                                    const cbench_result *const *rs,
                                    const char *const *colours, size_t n)
{
    cbench_plot_tline *lines = calloc(n ? n : 1, sizeof *lines);
    double *x = calloc(n ? n : 1, sizeof *x);
    cbench_estimate *y = calloc(n ? n : 1, sizeof *y);
    char (*titles)[160] = calloc(n ? n : 1, sizeof *titles);
    int rc = CBENCH_ENOMEM;
    if (lines != NULL && x != NULL && y != NULL && titles != NULL) {
        cbench_throughput_kind kind = common_kind(rs, n);
        size_t nl = 0, used = 0;
        for (size_t i = 0; i < n; i++) {
            int seen = !usable_result(rs[i]);
            for (size_t k = 0; k < i && !seen; k++)
                seen = usable_result(rs[k]) && same_line(rs[k], rs[i]);
            if (seen)
                continue;
            size_t m = collect(rs, n, i, kind, x + used, y + used);
            if (rs[i]->has_param)
                snprintf(titles[nl], sizeof titles[nl], "%s/%lld", rs[i]->name ? rs[i]->name : "",
                         (long long)rs[i]->param_value);
            else
                snprintf(titles[nl], sizeof titles[nl], "%s", rs[i]->name ? rs[i]->name : "");
            lines[nl] = (cbench_plot_tline){titles[nl], colours[i], m, x + used, y + used};
            used += m;
            nl++;
        }
        rc = cbench_plot_chart_threads(f, t, group, kind, lines, nl);
    }
    free(lines);
    free(x);
    free(y);
    free(titles);
    return rc;
}
