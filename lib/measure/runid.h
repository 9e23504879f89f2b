/* SPDX-License-Identifier: MIT
 *
 * runid.h - which run this process belongs to, so that one report can
 * gather every executable of one run (lib/plot/sections.c).
 *
 * A run is every bench executable started by one `meson test` invocation
 * (`meson test -C build --benchmark` runs engine, analysis, slowdown and
 * points one after another), or one executable started by hand. Meson
 * 1.0.1 sets no variable per invocation, but it starts each test as its
 * own direct child (in a new session), so the parent process identifies
 * the invocation:
 *
 *   1. CBENCH_RUN_ID, when set and not empty: "env-" and its value, every
 *      byte outside [A-Za-z0-9._-] as '_' (scripts group runs with it);
 *   2. else, when the parent's command line (/proc/PPID/cmdline) is
 *      `meson test ...`: "meson-PPID-START", START the parent's start time
 *      (/proc/PPID/stat field 22, clock ticks since boot);
 *   3. else this process's own: "pid-PID-START".
 *
 * A pid and its start time name one process of one boot; the boot id's
 * first 8 characters are appended when /proc has it ("-BOOT"), so an id
 * does not come back after a reboot.
 */
#ifndef CBENCH_MEASURE_RUNID_H
#define CBENCH_MEASURE_RUNID_H

#include <stddef.h>

/* Room for any id. */
#define CBENCH_RUNID_MAX 128

/* The id from explicit inputs: proc is the root of a /proc-like tree,
 * env CBENCH_RUN_ID's value (NULL when unset), pid and ppid this process's
 * and its parent's. Writes the id into buf (n >= CBENCH_RUNID_MAX bytes)
 * and returns 0; without /proc START is the current time in seconds
 * ("pid-PID-tSECONDS"). CBENCH_EINVAL when buf is too small. */
int cbench_runid_from(const char *proc, const char *env, long pid, long ppid, char *buf,
                      size_t n);

/* This process's run id: cbench_runid_from("/proc", getenv("CBENCH_RUN_ID"),
 * getpid(), getppid(), ...). */
int cbench_runid(char *buf, size_t n);

/* Whether the command line args (len bytes of NUL-terminated arguments,
 * as in /proc/PID/cmdline) run `meson test`: an argument named meson or
 * meson.py (any directory), or `-m mesonbuild.mesonmain`, followed by
 * "test". */
int cbench_runid_is_meson_test(const char *args, size_t len);

/* Whether process pid of the /proc-like tree proc runs `meson test`
 * (its cmdline, by cbench_runid_is_meson_test). */
int cbench_runid_runs_meson_test(const char *proc, long pid);

/* {=================================================================
 * Runs with other settings keep to themselves.
 *
 * A quick run (--quick) or a filtered one (FILTER arguments) must never
 * become the comparison base or the report of a full run:
 *
 *   run            compares with      saves into             report in
 *   full           last               last                   REPORT/
 *   filtered       last               last-filtered          REPORT/filtered/
 *   quick          last-quick         last-quick             REPORT/quick/
 *   quick filtered last-quick         last-quick-filtered    REPORT/quick/filtered/
 *
 * (in instructions mode every name starts "instr-" instead of "last").
 * A filtered run compares with the full run's numbers, which were taken
 * with its settings, but does not replace them.
 * ================================================================== */

/* The automatic baseline of a run of this kind: the one it compares with
 * (saving = 0) or saves into (saving = 1), into buf (n >= 32). */
void cbench_runid_auto_baseline(int instr, int quick, int filtered, int saving, char *buf,
                                size_t n);

/* Whether stored baseline name may feed the history charts of a run of
 * this kind: any baseline a user named, and the automatic ones of runs
 * with the same settings (quick or not, instructions mode or not). */
int cbench_runid_history_ok(const char *name, int instr, int quick);

/* The report's subdirectory for a run of this kind: "", "quick",
 * "filtered" or "quick/filtered" (static). */
const char *cbench_runid_report_subdir(int quick, int filtered);

#endif /* CBENCH_MEASURE_RUNID_H */
