/* SPDX-License-Identifier: MIT
 *
 * charts.h - gnuplot scripts for each chart kind. Each function writes one
 * complete, self-contained script (terminal, output file, inline
 * datablocks, plot command) to f; lib/plot/plot.c sends a batch of them to
 * one gnuplot process. One file per kind of chart: chart_density.c
 * (densities and violins), chart_regression.c, chart_change.c,
 * chart_history.c, chart_lines.c (the sweep chart), chart_threads.c and
 * chart_summary.c. Names reach gnuplot only as escaped single-quoted
 * strings (units.h) and never inside datablocks, which hold numbers only.
 *
 * Every function returns 0, CBENCH_EDOMAIN when the data cannot make the
 * chart (e.g. fewer than 2 samples; nothing was written), or CBENCH_ENOMEM.
 */
#ifndef CBENCH_PLOT_CHARTS_H
#define CBENCH_PLOT_CHARTS_H

#include <stdint.h>
#include <stdio.h>

#include "model/result.h"

typedef struct cbench_plot_target {
    const char *path;          /* output file */
    int png;                   /* 0 SVG, 1 PNG */
} cbench_plot_target;

/* Series titles used in the charts (tests look for them). */
#define CBENCH_PLOT_T_PDF "PDF"
#define CBENCH_PLOT_T_MEAN "Mean"
#define CBENCH_PLOT_T_MEDIAN "Median"
#define CBENCH_PLOT_T_SAMPLE "Sample"
#define CBENCH_PLOT_T_MILD "Mild outlier"
#define CBENCH_PLOT_T_SEVERE "Severe outlier"
#define CBENCH_PLOT_T_FIT "Linear regression"
#define CBENCH_PLOT_T_CI "Confidence interval"
#define CBENCH_PLOT_T_BASE "Base"
#define CBENCH_PLOT_T_NEW "New"
#define CBENCH_PLOT_T_DIST "Distribution of the estimate"
#define CBENCH_PLOT_T_POINT "Point estimate"
#define CBENCH_PLOT_T_NOISE "Noise threshold"
#define CBENCH_PLOT_T_HISTORY "Estimate"
#define CBENCH_PLOT_T_THIS "This run"
#define CBENCH_PLOT_T_BASE_SUFFIX " (base)"
#define CBENCH_PLOT_T_IDEAL "Ideal (linear in threads)"

/* Density of per-iteration times: KDE, mean and median lines, samples by
 * Tukey class (using r->outliers.fences when valid). */
int cbench_plot_chart_pdf(FILE *f, const cbench_plot_target *t, const cbench_result *r,
                          const char *colour);

/* Each sample's total time vs its iterations, the fitted slope through the
 * origin and its CI band (r->slope; a least-squares fit when undefined). */
int cbench_plot_chart_regression(FILE *f, const cbench_plot_target *t, const cbench_result *r,
                                 const char *colour);

/* The densities of base (dashed) and current run overlaid, with means. */
int cbench_plot_chart_both_pdf(FILE *f, const cbench_plot_target *t, const cbench_result *r,
                               const cbench_result *base, const char *colour);

/* The change the verdict tested (chart_change.c): the sampling
 * distribution of r->change.mean (in %) — Student's t with
 * r->change.df degrees of freedom on the log scale, the same that gave
 * its interval (normal through the interval when df is unknown) — with
 * the point, the interval and the +-noise band (a fraction, e.g. 0.02;
 * NaN: none; 'widened': the machine's drift widened it). EDOMAIN without
 * a change of finite, non-empty interval (e.g. an exact count). */
int cbench_plot_chart_change(FILE *f, const cbench_plot_target *t, const cbench_result *r,
                             double noise, int widened, const char *colour);

/* One point of a history chart. */
typedef struct cbench_plot_hpoint {
    const char *label;         /* e.g. the run's date */
    cbench_estimate est;       /* time per iteration, ns */
} cbench_plot_hpoint;

/* The estimate across runs (oldest first; the last is this run). n >= 2. */
int cbench_plot_chart_history(FILE *f, const cbench_plot_target *t, const char *id,
                              const cbench_plot_hpoint *p, size_t n, const char *colour);

/* Horizontal violins of the per-iteration times of n results (labels[i]
 * names result i), with medians; log x when the range is wide. */
int cbench_plot_chart_violin(FILE *f, const cbench_plot_target *t, const char *group,
                             const cbench_result *const *rs, const char *const *labels,
                             const char *const *colours, size_t n);

/* One line of a parameter chart. */
typedef struct cbench_plot_line {
    const char *title;
    const char *colour;
    int dashed;                /* baseline lines */
    size_t n;
    const double *x;           /* parameter values (> 0 for the log axis) */
    const cbench_estimate *y;  /* ns per iteration, or items per second */
} cbench_plot_line;

/* A knee of a line's sweep (stats/knees.h): a shaded band over the sizes
 * it lies between, labelled with its factor and cache level. */
typedef struct cbench_plot_band {
    double lo, hi;             /* parameter values, 0 < lo < hi */
    const char *label;         /* e.g. "x2.9 L2" */
    const char *colour;        /* its line's */
} cbench_plot_band;

/* Lines vs the parameter on a log x axis with CI error bars. kind NONE:
 * y are times in ns; BYTES/ELEMENTS: y are rates per second. bands (may
 * be none) are drawn behind the lines when the x axis is logarithmic. */
int cbench_plot_chart_lines(FILE *f, const cbench_plot_target *t, const char *title,
                            cbench_throughput_kind kind, const cbench_plot_line *lines,
                            size_t n, const cbench_plot_band *bands, size_t n_bands);

/* The lines of a family with several parameters along one axis
 * (draw_axes.c): x are the values of 'axis' (named in the subtitle and
 * the x label), on a log axis when they are positive and span more than
 * one octave; y are times per 'per' ("iteration", "element", ...) in ns,
 * with CI error bars; bands (the knees along a size axis, may be none) as
 * in cbench_plot_chart_lines. EDOMAIN without two distinct x values. */
int cbench_plot_chart_axis(FILE *f, const cbench_plot_target *t, const char *title,
                           const char *axis, const char *per, const cbench_plot_line *lines,
                           size_t n, const cbench_plot_band *bands, size_t n_bands);

/* One line of a thread-scaling chart (chart_threads.c): a benchmark at
 * one parameter over its thread counts, ascending. */
typedef struct cbench_plot_tline {
    const char *title;
    const char *colour;
    size_t n;
    const double *threads;
    const cbench_estimate *rate;  /* all threads together, per second */
} cbench_plot_tline;

/* Throughput against threads with CI error bars, and each line's ideal
 * (its first count's rate scaled by threads) dashed. kind NONE: rates
 * are iterations per second. EDOMAIN without a line of 2+ counts. */
int cbench_plot_chart_threads(FILE *f, const cbench_plot_target *t, const char *title,
                              cbench_throughput_kind kind, const cbench_plot_tline *lines,
                              size_t n);

/* Whether rs[0..n) (a group) has a benchmark measured at 2 or more
 * thread counts at one parameter. */
int cbench_plot_threads_drawable(const cbench_result *const *rs, size_t n);

/* The thread-scaling chart of a group: one line per benchmark and
 * parameter over its thread counts, in colours[i] of its first result
 * rs[i]; aggregate throughput when every threaded result declares the
 * same kind, else iterations per second. */
int cbench_plot_chart_group_threads(FILE *f, const cbench_plot_target *t, const char *group,
                                    const cbench_result *const *rs,
                                    const char *const *colours, size_t n);

/* One row of the summary chart (chart_summary.c). */
typedef struct cbench_plot_srow {
    const char *label;         /* within its group */
    const char *group;         /* a heading is drawn where it changes */
    cbench_estimate time;      /* ns per iteration; rows without a time are left out */
    cbench_estimate ratio;     /* to the group's reference, NaN for none */
    int reference;             /* the group's reference itself */
    const char *colour;
} cbench_plot_srow;

/* Every row's time as a dot with its interval as whiskers on a log axis,
 * grouped in the order given, with the ratio to the group's reference at
 * the right. EDOMAIN when no row has a time. */
int cbench_plot_chart_summary(FILE *f, const cbench_plot_target *t, const char *title,
                              const cbench_plot_srow *rows, size_t n);

#endif /* CBENCH_PLOT_CHARTS_H */
