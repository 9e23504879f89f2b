/* SPDX-License-Identifier: MIT
 *
 * plot.h - gnuplot charts and the HTML report of a run.
 *
 * One report covers one run: every executable of one `meson test
 * --benchmark` (or one started by hand, measure/runid.h) adds its section.
 * After measuring (or from stored baselines, `cbench plot`), each calls
 * cbench_plot_report() with its section: the section's charts are drawn
 * with one gnuplot process into the section's own directory, the section
 * (its context and results) is stored beside them, sections of an earlier
 * run are removed, and index.html is rewritten from every section of the
 * run. Charts are optional: without gnuplot, AUTO mode prints one notice
 * and still writes the section and index.html; ALWAYS mode fails with a
 * clear message.
 *
 * Files in the report directory DIR:
 *   DIR/index.html                    the page (written atomically)
 *   DIR/sections/NAME.json            a section: the baseline JSON of its
 *                                     run (lib/store) plus a "section" key
 *   DIR/sections/NAME/charts/         its charts (SVG, or PNG with png)
 *   DIR/.lock                         serialises writers of DIR
 */
#ifndef CBENCH_PLOT_PLOT_H
#define CBENCH_PLOT_PLOT_H

#include <stddef.h>
#include <stdio.h>

#include "model/result.h"

typedef enum cbench_charts_mode {
    CBENCH_CHARTS_AUTO = 0,     /* draw when gnuplot is found, else notice */
    CBENCH_CHARTS_ALWAYS,       /* no gnuplot is an error */
    CBENCH_CHARTS_NEVER         /* index.html only */
} cbench_charts_mode;

typedef struct cbench_plot_opts {
    const char *dir;            /* report directory (created) */
    cbench_charts_mode mode;
    int png;                    /* 0 = SVG (default), 1 = PNG (pngcairo) */
    const char *gnuplot;        /* NULL = "gnuplot" from PATH */
    FILE *notice;               /* where the one-time "gnuplot not found, charts skipped" notice goes (stderr) */
    const char *scope;          /* NULL for a full run; else one sentence saying what
                                   kind of run (quick, filtered), shown with the section */
} cbench_plot_opts;

/* Which section of which run a report call writes. */
typedef struct cbench_plot_section {
    const char *run_id;         /* the run (measure/runid.h); sections of others are removed */
    const char *name;           /* e.g. the executable's file name or a baseline's name */
    const char *source;         /* what measured it, shown on the page (NULL: name) */
    const char *base_name;      /* the baseline compared with, NULL for none */
} cbench_plot_section;

/* Writes section s of the report in o->dir (see above) for 'run', then
 * index.html from every section of s->run_id. 'base' (may be NULL) is
 * the baseline the run was compared against; 'history' holds saved runs
 * in chronological order (may be empty) and feeds the history charts,
 * with 'run' as the newest point.
 * Returns 0; CBENCH_EINVAL for a missing dir/run/section or a dir
 * containing control characters; CBENCH_EIO when a directory or file
 * cannot be written, or gnuplot fails (err then holds gnuplot's own
 * message and the chart it was drawing); CBENCH_ENOTSUP in ALWAYS mode
 * when gnuplot cannot be found. AUTO without gnuplot prints one notice to
 * o->notice (stderr when NULL), writes the page without charts and
 * returns 0. NEVER draws nothing. The run is only read. err (errlen
 * bytes) receives a message on failure. */
int cbench_plot_report(const cbench_plot_opts *o, const cbench_plot_section *s,
                       const cbench_run *run, const cbench_run *base,
                       const cbench_run *const *history, size_t n_history, char *err,
                       size_t errlen);

/* Loads the baselines stored in dir that may feed the history charts of
 * a run of this kind (measure/runid.h: a quick run's automatic baseline never
 * joins a full run's history), oldest first, at most max, into hist.
 * Returns how many (0 for a missing dir); free each with
 * cbench__run_free(). */
size_t cbench_plot_load_history(const char *dir, int instr, int quick, cbench_run **hist,
                                size_t max);

/* Returns the charts mode named by 's' ("auto", "always", "never") in
 * *mode and 0, or CBENCH_EINVAL for anything else. */
int cbench_plot_parse_mode(const char *s, cbench_charts_mode *mode);

#endif /* CBENCH_PLOT_PLOT_H */
