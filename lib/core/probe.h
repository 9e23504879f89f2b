/* SPDX-License-Identifier: MIT
 *
 * probe.h - a machine speed probe, stored with every run.
 *
 * On a shared machine the machine itself drifts between runs (other
 * guests, frequency, memory traffic): a run saved yesterday may have seen
 * a faster machine than today's, and the "change" is then the machine's.
 * The probe times two fixed workloads at start-up and again before each
 * block of interleaved benchmarks, ~50 ms each time: a chain
 * of dependent adds (core speed) and a read of 4 MiB, reported per 16 MiB
 * (memory bandwidth).
 * Comparing a run's probe with its baseline's tells how much the machine
 * moved; the change test widens its noise threshold by that much and says
 * so, rather than report the machine's drift as a regression.
 */
#ifndef CBENCH_CORE_PROBE_H
#define CBENCH_CORE_PROBE_H

#include "core/result.h"

/* Fills the fastest of a few repetitions (ns) of one unit of each workload
 * (NaN if it cannot run, e.g. no memory for the buffer). */
void cbench_probe_machine(double *cpu_ns, double *mem_ns);

/* Probes again and keeps the faster value of each: a run re-probes
 * between blocks, so one burst at start-up does not make the whole run
 * look like a slow machine. Does nothing when *cpu_ns and *mem_ns are
 * both unset (<= 0 or NaN: the run does not probe). */
void cbench_probe_again(double *cpu_ns, double *mem_ns);

/* The core's speed now, in the unit of cbench_probe_machine's cpu_ns: the
 * fastest of 3 quarter-length add chains (~40-70 us, registers only, so
 * it leaves the caches as they are). Workers take it before and after
 * their samples: a round measured while the core ran slower than its
 * fastest state (a busy sibling hyperthread, a lower frequency) can then
 * be told apart from one that was not. */
double cbench_probe_core(void);

/* Whether cbench_probe_core says something about the machine: with the
 * real clock, or a probe a test put in its place (cbench__probe_core_set,
 * NULL restores the real one). */
int cbench_probe_core_meaningful(void);
void cbench__probe_core_set(double (*fn)(void));

/* Relative drift of the machine between a baseline's probe and this
 * run's: the larger of |cpu/cpu_base - 1| and |mem/mem_base - 1| over the
 * probes both have, or 0 when none is comparable. */
double cbench_probe_drift(double cpu, double mem, double cpu_base, double mem_base);

/* Whether a drift between two runs is worth saying: more than half the
 * noise threshold, where widening the threshold by it starts to move
 * verdicts. The bench executables and `cbench compare` use this one rule
 * for their notice and for showing a widened threshold. */
int cbench_probe_drift_notable(double drift, double noise_threshold);

/* Drift between two results of one benchmark, for its change test: the
 * core's speed during each one's kept rounds when both were probed per
 * round (cbench_result.speed_ns), else the runs' core probes; and the
 * runs' memory probes, unless the benchmark's bytes per iteration fit in
 * the L2 cache (a body that lives in the core's own caches does not slow
 * down when neighbours crowd the shared cache and memory). */
double cbench_probe_result_drift(const cbench_context *now, const cbench_result *r,
                                 const cbench_context *then, const cbench_result *b);

#endif
