/* SPDX-License-Identifier: MIT
 *
 * ab.h - `cbench ab`: its options (tools/ab_args.c reads them and finds
 * the stored builds of --baseline) and the paired comparison of two builds
 * (tools/cmd_ab.c).
 */
#ifndef CBENCH_TOOLS_AB_H
#define CBENCH_TOOLS_AB_H

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

#endif
