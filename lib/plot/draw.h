/* SPDX-License-Identifier: MIT
 *
 * draw.h - drawing every chart of one run in one gnuplot batch (plot.c),
 * for one section of the report (sections.c).
 *
 * Chart files are CHARTS/<base>-<kind>.<svg|png>, where <base> is a
 * sanitised, unique (case-insensitively) form of the result id, or
 * "group-<name>", or "run" for the summary chart, and <kind> is one word
 * without '-' (a group's per-axis charts are axis1, axis2, ...), so names
 * cannot clash.
 */
#ifndef CBENCH_PLOT_DRAW_H
#define CBENCH_PLOT_DRAW_H

#include <stddef.h>

#include "model/result.h"
#include "report/html.h"

typedef struct cbench_plot_draw_in {
    const char *dir;               /* the report directory */
    const char *charts;            /* where the charts go, relative to dir (exists) */
    int png;                       /* 0 SVG, 1 PNG */
    const char *gnuplot;           /* the gnuplot to run (a path) */
    const cbench_run *run, *base;  /* base may be NULL */
    const cbench_run *const *history;
    size_t n_history;
    const char *title;             /* the summary chart's, e.g. the section's name */
} cbench_plot_draw_in;

/* What was drawn: charts with files relative to the report directory. */
typedef struct cbench_plot_drawn {
    cbench_html_chart *charts;
    size_t n_charts;
    const char *summary;           /* the summary chart's file, or NULL */
    char **owned;                  /* the strings the fields point to */
    size_t n_owned;
} cbench_plot_drawn;

/* Draws every chart of in->run. 0, CBENCH_EIO with gnuplot's own message
 * in err, or CBENCH_ENOMEM. *out is filled either way (free it with
 * cbench_plot_drawn_free). */
int cbench_plot_draw(const cbench_plot_draw_in *in, cbench_plot_drawn *out, char *err,
                     size_t errlen);
void cbench_plot_drawn_free(cbench_plot_drawn *d);

/* Whether saved run h is the run itself (saved before its report is
 * drawn): the same object, or the same date, analysis seed and host. */
int cbench_plot_same_run(const cbench_run *h, const cbench_run *run);

/* Removes the files of dir named like charts (<base>-<kind>.<svg|png> of
 * a kind cbench draws), so a directory and the report that lists it
 * agree; other files are kept. */
void cbench_plot_remove_charts(const char *dir);

#endif /* CBENCH_PLOT_DRAW_H */
