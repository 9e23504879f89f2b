/* SPDX-License-Identifier: MIT
 *
 * A bench executable swept over 5 sizes, for scaling_e2e.sh: its runs
 * end with how it scales, in every output.
 */
#include <stdint.h>

#include "cbench.h"

static int set_bytes(cbench_state *b)
{
    cbench_set_bytes(b, 8.0 * (double)cbench_param(b));
    return 0;
}

/* n dependent adds: the asm keeps the chain real. */
static void adds(cbench_state *b)
{
    int64_t n = cbench_param(b);
    CBENCH_ITER(b) {
        uint64_t x = 1;
        for (int64_t i = 0; i < n; i++) {
            x += (uint64_t)i;
            __asm__ __volatile__("" : "+r"(x));
        }
        cbench_do_not_optimize(x);
    }
}
CBENCH(scaling, adds, CBENCH_PARAMS(64, 128, 256, 512, 1024), .setup = set_bytes)

/* Three sizes are no sweep. */
static void few(cbench_state *b)
{
    adds(b);
}
CBENCH(scaling, few, CBENCH_PARAMS(64, 128, 256), .setup = set_bytes)

CBENCH_MAIN()
