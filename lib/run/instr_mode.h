/* SPDX-License-Identifier: MIT
 *
 * instr_mode.h - the modes that are not timing: deterministic counts under
 * valgrind (--mode=instructions) and --profile-time for profilers.
 */
#ifndef CBENCH_RUN_INSTR_MODE_H
#define CBENCH_RUN_INSTR_MODE_H

#include "run/config.h"
#include "measure/registry.h"
#include "model/result.h"
#include "report/report.h"

/* Child under valgrind (--worker ID --worker-iters N): runs one sample of
 * N iterations of benchmark ID with callgrind collecting only inside it. */
int cbench_instr_worker(const cbench_config *cfg, const cbench_instance *inst, size_t n);

/* --profile-time: runs the (single) selected benchmark for that long,
 * enabling a controlling `perf record` only around the timed loop. */
int cbench_instr_profile(const cbench_config *cfg, const cbench_instance *inst, size_t n);

/* --mode=instructions: for each instance, re-executes this program under
 * callgrind and reports exact counts per iteration; compares exactly with
 * base; saves like a timing run into dir (NULL: nothing is kept). Returns
 * the exit status. */
int cbench_instr_measure(const cbench_config *cfg, const cbench_instance *inst, size_t n,
                         cbench_run *run, const cbench_run *base,
                         const cbench_reporter *rep, const cbench_report_opts *ropts,
                         const char *dir);

#endif
