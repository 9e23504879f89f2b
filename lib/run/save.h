/* SPDX-License-Identifier: MIT
 *
 * save.h - the runner's save path: which finished results go into which
 * baselines (--save-baseline NAME and the automatic one), when, and what
 * a failure does.
 *
 * When: a run saves after each block of interleaved benchmarks, at its end
 * and when interrupted, never once per benchmark (each save re-reads and
 * rewrites the whole file with two fsyncs: per benchmark that grew with
 * the square of the suite; benches/README.md has the figures). Each save
 * is still atomic, so a crash loses at most the block in flight.
 *
 * Failures are loud, named and lose nothing that can be kept: before
 * measuring, every baseline is checked (directory, lock, existing file
 * readable), so a save that cannot happen stops the run at once; a save
 * that fails later is said at once and retried at the next save with
 * every result still missing; at the end, a baseline still missing
 * results fails the run (the reporter's error: TAP's "Bail out!").
 */
#ifndef CBENCH_RUN_SAVE_H
#define CBENCH_RUN_SAVE_H

#include <stddef.h>

#include "model/result.h"
#include "report/report.h"

#define CBENCH_SAVE_MAX_NAMES 4

typedef struct cbench_saver {
    const char *dir;
    const char *names[CBENCH_SAVE_MAX_NAMES];
    size_t n_names;
    size_t done[CBENCH_SAVE_MAX_NAMES];  /* run->results[0..done) dealt with */
    size_t saved[CBENCH_SAVE_MAX_NAMES]; /* of those, saved */
    int failing[CBENCH_SAVE_MAX_NAMES];  /* the last try failed */
    char err[CBENCH_SAVE_MAX_NAMES][1024];
    const cbench_reporter *rep;
    const cbench_report_opts *ro;
} cbench_saver;

/* Sets up saving into names[0..n) (NULL entries skipped, at most
 * CBENCH_SAVE_MAX_NAMES) in dir, reporting through rep. */
void cbench_saver_init(cbench_saver *s, const char *dir, const char *const *names, size_t n,
                       const cbench_reporter *rep, const cbench_report_opts *ro);

/* Before measuring: whether every baseline can be saved into. 0, or -1
 * after the reporter's error naming the first that cannot and why. */
int cbench_saver_check(cbench_saver *s);

/* Saves the results of run not saved yet into every baseline. Failed and
 * skipped results are never saved (a crash does not replace a good stored
 * result with nothing). A failure is a notice; the results stay pending
 * for the next call. Returns the number of baselines that failed. */
size_t cbench_saver_flush(cbench_saver *s, const cbench_run *run);

/* The last save: flushes, then reports each baseline still missing
 * results as an error. 0, or -1 when a save did not happen. */
int cbench_saver_finish(cbench_saver *s, const cbench_run *run);

/* After the last save, once the run's results are back in the order the
 * benchmarks were registered (they finish out of it): saves the whole run
 * again into each baseline that has all of it, which then holds them in
 * that order too (store.h: a merge puts the run's results in the run's
 * order). Nothing new is saved, so a failure loses nothing: a notice. */
void cbench_saver_reorder(cbench_saver *s, const cbench_run *run);

/* How many results of run went into the first baseline. */
size_t cbench_saver_saved(const cbench_saver *s);

#endif
