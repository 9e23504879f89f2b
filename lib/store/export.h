/* SPDX-License-Identifier: MIT
 *
 * export.h - a run's results in other formats, for stdout or a file.
 *
 * Each function writes the whole document to f, checking every write and
 * the final fflush, and returns 0, CBENCH_EIO when anything failed to
 * arrive (errno says why; f is not closed) or CBENCH_ENOMEM.
 */
#ifndef CBENCH_STORE_EXPORT_H
#define CBENCH_STORE_EXPORT_H

#include <stdio.h>

#include "model/result.h"

/* The baseline format itself (store.h, json_write.c): `--export FILE`. */
int cbench_export_json(FILE *f, const cbench_run *run);

/* Google Benchmark's JSON layout (`--format gbench-json`), readable by
 * Google Benchmark's tools/compare.py (its U test included) and
 * github-action-benchmark's "googlecpp" tool; each round is a repetition
 * (export_gbench.c says why):
 *   {"context": {"date", "host_name", "library_build_type",
 *                "json_schema_version": 1, "cbench_version", "cpu",
 *                "compiler", "git_commit", "seed"},
 *    "benchmarks": [
 *      {"name": id, "family_index", "per_family_instance_index",
 *       "run_name": id, "run_type": "iteration", "repetitions": K,
 *       "repetition_index": 0..K-1, "threads", "iterations" (the
 *       round's), "real_time", "cpu_time" (the round's total ns over its
 *       iterations; cbench measures wall time only, so cpu_time repeats
 *       it), "time_unit": "ns", ["bytes_per_second"], ["items_per_second"],
 *       [user counters: the round's value], [hardware counter names:
 *       per-iteration values]} x K,
 *      {"name": "ID_mean" | "ID_median" | "ID_stddev" | "ID_typical",
 *       "run_type": "aggregate", "aggregate_name", "aggregate_unit": "time",
 *       the same keys with the statistic over the K repetitions (the
 *       typical: cbench's headline estimate and each counter's
 *       estimate)} when K >= 2 ...,
 *      after a swept benchmark's last result, its complexity rows
 *      {"name": "FAMILY_BigO", "run_type": "aggregate", "aggregate_name":
 *       "BigO", "aggregate_unit": "time", "cpu_coefficient",
 *       "real_coefficient", "big_o", "time_unit"} and {"name":
 *       "FAMILY_RMS", "aggregate_name": "RMS", "aggregate_unit":
 *       "percentage", "rms"}, more of them with knees
 *       (export_scaling.h)]}
 * A result without an estimate (failed, skipped) is one entry with times
 * 0, error_occurred and error_message. */
int cbench_export_gbench(FILE *f, const cbench_run *run);

/* CSV (`--format csv`): a header line, then one row per result; fields with
 * a comma, quote, CR or LF are quoted with quotes doubled (RFC 4180); a
 * text field a spreadsheet would read as a formula (= + - @ tab CR first)
 * is quoted and starts with a single quote (model/text.h); lines end in
 * "\n"; undefined numbers are empty fields. Columns: see export.c
 * (csv_id_columns, csv_columns): id, group, name, param, then one
 * "axis:NAME" column per distinct axis name in the run (in order of first
 * appearance; a benchmark's value on that axis, empty when it has no such
 * axis; none without axes), then the fixed ones; counters follow as
 * "counter:NAME" columns, one per
 * distinct name in the run, then five columns per distinct user counter:
 * "user:NAME" (its value), "user:NAME:lower", "user:NAME:upper" (its
 * interval), "user:NAME:change" (relative to the baseline) and
 * "user:NAME:verdict". */
int cbench_export_csv(FILE *f, const cbench_run *run);

/* Writes a whole document of len bytes to f, then flushes and checks it
 * as above, and frees text (shared by the exporters, which pass what
 * their printer returned: NULL is CBENCH_ENOMEM). */
int cbench_export_put_text(FILE *f, char *text, size_t len);

/* The end of any output to f (a report, a listing): flushes it and checks
 * that everything written arrived. 0, or CBENCH_EIO with err = "cannot
 * write NAME: REASON". */
int cbench_export_finish(FILE *f, const char *name, char *err, size_t errlen);

#endif /* CBENCH_STORE_EXPORT_H */
