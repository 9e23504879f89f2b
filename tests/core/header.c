/* SPDX-License-Identifier: MIT
 *
 * cbench.h is self-contained: this file includes nothing else, and is
 * compiled as strict ISO C11 (c_std=c11, -Wpedantic) with a benchmark
 * registered and a main, as a user would write it.
 */
#include "cbench.h"

static void nothing(cbench_state *b)
{
    CBENCH_ITER(b) { cbench_clobber_memory(); }
}
CBENCH(header, nothing, CBENCH_PARAMS(1, 2), CBENCH_QUICK_PARAMS(1), .reference = 1)

/* The axes macros, as the header's example writes them. */
static void walk(cbench_state *b)
{
    int64_t k = cbench_param_named(b, "stride");
    CBENCH_ITER(b) { cbench_do_not_optimize(k); }
}
CBENCH(header, walk, CBENCH_AXES(CBENCH_AXIS("points", 4096, 1 << 20),
                                 CBENCH_AXIS_QUICK("stride", (1, 16), 1, 2, 4, 8, 16),
                                 CBENCH_AXIS_SUBSETS("pad", (0), (0), 0, 64)))

int main(void)
{
    /* Registration ran before main; cbench_strerror is the only call. */
    return cbench_strerror(CBENCH_EINVAL)[0] == '\0';
}
