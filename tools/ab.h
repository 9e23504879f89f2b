/* SPDX-License-Identifier: MIT
 *
 * ab.h - `cbench ab`: its options (tools/ab_args.c reads them and finds
 * the stored builds of --baseline), the paired comparison of two builds
 * (tools/cmd_ab.c), one process of a build (tools/ab_run.c) and the user
 * counters' comparison (tools/ab_ucount.c).
 */
#ifndef CBENCH_TOOLS_AB_H
#define CBENCH_TOOLS_AB_H

#include <stddef.h>

#include <cJSON.h>

#include "model/result.h"
#include "stats/analysis.h"

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

/* The user counters (cbench_counter()) of one benchmark in `cbench ab`
 * (tools/ab_ucount.c): each counter's value by side and round (NaN: that
 * process did not report it). */
typedef struct ab_ucount {
    char name[CBENCH_COUNTER_NAME_MAX + 1];
    unsigned flags;                /* CBENCH_COUNTER_* */
    double *v[2];                  /* [side][round], cap rounds */
} ab_ucount;

typedef struct ab_ucounts {
    ab_ucount *c;
    size_t n;
} ab_ucounts;

/* Records side's value in round r (< cap) of each user counter of res. 0,
 * or -1 when out of memory. */
int cbench_ab_ucount_collect(ab_ucounts *u, const cbench_result *res, int side, unsigned r,
                             unsigned cap);

/* Compares each counter over the rounds rounds[0..n) (the pairs the time
 * was compared over, those where both sides have the counter): B / A - 1
 * paired as the time is, its verdict turned round for a
 * CBENCH_COUNTER_HIGHER_IS_BETTER counter; adds the regressions to
 * *regressed. Prints a line per counter under the benchmark's row, or,
 * with row (--json), adds them to it as "user_counters". 0, or
 * CBENCH_ENOMEM (nothing said). */
int cbench_ab_ucount_report(const cbench_analysis_opts *ao, const ab_ucounts *u,
                            const unsigned *rounds, size_t n, cJSON *row, int *regressed);

void cbench_ab_ucount_free(ab_ucounts *u);

#endif
