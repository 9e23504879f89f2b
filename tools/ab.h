/* SPDX-License-Identifier: MIT
 *
 * ab.h - `cbench ab`: its options (tools/ab_args.c reads them and finds
 * the stored builds of --baseline), the paired comparison of two builds
 * (tools/cmd_ab.c) and one process of a build (tools/ab_run.c).
 */
#ifndef CBENCH_TOOLS_AB_H
#define CBENCH_TOOLS_AB_H

#include <stddef.h>

#include "model/result.h"

typedef struct ab_opts {
    const char *exe[2];
    const char *baseline, *baseline_dir;   /* --baseline: A is its stored build */
    char stored[4096], libs[4096];         /* that build and its shared objects */
    const char **filters;         /* the FILTERs given, or ids */
    int n_filters;
    int exact;                    /* filters are whole ids (a baseline's), not substrings */
    const char **given;           /* owned: the array of FILTERs given */
    char **ids;                   /* owned: a baseline's ids, NULL-terminated */
    unsigned rounds, max_rounds;
    double max_time;
    const char *measure, *warm_up;
    double noise, significance;
    double speed_tol;             /* 0: keep every pair */
    int json, fail_on_regression;
    int quick;                    /* both builds run --quick (the baseline's run was), and
                                     keep every round: pairs are set aside instead */
} ab_opts;

/* Runs exe[0] (A, old) and exe[1] (B, new) alternately and prints the
 * table. Returns the exit status: 0, 1 a regression (when
 * fail_on_regression), 2 a build failed to run or nothing matched. */
int cbench_ab_compare(const ab_opts *o);

/* What a round ends with besides 0: a build gave no results (said), or
 * memory ran out (said by nomem()). */
enum { AB_FAILED = 2, AB_NOMEM = 3 };

/* Says "cbench ab: out of memory" on stderr; returns AB_NOMEM. */
int cbench_ab_nomem(void);

/* One process of build `side` (0: A, 1: B) measuring once every
 * benchmark the filters select, or only the ids given (exact) when ids is
 * not NULL, its results in *run (free with cbench__run_free); its stderr
 * goes to tmpdir/stderr-SIDE.txt. Returns 0, AB_FAILED after a message
 * that names the build, its exit status and its first line of stderr, or
 * AB_NOMEM (said). */
int cbench_ab_run_side(const ab_opts *o, int side, const char *tmpdir,
                       const char *const *ids, size_t n_ids, cbench_run **run);

/* Warns when the stored build (o->stored) would load a shared object
 * from elsewhere than its stored copies (o->libs): then A is not the old
 * code. */
void cbench_ab_check_stored_libs(const ab_opts *o, const char *tmpdir);

#endif
