/* SPDX-License-Identifier: MIT
 *
 * false_sharing.c - the article's last suspect: threads that never share
 * data, but share cache lines.
 *
 * Each thread increments its own 8-byte counter in a tight loop (a load,
 * an add and a store per increment, 16 per iteration; cbench_clobber_memory() keeps the
 * compiler from holding the counter in a register). Only the layout of
 * the counters changes:
 *
 *   packed     counter i at byte 8i: up to 8 threads write one 64-B line,
 *              which every write takes away from the other cores;
 *   padded64   counter i at byte 64i: one line per thread (the fix);
 *   padded128  counter i at byte 128i: one line pair per thread, for
 *              CPUs whose L2 prefetcher fetches a line's neighbour along
 *              with it (Intel's adjacent-line prefetch), which can make
 *              two threads on lines 2k and 2k+1 still contend.
 *
 * padded64 is the group's reference, so every other layout reports its
 * ratio to it with an interval, at each thread count (1, 2, and all the
 * CPUs this process may use): the headline is packed/padded64. At one
 * thread nothing is shared and the ratios are 1; with two threads on two
 * cores a packed line ping-pongs between them. Two threads on one core's
 * hyperthreads would not show it (they share the L1), and a 2-vCPU guest
 * may be given either. benches/README.md has what this machine shows.
 *
 * Counters: under --counters auto the engine opens them in every thread
 * and sums them; with a PMU, L1-dcache-load-misses per iteration rise
 * with sharing (perf c2c names the contended line and its HITM loads).
 * Without one (this VM) only software events count, and the
 * deterministic mode (callgrind, one thread at a time) cannot see it at
 * all: it runs single-threaded benchmarks only.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cbench.h"

/* One allocation per process, aligned to 128 B so "packed" is one line
 * for up to 8 threads and the paddings fall on line boundaries. */
static int make_counters(cbench_state *b, size_t stride)
{
    size_t bytes = stride * cbench_thread_count(b) + 128;
    bytes = (bytes + 127) / 128 * 128;
    unsigned char *p = aligned_alloc(128, bytes);
    if (p == NULL)
        return cbench_skip(b, "out of memory for the counters");
    memset(p, 0, bytes);
    cbench_set_user_data(b, p);
    return 0;
}

static int setup_packed(cbench_state *b) { return make_counters(b, 8); }
static int setup_padded64(cbench_state *b) { return make_counters(b, 64); }
static int setup_padded128(cbench_state *b) { return make_counters(b, 128); }
static void free_counters(cbench_state *b) { free(cbench_user_data(b)); }

/* Increments per iteration: enough that the loop's own cost (a
 * decrement and a branch) is not what one iteration measures. */
#define INCREMENTS 16

/* Thread i's counter is the one at byte stride * i. */
static inline void increment_own(cbench_state *b, size_t stride)
{
    unsigned char *base = cbench_user_data(b);
    uint64_t *mine = (uint64_t *)(base + stride * cbench_thread_index(b));
    CBENCH_ITER(b) {
        for (int k = 0; k < INCREMENTS; k++) {
            (*mine)++;
            cbench_clobber_memory();      /* a load and a store, every time */
        }
    }
}

static void packed(cbench_state *b) { increment_own(b, 8); }
static void padded64(cbench_state *b) { increment_own(b, 64); }
static void padded128(cbench_state *b) { increment_own(b, 128); }

#define SHARING_OPTIONS(setup_fn)                                         \
    CBENCH_THREADS(1, 2, CBENCH_CPUS), .setup = setup_fn,                 \
    .teardown = free_counters, .throughput = CBENCH_THROUGHPUT_ELEMENTS,  \
    .throughput_per_iter = INCREMENTS

CBENCH(false_sharing, padded64, SHARING_OPTIONS(setup_padded64), .reference = 1)
CBENCH(false_sharing, packed, SHARING_OPTIONS(setup_packed))
CBENCH(false_sharing, padded128, SHARING_OPTIONS(setup_padded128))

CBENCH_MAIN()
