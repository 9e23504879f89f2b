/* SPDX-License-Identifier: MIT
 *
 * allocs_bench.c - benchmarks whose allocations per iteration are known,
 * linked with the allocation interposer (cbench_allocs_dep) for
 * tests/perf/allocs.sh: none in the body; one malloc and free; a
 * malloc, calloc and realloc then two frees (3 allocations of 112 bytes,
 * 3 frees: the realloc frees its old block); a block allocated in setup,
 * outside the timed region; "one" again in 2 threads (each thread counts
 * its own, the engine sums them: 2 per iteration). ALLOCS_TWICE=1 makes
 * "one" allocate twice,
 * a regression of the allocation count for the comparison test.
 */
#include <stdlib.h>
#include <string.h>

#include "cbench.h"

static int twice;

static void none(cbench_state *b)
{
    unsigned x = 1;
    CBENCH_ITER(b) {
        x = x * 2654435761u + 1;
        cbench_black_box(&x);
    }
}

static void one(cbench_state *b)
{
    CBENCH_ITER(b) {
        for (int k = 0; k <= twice; k++) {
            void *p = cbench_black_box(malloc(100));
            free(p);
        }
    }
}

static void threaded(cbench_state *b)
{
    one(b);
}

static void mixed(cbench_state *b)
{
    CBENCH_ITER(b) {
        char *p = cbench_black_box(malloc(16));
        char *q = cbench_black_box(calloc(4, 8));
        p = cbench_black_box(realloc(p, 64));
        free(p);
        free(q);
    }
}

static int setup_block(cbench_state *b)
{
    void *p = malloc(1 << 20);
    if (p == NULL)
        return cbench_skip(b, "out of memory");
    memset(p, 1, 1 << 20);
    cbench_set_user_data(b, p);
    return 0;
}

static void teardown_block(cbench_state *b)
{
    free(cbench_user_data(b));
}

static void in_setup(cbench_state *b)
{
    unsigned char *p = cbench_user_data(b);
    unsigned s = 0;
    CBENCH_ITER(b) {
        s += p[s & 0xfffff];
        cbench_black_box(&s);
    }
}

CBENCH(allocs, none)
CBENCH(allocs, one)
CBENCH(allocs, threaded, CBENCH_THREADS(2))
CBENCH(allocs, mixed)
CBENCH(allocs, in_setup, .setup = setup_block, .teardown = teardown_block)

int main(int argc, char **argv)
{
    const char *t = getenv("ALLOCS_TWICE");
    twice = t != NULL && strcmp(t, "1") == 0;
    return cbench_main_ex(argc, argv, CBENCH__OPTIMIZED);
}
