/* SPDX-License-Identifier: MIT
 *
 * report.h - the console reporters (human "pretty" report and TAP for
 * `meson test --benchmark`), as a vtable whose NULL hooks are no-ops.
 *
 * Both print each result the moment it is final, flushing per line,
 * because under Meson stdout is a pipe.
 */
#ifndef CBENCH_REPORT_REPORT_H
#define CBENCH_REPORT_REPORT_H

#include <stdio.h>

#include "core/result.h"

typedef struct cbench_report_opts {
    FILE *out;                     /* stdout, or stderr when stdout carries an export */
    int color;                     /* ANSI colours */
    int verbose;
    int fail_on_regression;
} cbench_report_opts;

typedef struct cbench_reporter {
    const char *name;
    void (*begin)(const cbench_report_opts *o, size_t n_planned);
    void (*notice)(const cbench_report_opts *o, const char *msg);
    /* index is 1-based in the order results are reported */
    void (*result)(const cbench_report_opts *o, const cbench_result *r, size_t index);
    void (*end)(const cbench_report_opts *o, const char *summary);
    /* Something the run was asked to do did not happen (a save): the run
     * fails. TAP says "Bail out!"; NULL: the notice is used. */
    void (*error)(const cbench_report_opts *o, const char *msg);
} cbench_reporter;

extern const cbench_reporter cbench_report_pretty;
extern const cbench_reporter cbench_report_tap;

/* Writes the criterion-like block of one result, every line starting with
 * prefix ("" or "# "). Shared by both reporters. */
void cbench_report_block(FILE *f, const cbench_result *r, const char *prefix, int color);

/* "12.35 ns": 4 significant digits in the unit where the value reads
 * 1..999 (ps .. s). "n/a" for NaN. Returns buf. */
char *cbench_report_fmt_time(char *buf, size_t n, double ns);
/* "+1.23%" (signed percent of a fraction); "n/a" for NaN. */
char *cbench_report_fmt_pct(char *buf, size_t n, double frac);

/* Whether a result fails the run: a failed round, or a regression when
 * gating is on. */
int cbench_report_is_failure(const cbench_result *r, int fail_on_regression);

#endif
