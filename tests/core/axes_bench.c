/* SPDX-License-Identifier: MIT
 *
 * A bench executable with named axes for axes.sh: 'grid' does 16 n k
 * dependent adds (its reference 'base' does 8 n k, so every ratio is
 * about 2 only when each result is paired with the reference at the same
 * n AND k), 'wrong' asks for an axis it does not have.
 */
#include "cbench.h"

static void chain(int64_t k, cbench_state *b)
{
    CBENCH_ITER(b) {
        uint64_t x = 1;
        for (int64_t i = 0; i < k; i++) {
            x += (uint64_t)i;
            __asm__ __volatile__("" : "+r"(x));
        }
        cbench_do_not_optimize(x);
    }
}

static void base(cbench_state *b)
{
    chain(cbench_param_named(b, "n") * cbench_param_named(b, "k") * 8, b);
}

static void grid(cbench_state *b)
{
    chain(cbench_param(b) * cbench_param_named(b, "k") * 16, b);
}

static void wrong(cbench_state *b)
{
    chain(cbench_param_named(b, "stride"), b);
}

CBENCH(axes, base, CBENCH_AXES(CBENCH_AXIS("n", 64, 256), CBENCH_AXIS_QUICK("k", (4), 1, 4)),
       .reference = 1)
CBENCH(axes, grid, CBENCH_AXES(CBENCH_AXIS("n", 64, 256), CBENCH_AXIS_QUICK("k", (4), 1, 4)))
CBENCH(axes, wrong, CBENCH_AXES(CBENCH_AXIS("n", 64), CBENCH_AXIS("k", 1)))

CBENCH_MAIN()
