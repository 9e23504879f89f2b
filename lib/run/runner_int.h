/* SPDX-License-Identifier: MIT
 *
 * runner_int.h - what the runner's files share (run/runner.c schedules,
 * run/rounds.c runs one round in a worker, run/gate.c judges the core's
 * state per round, run/finish.c turns a benchmark's rounds into its
 * result): the benchmark slots and the runner itself. Not for use
 * outside lib/run/.
 */
#ifndef CBENCH_RUN_RUNNER_INT_H
#define CBENCH_RUN_RUNNER_INT_H

#include <stddef.h>
#include <stdint.h>

#include "measure/clock.h"
#include "measure/ucount.h"
#include "run/runner.h"
#include "run/save.h"

/* One benchmark instance while its rounds come in. */
typedef struct slot {
    const cbench_instance *inst;
    size_t n, cap, nc;
    cbench_sample *samples;
    double *counters;             /* n x nc totals */
    size_t nt;                    /* multi-threaded: doubles per sample row */
    double *threads;              /* n x nt (measure/team.h) */
    cbench_ucount_acc ucount;     /* user counters: a value per round */
    unsigned rounds;              /* rounds that delivered samples */
    double *speed;                /* core probe per round index (NaN: none) */
    size_t n_speed;
    unsigned next_round;          /* index of the next round to run */
    int deferred;                 /* never saw the fast core: retry at the end */
    int retried;                  /* in its second chance */
    double per_iter_hint;
    int done, failed, skipped, flat;
    cbench_throughput_kind throughput;
    double throughput_per_iter;
    double other_per_iter;
    char message[320];
    const char *stop_reason;
    size_t result;                /* index in run->results once final */
    size_t index;                 /* in the instances (and the plan) */
    uint64_t busy_ns;             /* time spent in its rounds and analysis */
    unsigned advanced;            /* planned rounds counted as progress */
} slot;

struct cbench_runner {
    const cbench_runner_env *env;
    const cbench_config *cfg;
    slot *slots;
    size_t n_slots;
    cbench_clock_probe probe;
    int gate;                     /* rounds are probed and slow ones set aside */
    int replace;                  /* ... and replaced, or run again later */
    int may_defer;                /* a slow benchmark may wait for a second chance */
    double speed_ref;             /* the core's fastest state seen so far */
    char *counter_names[CBENCH_MAX_COUNTERS];
    size_t n_counter_names;
    size_t reported;
    int failures;
    cbench_saver saver;           /* saves after each block and at the end */
};

/* {=================================================================
 * run/rounds.c
 * ================================================================== */

/* Probes the counters once in the parent: names, and one notice. */
void cbench__runner_probe_counters(cbench_runner *r);
/* Runs the next round of slot s in a worker: 0, CBENCH_EINTR (stopped)
 * or CBENCH_ENOMEM; a round that fails or skips marks s done. */
int cbench__runner_run_round(cbench_runner *r, slot *s);
/* Counts s's planned rounds up to upto as progress ((unsigned)-1: all). */
void cbench__runner_advance(const cbench_runner *r, slot *s, unsigned upto);
void cbench__runner_clear_progress(const cbench_runner *r);

/* {=================================================================
 * run/gate.c
 * ================================================================== */

/* End of the round that starts at v[lo] (samples come grouped by round). */
size_t cbench__round_end(const cbench_sample *v, size_t n, size_t lo);
/* Median of v[0..k), k >= 1 (sorts v). */
double cbench__median_of(double *v, size_t k);
void cbench__gate_record_speed(cbench_runner *r, slot *s, unsigned round, double speed);
/* Rounds of s that delivered samples in the fast state. */
unsigned cbench__gate_fast_rounds(const cbench_runner *r, const slot *s);
/* Whether enough fast rounds remain to set the slow ones aside. */
int cbench__gate_can_set_aside(const cbench_runner *r, const slot *s);
/* A copy of the samples of s that its fast rounds delivered (NULL: no
 * memory); *n their number. */
cbench_sample *cbench__gate_kept_samples(const cbench_runner *r, const slot *s, size_t *n);
/* Sets the slow rounds of s aside when it can, or warns in res. */
void cbench__gate_set_aside(const cbench_runner *r, slot *s, cbench_result *res);
/* Extends the interval of a result measured on a slow core. */
void cbench__gate_widen(const cbench_runner *r, cbench_result *res);

/* {=================================================================
 * run/finish.c
 * ================================================================== */

/* Makes s's result: analysis, comparison, ratios, warnings, report. */
int cbench__runner_finish(cbench_runner *r, slot *s);

#endif
