/* SPDX-License-Identifier: MIT
 *
 * state.h - cbench_state, the context the engine hands to a benchmark for
 * one sample (iterations to run, accumulated time and counters).
 */
#ifndef CBENCH_MEASURE_STATE_H
#define CBENCH_MEASURE_STATE_H

#include "measure/registry.h"
#include "measure/sampler.h"
#include "measure/ucount.h"

struct cbench_state {
    const cbench_instance *inst;
    uint64_t iters;                /* iterations this sample */
    uint64_t t_start;
    uint64_t elapsed_ns;           /* accumulated over timed regions */
    int timing;
    unsigned regions;              /* timed regions entered this sample */
    void *user_data;
    cbench_throughput_kind throughput;
    double throughput_per_iter;
    double other_per_iter;         /* the other kind's, when both are declared */
    int skipped;
    char skip_reason[200];
    int failed;                    /* the benchmark misused the API */
    char fail_reason[240];         /* (cbench_param_named): why */
    const cbench_region_hooks *hooks;
    int armed;                     /* hooks fire only in measured samples */
    double *counters;              /* accumulated this sample */
    /* Multi-threaded benchmarks only (measure/team.h); NULL/0 otherwise. */
    struct cbench_team *team;
    unsigned thread_index;
    int arrived;                   /* passed this sample's start barrier */
    uint64_t cpu_start, cpu_ns;    /* this thread's CPU time this sample */
    cbench_ucount_table *ucount;   /* user counters of the round */
    int in_body;                   /* inside a call of the body */
    uint64_t total_iters;          /* every call of the body since setup */
};

#endif
