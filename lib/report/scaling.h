/* SPDX-License-Identifier: MIT
 *
 * scaling.h - how the swept benchmarks of a run scale (stats/scaling.h),
 * in words: the sentences the end of the console report and the HTML
 * report's groups show, e.g.
 *
 *   points/aos_all: O(n), 520.0 ps × n (RMS 3.1 %) over 18 sizes
 *     cost per element ×2.9 [2.6, 3.2] between 1.3 Mi and 1.9 Mi elements
 *     (24 B/element: 32-45 MiB; L3 = 32 MiB)
 *   stride/rmw [stride=1]: O(n), 994.73 ps × n (RMS 0.3 %) over 8 sizes; no knee
 *
 * A sweep is named by its benchmark and, when it is one combination of
 * its family's other axes or thread counts, by that (cbench_scaling_title;
 * the HTML shows the name within its group: "rmw [stride=16]").
 *
 * Sizes are counts of elements (the parameter), with binary prefixes;
 * footprints are elements × bytes per element. A cache level outside the
 * range is named as the nearest one ("nearest: L3 = 32 MiB").
 */
#ifndef CBENCH_REPORT_SCALING_H
#define CBENCH_REPORT_SCALING_H

#include <stddef.h>
#include <stdio.h>

#include "model/result.h"
#include "stats/scaling.h"

/* "O(n), 520.0 ps × n (RMS 3.1 %)", with knees "O(n) between its knees
 * (O(n^2) across them), 520.0 ps × n (RMS 3.1 %)" (a coefficient as
 * "1.2e-06 ns" below 0.1 ps); "" when the fit failed. Returns buf. */
char *cbench_report_fmt_complexity(char *buf, size_t n, const cbench_scaling *s);

/* "cost per element ×2.9 [2.6, 3.2] between 1.3 Mi and 1.9 Mi elements
 * (24 B/element: 32-45 MiB; L3 = 32 MiB)" for knee k of s, whose caches
 * are all's. Returns buf. */
char *cbench_report_fmt_knee(char *buf, size_t n, const cbench_knee *k,
                             const cbench_scaling *s, const cbench_scalings *all);

/* The end-of-run summary: a heading line, then per sweep of run its
 * complexity and one line per knee, each indented; NULL when the run has
 * no sweep or on out of memory (malloc'd otherwise). o: the run's
 * analysis options (NULL: the defaults). */
char *cbench_report_scaling_summary(const cbench_run *run, const cbench_analysis_opts *o);

/* The sweeps of group in s as HTML paragraphs (nothing when none). */
void cbench_html_scaling(FILE *f, const cbench_scalings *s, const char *group);

#endif /* CBENCH_REPORT_SCALING_H */
