/* SPDX-License-Identifier: MIT
 *
 * stats_cmd.h - `cbench stats` (tools/cmd_stats.c: the command line, the
 * analysis and the command), its reading of numbers (tools/stats_read.c)
 * and its output as text or JSON (tools/stats_print.c).
 */
#ifndef CBENCH_TOOLS_STATS_CMD_H
#define CBENCH_TOOLS_STATS_CMD_H

#include <stddef.h>

#include "model/result.h"
#include "stats/analysis.h"

#define MAX_PCTS 64

/* --json's schema_version. 2: fences became an array (as in the
 * baseline), estimates gained "level", numbers print exactly. */
#define STATS_JSON_SCHEMA 2

typedef struct stats_opts {
    cbench_analysis_opts an;
    unsigned column;              /* 1-based */
    double pcts[MAX_PCTS];
    size_t n_pcts;
    int json;
    const char *files[2];
    size_t n_files;
} stats_opts;

/* One analysed data set. */
typedef struct dataset {
    const char *file;             /* as given; "-" is stdin */
    const char *label;            /* for messages: the file or "<stdin>" */
    double *x;
    size_t n;
    double min, max;
    cbench_result res;            /* samples (1, x, round 0) and estimates */
    cbench_estimate pct[MAX_PCTS];
} dataset;

/* Why s is not a number the statistics can use, or NULL (*out set): not
 * a number, not finite, or one a double cannot hold (past DBL_MAX, or
 * below DBL_MIN: subnormal or zero, refused rather than rounded). */
const char *cbench_cmd_stats_number_problem(const char *s, double *out);

/* Reads d->file ("-": stdin) into d->x, d->n: the 'col'-th field (from
 * 1) of each line, blank lines and '#' comments skipped. 0, or the exit
 * status 2 after a message naming the file and line. */
int cbench_cmd_stats_read(dataset *d, unsigned col);

/* Prints the summary of each of the nd data sets and, for two, the
 * comparison of d[1] with d[0] (Welch's t and df). */
void cbench_cmd_stats_print_text(const stats_opts *o, const dataset *d, size_t nd, double t,
                                 double df);

/* The same as one JSON document (fields: cmd_stats.c). 0, or the exit
 * status 2 after a message when out of memory (nothing printed). */
int cbench_cmd_stats_print_json(const stats_opts *o, const dataset *d, size_t nd, double t,
                                double df);

#endif
