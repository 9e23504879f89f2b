/* SPDX-License-Identifier: MIT
 *
 * instr.h - deterministic mode: exact instruction and simulated cache-miss
 * counts from valgrind's callgrind, restricted to the timed region.
 *
 * Child side: the benchmark process brackets its timed loop with
 * cbench_instr_region_begin/end, which toggle callgrind's collection (client
 * requests; nothing happens when not under valgrind). Instrumentation stays
 * on for the whole run (--collect-atstart=no, not --instr-atstart=no), so the
 * cache simulator is warm when the region starts.
 *
 * Parent side: cbench_instr_run re-executes a command under
 *     valgrind --tool=callgrind --collect-atstart=no --cache-sim=yes
 *              --LL=<size>,<assoc>,<line> --callgrind-out-file=<tmp>/callgrind.out.%p
 * with the last-level cache geometry read from sysfs (valgrind guesses a
 * 256 MiB direct-mapped LL in some VMs), then parses the 'totals:' lines.
 */
#ifndef CBENCH_PERF_INSTR_H
#define CBENCH_PERF_INSTR_H

#include <stddef.h>
#include <stdio.h>

#include "model/result.h"

/* 1 when this process runs under valgrind (any tool), else 0. */
int cbench_instr_running_under_valgrind(void);
/* Start / stop callgrind collection around the measured region. Calls must
 * pair; a begin while collecting (or an end while not) is ignored. No-ops
 * when not under valgrind or built without <valgrind/callgrind.h>. */
void cbench_instr_region_begin(void);
void cbench_instr_region_end(void);

/* Event totals of a callgrind run, summed over all processes and parts.
 * Fields are counts for the whole collected region (divide by iterations).
 * Events absent from the file (e.g. --cache-sim=no) are NaN; ok is 1 once a
 * totals line with at least Ir was parsed. */
typedef struct cbench_instr_totals {
    double ir, dr, dw, d1mr, d1mw, dlmr, dlmw;
    int ok;
} cbench_instr_totals;

/* Runs argv (argv[0] looked up on PATH, NULL-terminated) under callgrind as
 * described above; the child inherits stdin/stdout/stderr, valgrind's own
 * messages go to a log in the temp dir (quoted in err on failure). Returns 0
 * and fills *out; CBENCH_ENOTSUP when valgrind is not installed;
 * CBENCH_ECRASH when the program fails (signal or non-zero exit);
 * CBENCH_EFORMAT when no output could be parsed or nothing was collected
 * (the program never called cbench_instr_region_begin); CBENCH_EIO on
 * temp-dir trouble. err (may be NULL) says which and what to do. */
int cbench_instr_run(const char *const *argv, cbench_instr_totals *out,
                     char *err, size_t errlen);

/* Parses one callgrind output file and ADDS its totals into *acc (start from
 * a zeroed struct; absent events stay as they were, NaN only via
 * cbench_instr_totals_init). name is used in error messages. 0 or
 * CBENCH_EFORMAT (no 'events:' line, or a totals line with a bad number). */
void cbench_instr_totals_init(cbench_instr_totals *t);
int cbench_instr_parse(FILE *f, const char *name, cbench_instr_totals *acc,
                       char *err, size_t errlen);

/* A cache level as valgrind's --LL=size,assoc,line wants it. */
typedef struct cbench_cache_geometry {
    unsigned long size, assoc, line;   /* bytes, ways, bytes */
    int level;
} cbench_cache_geometry;

/* Reads the highest-level data or unified cache below cache_dir (normally
 * "/sys/devices/system/cpu/cpu0/cache": index<N>/{level,type,size,
 * ways_of_associativity,coherency_line_size}). When the set count is not a
 * power of two (valgrind cannot simulate that) the sets are rounded down to
 * one and the ways raised to keep the size, as valgrind itself does for
 * detected caches. 0, CBENCH_ENOENT (no cache described) or CBENCH_EFORMAT. */
int cbench_instr_ll_geometry(const char *cache_dir, cbench_cache_geometry *g,
                             char *err, size_t errlen);

/* Appends the totals as exact per-iteration counters to r (names shared
 * with the perf counters where they mean the same thing, so derived ratios
 * and comparisons work): instructions (Ir), L1-dcache-loads (Dr),
 * L1-dcache-stores (Dw), L1-dcache-load-misses (D1mr),
 * L1-dcache-store-misses (D1mw), LL-load-misses (DLmr), LL-store-misses
 * (DLmw). NaN totals are skipped; iters must be > 0. */
void cbench_instr_to_counters(const cbench_instr_totals *t, double iters,
                              cbench_result *r);

#endif /* CBENCH_PERF_INSTR_H */
