/* SPDX-License-Identifier: MIT
 *
 * worker.h - one round of one benchmark, run in a fresh child process.
 *
 * Why processes: samples taken inside one process share its memory
 * layout, alignment and code placement, so their spread misses the
 * variation the next run will see. Each round runs in a forked child that
 * perturbs its heap layout before setup, measures, and sends its samples
 * back over a pipe. A child that crashes, exits early or overruns the
 * timeout fails only its own benchmark (crash isolation comes for free).
 * A stop (round->stop set by the run's SIGINT/SIGTERM handler) kills the
 * child at once, however long its body hangs; the child gets those
 * signals' default action back and dies with its parent (Linux).
 */
#ifndef CBENCH_MEASURE_WORKER_H
#define CBENCH_MEASURE_WORKER_H

#include "measure/sampler.h"

typedef struct cbench_worker_cfg {
    const cbench_round_cfg *round;
    double timeout_s;             /* 0 = none */
    int in_process;               /* run in this process (no fork) */
    unsigned layout_seed;         /* perturbs the child's heap layout */
    /* Opens per-round observers (counters) inside the child; may be NULL. */
    int (*open_hooks)(void *ctx, cbench_region_hooks *hooks);
    void (*close_hooks)(void *ctx, cbench_region_hooks *hooks);
    void *hooks_ctx;
} cbench_worker_cfg;

typedef struct cbench_worker_result {
    int status;                   /* 0, CBENCH_ECRASH, CBENCH_ETIMEOUT,
                                     CBENCH_EINTR, CBENCH_EINVAL, ... */
    char error[256];              /* why it failed */
    size_t n_counters;
    cbench_round_out out;
} cbench_worker_result;

/* Runs one round of inst. Always fills res (status says how it went:
 * CBENCH_EINTR when stopped); returns res->status. */
int cbench_worker_run(const cbench_instance *inst, const cbench_worker_cfg *cfg,
                      cbench_worker_result *res);

#endif
