/* SPDX-License-Identifier: MIT
 *
 * allocs.h - counting the allocations of a benchmark's timed region.
 *
 * The interposer (allocs.c, its own static library: cbench_allocs_dep in
 * meson) replaces malloc, calloc, realloc, reallocarray, free and the
 * aligned allocators for the whole executable, as glibc documents for
 * replacing malloc ("Replacing malloc"), and forwards each to glibc's own
 * (__libc_malloc, ...). While counting is on it tallies the calling
 * thread's calls and bytes (each thread of a multi-threaded benchmark
 * counts its own; the engine sums them); while it is off each call costs
 * one predictable branch. An executable that does not
 * link it pays nothing: the counters layer (perf/counters.c) finds these
 * functions through weak references and says the allocation counters are
 * unavailable when they are NULL.
 *
 * Not linked in sanitizer builds: AddressSanitizer brings its own malloc.
 */
#ifndef CBENCH_ALLOCS_ALLOCS_H
#define CBENCH_ALLOCS_ALLOCS_H

#include <stdint.h>

/* What was counted since counting last started. */
typedef struct cbench_alloc_tally {
    uint64_t allocs;          /* malloc, calloc, realloc, aligned: calls */
    uint64_t bytes;           /* bytes they asked for */
    uint64_t frees;           /* free and realloc of a non-NULL pointer */
} cbench_alloc_tally;

#define CBENCH__ALLOCS_API __attribute__((visibility("default")))

/* Zeroes the calling thread's tally and starts counting (start 1), or
 * stops (0). */
CBENCH__ALLOCS_API void cbench__allocs_count(int start);
/* The calling thread's tally so far. */
CBENCH__ALLOCS_API void cbench__allocs_read(cbench_alloc_tally *t);

#endif /* CBENCH_ALLOCS_ALLOCS_H */
