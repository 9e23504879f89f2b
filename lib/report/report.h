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

#include "model/result.h"

/* How to tell a change the machine's drift held back
 * (cbench_report_drift_sentence). */
typedef struct cbench_report_drift {
    double noise_threshold;        /* the user's, before drift widened it */
    const char *settle;            /* the command that settles it; NULL: say nothing */
} cbench_report_drift;

typedef struct cbench_report_opts {
    FILE *out;                     /* stdout, or stderr when stdout carries an export */
    int color;                     /* ANSI colours */
    int verbose;
    int fail_on_regression;
    cbench_report_drift drift;     /* zero: no comparison to settle */
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
 * prefix ("" or "# "). Shared by both reporters. drift (may be NULL) words
 * a change the machine's drift held back. */
void cbench_report_block(FILE *f, const cbench_result *r, const char *prefix, int color,
                         const cbench_report_drift *drift);

/* Lines of one's own under a block: CBENCH_REPORT_INDENT spaces (the id
 * column) after prefix, then label padded to 8 columns; the caller
 * writes the rest and the newline. */
#define CBENCH_REPORT_INDENT 24
void cbench_report_block_line(FILE *f, const char *prefix, const char *label);

/* One such line with a time estimate: "label [lower point upper] (95% CI)"
 * (nothing when the point is not finite). */
void cbench_report_block_estimate(FILE *f, const char *prefix, const char *label,
                                  const cbench_estimate *e);

/* {=================================================================
 * A change held back by the machine's drift (lib/report/verdict.c): one
 * wording for every report (console, cbench compare, HTML).
 * ================================================================== */

/* +1 (slower) or -1 (faster) when a change is one at the user's threshold
 * (user_threshold: significant, its whole interval beyond it) but its
 * verdict is "within noise" because the machine's drift since the
 * baseline widened the threshold, and more than half of its interval lies
 * beyond even the widened one; else 0. */
int cbench_report_held_by_drift(const cbench_change *ch, double user_threshold);

/* Its short name: "probably slower" or "probably faster"; NULL when the
 * change is not held back by drift. */
const char *cbench_report_held_tag(const cbench_change *ch, double user_threshold);

/* For such a change, writes into buf (n bytes) what it means in plain
 * words and the command that settles it (d->settle), as two lines
 * separated by '\n', and returns 1; else writes "" and returns 0 (also
 * when d is NULL or d->settle is NULL). */
int cbench_report_drift_sentence(char *buf, size_t n, const cbench_change *ch,
                                 const cbench_report_drift *d);

/* "12.346 ns": the console's times, criterion's 5 significant digits in
 * the unit where the value reads 1..999 (ps .. s), by the one rule of
 * cbench_plot_fmt_time_digits (units.h; charts use 3 digits). "n/a" for
 * NaN. Returns buf. */
#define CBENCH_REPORT_TIME_DIGITS 5
char *cbench_report_fmt_time(char *buf, size_t n, double ns);
/* "+1.23%" (signed percent of a fraction); "n/a" for NaN. */
char *cbench_report_fmt_pct(char *buf, size_t n, double frac);

/* For a multi-threaded result, one continuation line (prefix, indent
 * spaces, "threads:") with the thread count, the CPUs, the imbalance and
 * each thread's CPU time per iteration; nothing for the others. */
void cbench_report_threads(FILE *f, const cbench_result *r, const char *prefix, int indent);

/* A user counter's value: 4 significant digits with an SI prefix (k, M,
 * G, T; m, u, n below 1) or, with CBENCH_COUNTER_BASE_1024, a binary one
 * (Ki, Mi, Gi, Ti), then "/s" for a rate or "/iter" for a value per
 * iteration: "3/iter", "1.234G/s", "4Ki". "n/a" for NaN. Returns buf. */
char *cbench_report_fmt_counter(char *buf, size_t n, double v, unsigned flags);

/* The user counters of r, a line each, under the block's labels (the
 * value with its interval, the change and verdict against a baseline). */
void cbench_report_user_counters(FILE *f, const cbench_result *r, const char *prefix,
                                 int color);

/* The user counters for the TAP ok line: " name: value" and, compared,
 * " change verdict", each. */
void cbench_report_user_counters_tap(FILE *f, const cbench_result *r);

/* Whether a result fails the run: a failed round, or a regression (of the
 * time or of a user counter) when gating is on. */
int cbench_report_is_failure(const cbench_result *r, int fail_on_regression);

#endif
