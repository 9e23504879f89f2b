/* SPDX-License-Identifier: MIT
 *
 * sampler.h - how many iterations each sample runs (criterion.rs's
 * routine.rs, adapted), and the loop that runs one round of one benchmark
 * in the current process: setup, warm-up, samples, teardown.
 *
 * Linear sampling: sample i (1-based) runs i*d iterations, so the samples
 * lie on a line through the origin whose slope is the time per iteration;
 * d is chosen so the n samples fill the measurement time and the shortest
 * sample lasts at least min_sample_ns. When even d = 1 would overrun the
 * measurement time by more than 2x (long bodies), flat sampling runs d
 * iterations per sample instead, with fewer samples if need be.
 */
#ifndef CBENCH_MEASURE_SAMPLER_H
#define CBENCH_MEASURE_SAMPLER_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

#include "cbench.h"
#include "measure/registry.h"
#include "measure/ucount.h"

/* Safety caps on iterations per sample and per round. The timed loop
 * costs >= ~0.3 ns per iteration on any real machine, so these bound a
 * sample to ~0.1 s and a round to ~1 s even for a body that takes no time
 * (which a synthetic clock can produce, and which would otherwise double
 * forever during warm-up). */
#define CBENCH_MAX_SAMPLE_ITERS (UINT64_C(1) << 28)
#define CBENCH_MAX_ROUND_ITERS (UINT64_C(1) << 31)

typedef struct cbench_plan {
    int flat;
    unsigned n;        /* samples */
    uint64_t d;        /* iterations step */
} cbench_plan;

/* Plans n samples for a body of per_iter_ns filling measure_ns. */
void cbench_sampler_plan(double per_iter_ns, double measure_ns, unsigned n,
                         double min_sample_ns, cbench_sampling_mode mode,
                         cbench_plan *out);
/* Iterations of sample i (0-based) under plan p. */
uint64_t cbench_sampler_iters(const cbench_plan *p, unsigned i);

/* Observers called around every timed region (outside the clock reads):
 * hardware counters, valgrind collection, perf-record control. */
typedef struct cbench_region_hooks {
    void (*begin)(void *ctx);
    void (*end)(void *ctx, double *counters);   /* adds into counters */
    void *ctx;
    size_t n_counters;
    /* How a benchmark's other threads open and close observers of their
     * own (called in that thread; NULL: they have none). */
    int (*open_thread)(void *opener, struct cbench_region_hooks *h);
    void (*close_thread)(void *opener, struct cbench_region_hooks *h);
    void *opener;
} cbench_region_hooks;

typedef struct cbench_round_cfg {
    double warm_up_ns;
    double measure_ns;
    unsigned n_samples;
    double min_sample_ns;
    cbench_region_hooks hooks;
    uint64_t fixed_iters;          /* > 0: one sample of exactly this many
                                      iterations after a short warm-up
                                      (deterministic and profile modes) */
    double profile_ns;             /* > 0: run the body for this long, no
                                      analysis (--profile-time) */
    volatile sig_atomic_t *stop;   /* set by a signal: end the round early */
    int probe_speed;               /* time the core (measure/probe.h) before
                                      and after the samples */
    double speed_limit_ns;         /* > 0: before the samples, probe until
                                      the core reads at most this (its fast
                                      state), for up to speed_wait_ns */
    double speed_wait_ns;
} cbench_round_cfg;

typedef struct cbench_round_out {
    size_t n, cap;
    double *iters, *ns;
    double *counters;              /* n x hooks.n_counters */
    size_t thread_row;             /* multi-threaded: doubles per sample in
                                      'threads' (N CPU ns, imbalance), else 0 */
    double *threads;               /* n x thread_row */
    size_t threads_cap;            /* rows allocated in 'threads' */
    double warm_up_per_iter_ns;
    cbench_throughput_kind throughput;
    double throughput_per_iter;
    double other_per_iter;         /* the other kind's (cbench.h), 0: none */
    int skipped;                   /* setup skipped the benchmark */
    int flat;
    double speed_ns;               /* the slower of the core probes before
                                      and after the samples; NaN if none */
    size_t n_user;                 /* user counters: the round's values */
    cbench_ucount_round user[CBENCH_MAX_USER_COUNTERS];
    char message[256];             /* skip reason, warning or why it failed */
} cbench_round_out;

/* Runs one round of inst in this process. Returns 0 (also when setup
 * skipped it: out->skipped), or CBENCH_ENOMEM / CBENCH_EINVAL (the body
 * never entered CBENCH_ITER) / CBENCH_EINTR (stopped by cfg->stop). */
int cbench_round_run(const cbench_instance *inst, const cbench_round_cfg *cfg,
                     cbench_round_out *out);
void cbench_round_out_free(cbench_round_out *out);

#endif
