/* SPDX-License-Identifier: MIT
 *
 * ucount.h - user counters (cbench_counter()) on their way from a
 * benchmark's body to its result.
 *
 * In the worker, one table per round. A value reported in a measured
 * sample becomes a pair (num, den) by its flags, with n the sample's
 * iterations and T the threads that ran the body:
 *
 *     num = value x (ITERATION_INVARIANT ? n : 1) / (AVG_THREADS ? T : 1)
 *     den = (PER_ITERATION ? n : 1) x (RATE ? n : 1)
 *
 * and the round's value is sum(num) / sum(den) over its samples: the
 * ratio estimator that reads exactly c for a count of c per iteration
 * whatever the plan's sample sizes, and the mean of the values without
 * flags. A value reported from setup or teardown is one pair for the
 * whole round, with n every iteration since setup. The worker sends one
 * value per counter per round.
 *
 * Rates. A sample's seconds are n x t, t its time per iteration, so
 * value / seconds = (value / n) / t: the worker sends a rate's amount per
 * iteration (RATE counts n in den), and the parent divides it by the
 * round's time per iteration as the headline time estimates it (the lower
 * decile of its samples by default; stats/ucount.h). A rate then agrees
 * with the time and with the throughput, and, like them, is not dragged
 * down by a sample a neighbour preempted.
 *
 * In the parent, an accumulator per benchmark collects the rounds' values
 * by name; when the benchmark finishes, the values of the rounds it kept
 * (slow rounds may be set aside) become the result's user counters.
 */
#ifndef CBENCH_MEASURE_UCOUNT_H
#define CBENCH_MEASURE_UCOUNT_H

#include <stddef.h>
#include <stdint.h>

#include "model/result.h"
#include "model/ucount.h"

/* One counter's value for one round, as the worker sends it (a plain
 * struct: both ends of the pipe are the same binary). */
typedef struct cbench_ucount_round {
    char name[CBENCH_COUNTER_NAME_MAX + 1];
    uint32_t flags;
    double value;                  /* for a rate, its amount per iteration
                                      (see Rates); NaN: sum(den) was 0 */
} cbench_ucount_round;

/* {=================================================================
 * In the worker.
 * ================================================================== */

typedef struct cbench_ucount_slot {
    char name[CBENCH_COUNTER_NAME_MAX + 1];
    unsigned flags;
    int pending;                   /* reported in the current sample */
    double value;                  /* ... with this value */
    int whole_round;               /* reported from setup or teardown */
    double round_value;
    double num, den;               /* sums over the round's samples */
    size_t samples;                /* measured samples that reported it */
} cbench_ucount_slot;

typedef struct cbench_ucount_table {
    size_t n;
    cbench_ucount_slot slot[CBENCH_MAX_USER_COUNTERS];
    char error[200];               /* the first bad call, "" when none */
} cbench_ucount_table;

/* Records a call of cbench_counter(): for the current sample, or with
 * whole_round for the round. 0, or CBENCH_EINVAL with t->error set (the
 * first error is kept). */
int cbench__ucount_record(cbench_ucount_table *t, const char *name, double value,
                          unsigned flags, int whole_round);

/* Ends a measured sample of iters iterations run by threads threads:
 * adds its pending values into the sums. */
void cbench__ucount_end_sample(cbench_ucount_table *t, double iters, unsigned threads);

/* Adds what another thread of the same benchmark reported (its own
 * table) into t: a sample's pending values and whole-round values are
 * summed by name, as Google Benchmark sums its threads' counters (and
 * AVG_THREADS divides by their number); the first error is kept. Clears
 * from's pending values. */
void cbench__ucount_merge(cbench_ucount_table *t, cbench_ucount_table *from);

/* Forgets the pending values (a warm-up sample's). */
void cbench__ucount_drop_pending(cbench_ucount_table *t);

/* The round's values into out (CBENCH_MAX_USER_COUNTERS entries); iters
 * is the round's total since setup, for the whole-round values. Returns
 * how many. */
size_t cbench__ucount_finish(const cbench_ucount_table *t, double iters, unsigned threads,
                             cbench_ucount_round *out);

/* {=================================================================
 * In the parent.
 * ================================================================== */

typedef struct cbench_ucount_acc {
    size_t n;
    struct cbench_ucount_series {
        char name[CBENCH_COUNTER_NAME_MAX + 1];
        unsigned flags;
        size_t n, cap;
        double *value;
        uint32_t *round;
    } series[CBENCH_MAX_USER_COUNTERS];
} cbench_ucount_acc;

/* Adds round 'round's values v[0..n). 0 or CBENCH_ENOMEM. */
int cbench__ucount_add_round(cbench_ucount_acc *a, uint32_t round,
                             const cbench_ucount_round *v, size_t n);

/* Fills r->user_counters (replacing any) from the values of the rounds
 * that delivered r->samples, NaN values left out; rates are still amounts
 * per iteration and estimates NaN until the analysis
 * (cbench_ucount_finish, stats/ucount.h). 0 or CBENCH_ENOMEM. */
int cbench__ucount_fill(const cbench_ucount_acc *a, cbench_result *r);

void cbench__ucount_acc_free(cbench_ucount_acc *a);

#endif
