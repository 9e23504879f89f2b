/* SPDX-License-Identifier: MIT
 *
 * env.h - the run's context (host, CPU, compiler, git commit, date) and
 * the environment check: what on this machine makes numbers noisy and
 * what to do about it (as nanobench and pyperf do).
 */
#ifndef CBENCH_MEASURE_ENV_H
#define CBENCH_MEASURE_ENV_H

#include "model/result.h"

/* Fills ctx's descriptive fields (date, host, cpu, compiler, flags,
 * version, git commit, build type, the caches of cpu0 from sysfs). Returns
 * 0 or CBENCH_ENOMEM. */
int cbench_env_context(cbench_context *ctx, int user_code_optimized);

/* Appends to *notes (malloc'd, '\n'-separated, may start NULL) one line
 * per problem found, each saying what to do. sysfs_root is "/" except in
 * tests. Returns the number of notes added. */
int cbench_env_check(char **notes, const char *sysfs_root, int user_code_optimized);

/* Parses a sysfs cache size such as "32K", "1024K", "8M" or "512" (a
 * trailing newline or spaces allowed). Returns the size in bytes, or 0
 * when s is not of that form. */
size_t cbench_env_parse_cache_size(const char *s);

/* Reads the data and unified cache sizes of one CPU from 'dir' (normally
 * CBENCH_ENV_CACHE_DIR, which holds index<N>/{level,type,size}) into
 * bytes[] (L1d, L2, L3; 0 for a level not found). Returns 0 when at least
 * the L1d was found, -1 otherwise (bytes all 0). */
#define CBENCH_ENV_CACHE_DIR "/sys/devices/system/cpu/cpu0/cache"
int cbench_env_caches(const char *dir, uint64_t bytes[CBENCH_CACHE_LEVELS]);

/* Appends line to *notes (helper shared with the runner). */
void cbench_env_note(char **notes, const char *line);

#endif
