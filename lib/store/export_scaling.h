/* SPDX-License-Identifier: MIT
 *
 * export_scaling.h - how the swept benchmarks of a run scale
 * (stats/scaling.h: complexity and knees) in the exports: a "scaling"
 * section of cbench's own JSON, and Google Benchmark's complexity rows
 * ("_BigO", "_RMS") in the gbench-json export.
 *
 * A sweep's plateaus are the runs of sizes between its knees: below the
 * first knee (sizes up to its last size below), between two knees (from
 * the first size above one to the last size below the next) and above
 * the last; each with at least CBENCH_COMPLEXITY_MIN_SIZES sizes gets a
 * complexity fit of its own (its typical times against n).
 */
#ifndef CBENCH_STORE_EXPORT_SCALING_H
#define CBENCH_STORE_EXPORT_SCALING_H

#include <stddef.h>
#include <stdint.h>

#include <cJSON.h>

#include "model/result.h"
#include "stats/scaling.h"

/* The run's "scaling" section, an array with one object per sweep (in
 * the order of their first result; empty without sweeps, and then
 * cbench_store_add_scaling, json_write.h, writes no section):
 *
 *   {"group", "name": string, "threads": integer|null,
 *    "combination": string|null (what tells the sweep from its family's
 *                   others, stats/scaling.h: "stride=4", "threads=8";
 *                   null for one axis and no threads),
 *    "ids": [string...], "sizes": [integer...] (ascending size),
 *    "bytes_per_element": num,
 *    "complexity": fit|null (cbench's: between the knees when it has
 *                  some, their steps divided out; null: no fit),
 *    "between_knees": bool,
 *    "whole": fit|null (over every size, as Google Benchmark fits),
 *    "knees": [{"n_lo", "n_hi": integer (the last size below, the first
 *               above), "factor": estimate (cost per element above /
 *               below), "bytes_lo", "bytes_hi": num (footprints),
 *               "cache": string|null ("L2": the level whose capacity
 *               lies in the range, or the nearest), "cache_bytes":
 *               integer|null, "cache_near": bool}...] | null,
 *    "knees_error": string|null (why there are no knees: e.g. results
 *                   stored without samples),
 *    "segments": [{"first_n", "last_n": integer,
 *                  "ns_per_element": num}...] (the levels of the
 *                  piecewise-constant fit, knees or not),
 *    "plateaus": [{"first_n", "last_n": integer, "label": string,
 *                  "complexity": fit|null}...] (none without knees)}
 *   fit = {"model": "O(n)", "big_o": "N" (Google Benchmark's spelling),
 *          "coefficient_ns": num (ns per f(n)), "rms": num (relative,
 *          0.05 = 5 %: stats/complexity.h)}
 *
 * Returns NULL on out of memory. */
cJSON *cbench_store_scaling_to_json(const cbench_run *run);

/* Appends to list Google Benchmark's complexity rows of every sweep of s
 * whose last result in run order is result k (as Google writes them after
 * a family's last instance), with that result's family and instance
 * numbers: "FAMILY_BigO" and "FAMILY_RMS" for the fit over every size,
 * and with knees "FAMILY/between-knees_BigO" / "_RMS" (cbench's fit, the
 * knees' steps divided out) and "FAMILY/n=LO-HI_BigO" / "_RMS" per
 * plateau that has a fit, its "label" saying which ("between the L1d
 * knee and the L2 knee"). FAMILY is "group/name", the axes after the
 * first ("/stride=4": a sweep per combination) and "/threads=N" added
 * for a thread count. Returns 0 or CBENCH_ENOMEM. */
int cbench_store_gbench_bigo(cJSON *list, const cbench_run *run, const cbench_scalings *s,
                             size_t k, uint64_t family, uint64_t instance);

#endif /* CBENCH_STORE_EXPORT_SCALING_H */
