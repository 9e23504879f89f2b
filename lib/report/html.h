/* SPDX-License-Identifier: MIT
 *
 * html.h - the self-contained HTML report (index.html) of one run: one
 * section per executable (or stored baseline), each with when and by what
 * it was measured, a summary chart and table, then every group's and
 * benchmark's charts and numbers. Inline CSS only, no script, no
 * network; it reads the same opened from disk, from a CI artefact or a
 * web server. Every name is escaped (it may contain <, &, quotes, ...).
 */
#ifndef CBENCH_REPORT_HTML_H
#define CBENCH_REPORT_HTML_H

#include <stddef.h>
#include <stdio.h>

#include "model/result.h"

/* One chart file linked from the report. */
typedef struct cbench_html_chart {
    const char *key;           /* the result id, or the group name when is_group */
    int is_group;
    const char *title;         /* e.g. "Density" */
    const char *file;          /* path relative to the report directory */
} cbench_html_chart;

/* One section: what one executable measured. */
typedef struct cbench_html_section {
    const char *name;          /* e.g. "engine" */
    const char *source;        /* what measured it (e.g. "build/benches/engine"), may be NULL */
    const cbench_run *run;     /* required; its context says when */
    const char *base_name;     /* the baseline compared with, NULL for none */
    const char *base_date, *base_host;   /* that baseline's, may be NULL */
    size_t n_history;          /* saved runs the history charts cover */
    const cbench_html_chart *charts;
    size_t n_charts;
    const char *summary_chart; /* the summary chart's file, or NULL */
    const char *note;          /* NULL, or shown with the section (e.g. charts skipped) */
    const char *scope;         /* NULL for a full run's section; else what kind of run
                                  (shown once at the top when every section shares it) */
} cbench_html_section;

typedef struct cbench_html_input {
    const cbench_html_section *sections;   /* in the order measured */
    size_t n_sections;                     /* >= 1 */
} cbench_html_input;

/* Writes the report to 'path' atomically (lib/store/atomic.c: a fresh
 * temporary file in the same directory, then rename). Returns 0,
 * CBENCH_EINVAL (no section or run), CBENCH_ENOMEM, or CBENCH_EIO with
 * err naming the file and the system error. */
int cbench_report_html_write(const char *path, const cbench_html_input *in, char *err,
                             size_t errlen);

/* {=================================================================
 * Shared by html.c and html_summary.c.
 * ================================================================== */

/* The headline estimate: typical, else mean, else median. */
const cbench_estimate *cbench_html_headline(const cbench_result *r);

/* Writes the anchor of result i of section k ("s2-b7"). */
void cbench_html_anchor(FILE *f, size_t k, size_t i);

/* The summary of section k: its chart and a table of every result with
 * only the columns something fills, warnings as short tags. */
void cbench_html_summary(FILE *f, const cbench_html_section *s, size_t k);

/* The legend of the tags used by any section (nothing when none is). */
void cbench_html_legend(FILE *f, const cbench_html_input *in);

/* r's counters per iteration, a span each; with all = 0 only those that
 * are not zero (or were not in the baseline). */
void cbench_html_counters(FILE *f, const cbench_result *r, int all);

/* r's user counters (html_ucount.c), a span each: with brief, for a
 * summary cell, the value and a verdict other than "no change"; else,
 * for its article, one per line with the interval, and the change with
 * its interval and the verdict (or the baseline's value). */
void cbench_html_user_counters(FILE *f, const cbench_result *r, int brief);

/* The class of a verdict's badge ("v-regressed", ...). */
const char *cbench_html_verdict_class(cbench_verdict v);

/* The tags of r (a span each), for its article. */
void cbench_html_tags(FILE *f, const cbench_result *r);

#endif /* CBENCH_REPORT_HTML_H */
