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
#ifndef CBENCH_MEASURE_PROBE_H
#define CBENCH_MEASURE_PROBE_H

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

#endif
