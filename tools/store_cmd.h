/* SPDX-License-Identifier: MIT
 *
 * store_cmd.h - what `cbench compare` (tools/cmd_compare.c), `cbench show`
 * and `cbench list` (tools/cmd_store.c) share: their options, finding and
 * loading a baseline by name or path (tools/store_args.c), and the
 * formats of what they print.
 */
#ifndef CBENCH_TOOLS_STORE_CMD_H
#define CBENCH_TOOLS_STORE_CMD_H

#include <math.h>
#include <stdio.h>

#include "model/result.h"
#include "model/text.h"
#include "report/report.h"
#include "store/store.h"

/* Options shared by the three subcommands. */
typedef struct store_args {
    const char *cmd;               /* "compare", "show", "list" */
    const char *dir_flag;          /* --baseline-dir, or NULL */
    cbench_store_where where;      /* where named baselines live, and why */
    const char *dir;               /* where.dir */
    double noise, significance;    /* NaN: from the file, else default */
    const char *pos[2];
    int n_pos;
    int help;
    int ignore_drift;              /* compare: no machine-drift widening */
    char settle[700];              /* compare: the drift-free command (settle_command) */
    char settle_why[800];          /* ... quoted, with what it compares */
} store_args;

/* Parses argv (argv[0] the subcommand) into a, which the caller set up
 * with a->cmd; want_pos positional arguments are required. Finds where
 * named baselines live (lib/store/where.c). Returns 0 (a->help set for
 * --help), or 2 after printing a message. */
int cbench_tool_store_args(store_args *a, int argc, char **argv, int want_pos);

/* 0 when the baseline directory exists, else 2 after saying where cbench
 * looked and why. */
int cbench_tool_store_check_dir(const store_args *a);

/* Loads a baseline argument (a name or a path); on failure prints one
 * message and returns 2. */
int cbench_tool_store_load(const store_args *a, const char *arg, cbench_run **out);

/* The report's formats (lib/report), with "-" for undefined values. */
static inline const char *fmt_time(char *buf, size_t n, double ns)
{
    if (!isfinite(ns)) {
        snprintf(buf, n, "-");
        return buf;
    }
    return cbench_report_fmt_time(buf, n, ns);
}

static inline const char *fmt_pct(char *buf, size_t n, double frac)
{
    if (!isfinite(frac)) {
        snprintf(buf, n, "-");
        return buf;
    }
    return cbench_report_fmt_pct(buf, n, frac);
}

static inline const char *or_dash(const char *s)
{
    return s != NULL && s[0] != '\0' ? s : "-";
}

/* One string of a file, as terminal text in buf, for printf. */
typedef char term_buf[1024];

static inline const char *tt(term_buf buf, const char *s)
{
    return cbench_text_escape(buf, sizeof(term_buf), CBENCH_TEXT_TERM, s);
}

#endif
