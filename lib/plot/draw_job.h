/* SPDX-License-Identifier: MIT
 *
 * draw_job.h - the state of one batch of charts while it is drawn (see
 * draw.h), shared by the files that add charts to it: plot.c runs the
 * batch and owns the state, draw_names.c names the files and picks the
 * colours, draw_bench.c adds each benchmark's charts, draw_group.c each
 * group's, draw_lines.c the sweep charts of a group and draw_axes.c the
 * per-axis charts of its benchmarks with several parameters.
 *
 * A chart is added with cbench_plot_job_draw(): its generator writes the
 * script, gnuplot gets it, and the report lists it. A chart the data
 * cannot make (CBENCH_EDOMAIN) is left out without a word.
 */
#ifndef CBENCH_PLOT_DRAW_JOB_H
#define CBENCH_PLOT_DRAW_JOB_H

#include <stddef.h>
#include <stdio.h>

#include "plot/charts.h"
#include "plot/draw.h"
#include "plot/gnuplot.h"
#include "stats/scaling.h"

/* Everything one report needs while it is being drawn. */
typedef struct plot_job {
    const cbench_plot_draw_in *in;
    const cbench_run *run, *base;
    const cbench_run *const *history;
    size_t n_history;
    char **base_names;             /* per result, unique file base */
    const char **colours;          /* per result, by benchmark name */
    cbench_html_chart *charts;
    size_t n_charts, cap_charts;
    char **owned;                  /* strings the charts point to */
    size_t n_owned, cap_owned;
    const char *summary;           /* the summary chart's file */
    const char **sent;             /* the charts' files in the order gnuplot got them */
    size_t n_sent, cap_sent;
    cbench_gp *gp;
    char *err;
    size_t errlen;
    cbench_scalings sweeps;        /* the run's knees, drawn on its lines */
} plot_job;

/* The members of one group of the run. */
typedef struct group_ref {
    const char *name;
    const cbench_result **rs;      /* members in run order */
    size_t n;
} group_ref;

/* Chart generator: writes one script to f for t->path. */
typedef int (*chart_fn)(FILE *f, const cbench_plot_target *t, plot_job *j, const void *arg);

/* Renders one chart CHARTS/<base>-<kind>: builds its script with fn(arg),
 * sends it to gnuplot and lists it in the report under key (a result id,
 * or a group name when is_group; NULL: the summary chart, not listed)
 * with caption title. 0 (also when the data cannot make the chart), or
 * CBENCH_ENOMEM / CBENCH_EIO. */
int cbench_plot_job_draw(plot_job *j, const char *key, int is_group, const char *base,
                         const char *kind, const char *title, chart_fn fn, const void *arg);

/* Makes j own s (freed with the drawn charts). 0, or CBENCH_ENOMEM (s
 * is freed; NULL s is out of memory too). */
int cbench_plot_job_keep(plot_job *j, char *s);

/* Colours and file bases of every result of the run (draw_names.c). */
int cbench_plot_job_colours(plot_job *j);
int cbench_plot_job_names(plot_job *j);

/* A unique file base prefix + s (sanitised) among the n names taken so
 * far, ignoring case (malloc'ed; NULL on out of memory). */
char *cbench_plot_unique_name(char *const *taken, size_t n, const char *prefix, const char *s);

/* The charts of one benchmark (draw_bench.c), of every group of the run
 * in order of first appearance (draw_group.c), and of one group whose
 * file base is base: its sweep charts (draw_lines.c) and the per-axis
 * charts of its families with several axes (draw_axes.c). */
int cbench_plot_draw_benchmark(plot_job *j, const cbench_result *r);
int cbench_plot_draw_groups(plot_job *j);
int cbench_plot_draw_sweeps(plot_job *j, const group_ref *g, const char *base);
int cbench_plot_draw_axes(plot_job *j, const group_ref *g, const char *base);

/* The knees of n lines' sweeps (sweeps[i] NULL: a line without one) as
 * shaded bands, one per size range: lines that step up between the same
 * two sizes (the usual case: every kernel leaves a cache at the same size)
 * share one grey band labelled with the range of their factors; a lone
 * line's band takes its colour, colours[i]. Labels go in labels[] (48
 * bytes each). Returns how many bands, at most cap (draw_lines.c). */
#define CBENCH_PLOT_MAX_BANDS 16
size_t cbench_plot_knee_bands(const plot_job *j, const cbench_scaling *const *sweeps,
                              const char *const *colours, size_t n, cbench_plot_band *bands,
                              char (*labels)[48], size_t cap);

/* Where r is in the run (its colour and base name have that index). */
static inline size_t cbench_plot_job_index(const plot_job *j, const cbench_result *r)
{
    return (size_t)(r - j->run->results);
}

#endif /* CBENCH_PLOT_DRAW_JOB_H */
