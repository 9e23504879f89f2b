/* SPDX-License-Identifier: MIT
 *
 * drift.h - how far the machine moved between two runs, from the speed
 * probes stored with them (lib/measure/probe.h takes the probes).
 *
 * Pure arithmetic on stored contexts and results, so that everything that
 * judges a change (the bench executables, `cbench compare`, the report,
 * `cbench ab`) widens its noise threshold by the same drift.
 */
#ifndef CBENCH_MODEL_DRIFT_H
#define CBENCH_MODEL_DRIFT_H

#include "model/result.h"

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
