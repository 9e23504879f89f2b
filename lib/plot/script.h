/* SPDX-License-Identifier: MIT
 *
 * script.h - the pieces every gnuplot chart script is made of (the
 * chart_*.c files): its start and end, axis labels,
 * inline datablocks, plot elements, log tics in human units.
 *
 * Conventions: every script starts with `reset` and its own terminal and
 * output, ends with `unset output` and `undefine $*`, so scripts are
 * independent inside one gnuplot process. Text is drawn `noenhanced`, so
 * ^ _ @ { } in names print literally; names reach gnuplot only through
 * cbench_plot_gp_string() (units.h), never inside datablocks.
 */
#ifndef CBENCH_PLOT_SCRIPT_H
#define CBENCH_PLOT_SCRIPT_H

#include <stddef.h>
#include <stdio.h>

#include "plot/charts.h"

#define CBENCH_PLOT_INK "#333333"

/* reset, terminal (SVG or PNG of width x height), output, a title with an
 * optional smaller second line, the house style (border, grid, key). */
void cbench_plot_script_begin(FILE *f, const cbench_plot_target *t, int width, int height,
                              const char *title, const char *subtitle);
void cbench_plot_script_end(FILE *f);

/* "set xlabel 'text (unit)'" for axis "x" or "y"; unit may be NULL. */
void cbench_plot_axis_label(FILE *f, const char *axis, const char *text, const char *unit);

/* Writes datablock $name with n rows of ncols columns (col[c][i]). */
void cbench_plot_datablock(FILE *f, const char *name, const double *const *col, size_t ncols,
                           size_t n);

/* A vertical line at x from y 0 to y top, as datablock $name. */
void cbench_plot_vline(FILE *f, const char *name, double x, double top);

/* Starts one plot element: "plot " before the first, a comma before the
 * others. */
void cbench_plot_element(FILE *f, int *first);

/* " title 'text'", or " notitle" for NULL. */
void cbench_plot_title(FILE *f, const char *title);

/* Log-scale tics on 'axis' at the powers of ten from lo to hi (and at 2
 * and 5 times them when the range spans at most two decades), values in
 * ns for kind NONE, else per second, labelled in human units; the range
 * is [lo / 1.4, hi * 1.4]. */
void cbench_plot_log_tics(FILE *f, const char *axis, double lo, double hi,
                          cbench_throughput_kind kind);

/* The largest of n values (-inf for none). */
double cbench_plot_max(const double *x, size_t n);

#endif /* CBENCH_PLOT_SCRIPT_H */
