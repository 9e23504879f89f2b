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

int main(void)
{
    /* Registration ran before main; cbench_strerror is the only call. */
    return cbench_strerror(CBENCH_EINVAL)[0] == '\0';
}
