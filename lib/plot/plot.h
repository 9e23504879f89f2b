/* SPDX-License-Identifier: MIT
 *
 * plot.h - gnuplot charts and the HTML report of a run.
 *
 * After a run (or from stored baselines, `cbench plot`), the engine calls
 * cbench_plot_report(): it draws every chart with one gnuplot process fed
 * one script with inline datablocks, then writes index.html beside them.
 * Charts are optional: without gnuplot, AUTO mode prints one notice and
 * still writes index.html; ALWAYS mode fails with a clear message.
 */
#ifndef CBENCH_PLOT_PLOT_H
#define CBENCH_PLOT_PLOT_H

#include <stddef.h>
#include <stdio.h>

#include "core/result.h"

typedef enum cbench_charts_mode {
    CBENCH_CHARTS_AUTO = 0,     /* draw when gnuplot is found, else notice */
    CBENCH_CHARTS_ALWAYS,       /* no gnuplot is an error */
    CBENCH_CHARTS_NEVER         /* index.html only */
} cbench_charts_mode;

typedef struct cbench_plot_opts {
    const char *dir;            /* report directory (created); charts + index.html go here */
    cbench_charts_mode mode;
    int png;                    /* 0 = SVG (default), 1 = PNG (pngcairo) */
    const char *gnuplot;        /* NULL = "gnuplot" from PATH */
    FILE *notice;               /* where the one-time "gnuplot not found, charts skipped" notice goes (stderr) */
} cbench_plot_opts;

/* Draws every chart for 'run' into o->dir/charts/ and writes o->dir/index.html.
 * 'base' (may be NULL) is the baseline the run was compared against;
 * 'history' holds saved runs in chronological order (may be empty) and
 * feeds the history charts, with 'run' as the newest point.
 * Returns 0; CBENCH_EINVAL for a missing dir/run or a dir containing control
 * characters; CBENCH_EIO when a directory or file cannot be written, or
 * gnuplot fails (err then holds gnuplot's own message and the chart it was
 * drawing); CBENCH_ENOTSUP in ALWAYS mode when gnuplot cannot be found.
 * AUTO without gnuplot prints one notice to o->notice (stderr when NULL),
 * writes index.html without charts and returns 0. NEVER draws nothing.
 * The run is only read. err (errlen bytes) receives a message on failure. */
int cbench_plot_report(const cbench_plot_opts *o, const cbench_run *run, const cbench_run *base,
                       const cbench_run *const *history, size_t n_history, char *err,
                       size_t errlen);

/* Returns the charts mode named by 's' ("auto", "always", "never") in
 * *mode and 0, or CBENCH_EINVAL for anything else. */
int cbench_plot_parse_mode(const char *s, cbench_charts_mode *mode);

#endif /* CBENCH_PLOT_PLOT_H */
