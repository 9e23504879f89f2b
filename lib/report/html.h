/* SPDX-License-Identifier: MIT
 *
 * html.h - the self-contained HTML report (index.html): run context, the
 * summary table and every chart inline. Inline CSS only, no script, no
 * network; it reads the same opened from disk, from a CI artefact or a
 * web server. Every name is escaped (it may contain <, &, quotes, ...).
 */
#ifndef CBENCH_REPORT_HTML_H
#define CBENCH_REPORT_HTML_H

#include <stddef.h>

#include "core/result.h"

/* One chart file linked from the report. */
typedef struct cbench_html_chart {
    const char *key;           /* the result id, or the group name when is_group */
    int is_group;
    const char *title;         /* e.g. "Density" */
    const char *file;          /* path relative to the report directory */
} cbench_html_chart;

typedef struct cbench_html_input {
    const cbench_run *run;     /* required */
    const cbench_run *base;    /* NULL: no baseline */
    size_t n_history;          /* saved runs the history charts cover */
    const cbench_html_chart *charts;
    size_t n_charts;
    const char *note;          /* NULL, or shown at the top (e.g. charts skipped) */
} cbench_html_input;

/* Writes the report to 'path' atomically (a temporary file in the same
 * directory, then rename). Returns 0, CBENCH_EINVAL (no run), or
 * CBENCH_EIO with err naming the file and the system error. */
int cbench_report_html_write(const char *path, const cbench_html_input *in, char *err,
                             size_t errlen);

#endif /* CBENCH_REPORT_HTML_H */
