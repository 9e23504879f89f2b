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

#include "core/result.h"

/* The baseline format itself (store.h, json_write.c): `--export FILE`. */
int cbench_export_json(FILE *f, const cbench_run *run);

/* Google Benchmark's JSON layout (`--format gbench-json`), readable by
 * Google Benchmark's tools/compare.py and github-action-benchmark's
 * "googlecpp" tool:
 *   {"context": {"date", "host_name", "library_build_type",
 *                "json_schema_version": 1, "cbench_version", "cpu",
 *                "compiler", "git_commit", "seed"},
 *    "benchmarks": [{"name": id, "family_index", "per_family_instance_index",
 *                    "run_name": id, "run_type": "iteration",
 *                    "repetitions", "repetition_index": 0, "threads": 1,
 *                    "iterations", "real_time", "cpu_time", "time_unit": "ns",
 *                    ["bytes_per_second" | "items_per_second"],
 *                    [counter names: per-iteration values],
 *                    ["error_occurred": true, "error_message"]} ...]}
 * real_time is the typical time per iteration (cbench measures wall time
 * only, so cpu_time repeats it). When a benchmark ran in two or more worker
 * processes, aggregates follow as Google Benchmark prints them for
 * repetitions: "ID_mean", "ID_median", "ID_stddev" with run_type
 * "aggregate", "aggregate_name" and "aggregate_unit": "time". A result
 * without an estimate (failed, skipped) has times 0 and error_occurred. */
int cbench_export_gbench(FILE *f, const cbench_run *run);

/* CSV (`--format csv`): a header line, then one row per result; fields with
 * a comma, quote, CR or LF are quoted with quotes doubled (RFC 4180); a
 * text field a spreadsheet would read as a formula (= + - @ tab CR first)
 * is quoted and starts with a single quote (core/text.h); lines end in
 * "\n"; undefined numbers are empty fields. Columns: see export.c
 * (csv_columns); counters follow as "counter:NAME" columns, one per
 * distinct name in the run. */
int cbench_export_csv(FILE *f, const cbench_run *run);

/* The end of any output to f (a report, a listing): flushes it and checks
 * that everything written arrived. 0, or CBENCH_EIO with err = "cannot
 * write NAME: REASON". */
int cbench_export_finish(FILE *f, const char *name, char *err, size_t errlen);

#endif /* CBENCH_STORE_EXPORT_H */
