/* SPDX-License-Identifier: MIT
 *
 * env.h - the run's context (host, CPU, compiler, git commit, date) and
 * the environment check: what on this machine makes numbers noisy and
 * what to do about it (as nanobench and pyperf do).
 */
#ifndef CBENCH_CORE_ENV_H
#define CBENCH_CORE_ENV_H

#include "core/result.h"

/* Fills ctx's descriptive fields (date, host, cpu, compiler, flags,
 * version, git commit, build type). Returns 0 or CBENCH_ENOMEM. */
int cbench_env_context(cbench_context *ctx, int user_code_optimized);

/* Appends to *notes (malloc'd, '\n'-separated, may start NULL) one line
 * per problem found, each saying what to do. sysfs_root is "/" except in
 * tests. Returns the number of notes added. */
int cbench_env_check(char **notes, const char *sysfs_root, int user_code_optimized);

/* Appends line to *notes (helper shared with the runner). */
void cbench_env_note(char **notes, const char *line);

#endif
