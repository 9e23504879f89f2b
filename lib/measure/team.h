/* SPDX-License-Identifier: MIT
 *
 * team.h - the threads of a multi-threaded benchmark inside one worker
 * process (options.threads; the public contract is in cbench.h).
 *
 * A team is N cbench_states, one per thread: state 0 belongs to the
 * process's own thread (the sampler's), states 1..N-1 to threads the team
 * starts. For every sample the sampler calls cbench_team_sample() instead
 * of the benchmark function: each thread runs the function with the same
 * iteration count, and the first timed region of each (CBENCH_ITER, the
 * manual timer, a batch) waits at a start barrier. The last thread to
 * arrive reads the clock and releases the others; that reading is every
 * thread's start, so
 *
 *     sample ns   = max over threads of (its end - release)
 *                   (later regions of a thread add their own lengths)
 *     imbalance   = max over threads / min over threads of the same
 *     CPU time    = CLOCK_THREAD_CPUTIME_ID from release to end
 *
 *   thread 0  --arrive--|release|=====loop=====|end
 *   thread 1  ----arrive|       |=====loop========|end   <- sample ns
 *
 * The barrier and the waits between samples spin (a pause per turn) and
 * fall back to sched_yield() after a few thousand turns, so an
 * oversubscribed team still progresses. Counters: each helper thread
 * opens its own observers through hooks.open_thread (the worker's
 * opener, called in that thread); their totals are added into state 0's
 * counters, so a sample's counters are the sum over threads.
 *
 * Single-threaded benchmarks never create a team: state.c tests one
 * pointer per timed region, outside the clock reads.
 */
#ifndef CBENCH_MEASURE_TEAM_H
#define CBENCH_MEASURE_TEAM_H

#include <stddef.h>
#include <stdint.h>

#include "cbench.h"

typedef struct cbench_team cbench_team;

/* The CPUs this process may run on (sched_getaffinity), else the online
 * CPUs (sysconf), at least 1. */
unsigned cbench_team_cpus(void);

/* Starts the helper threads of a team of inst->threads for the sampler's
 * state b (state 0): each copies b (user data, throughput, hooks), opens
 * its observers, runs thread_setup, and waits for samples; b runs its
 * thread_setup too. Returns 0 (b->team set; a thread_setup that skipped
 * skips b with its reason), CBENCH_ENOMEM, or CBENCH_EIO (a thread could
 * not be started; b is skipped saying so). */
int cbench_team_start(cbench_state *b);

/* One sample of 'iters' iterations in every thread. *ns is the sample's
 * time (see above); counters are summed into b->counters; the row of
 * the sample (cbench_team_row) is kept for cbench_team_last_row().
 * Returns 0, or CBENCH_EINVAL when a thread never entered a timed
 * region (and was not skipped). */
int cbench_team_sample(cbench_state *b, uint64_t iters, double *ns);

/* Doubles per sample row: the N threads' CPU ns, then the imbalance. */
size_t cbench_team_row_len(const cbench_state *b);
/* The last sample's row (cbench_team_row_len() doubles). */
const double *cbench_team_last_row(const cbench_state *b);

/* Runs every thread's thread_teardown, joins the helpers, frees the
 * team (b->team becomes NULL). NULL-safe on b->team. */
void cbench_team_stop(cbench_state *b);

/* Called by state.c around timed regions of a team member: the start
 * (barrier on the sample's first region; returns the region's start
 * time) and the end (CPU time). */
uint64_t cbench__team_region_begin(cbench_state *b);
void cbench__team_region_end(cbench_state *b);

#endif
