/* SPDX-License-Identifier: MIT
 *
 * A bench executable whose user counters have known values, for
 * ucount.sh: "items" is exactly 3 x UCOUNT_SCALE per iteration (lower is
 * better), "items_rate" the items per second (higher is better), "table"
 * 3 MiB from teardown (base 1024). ucount/threaded/threads=2: two threads
 * report 3 per iteration each. ucount/bad passes a bad name.
 */
#include <stdlib.h>

#include "cbench.h"

static double scale(void)
{
    const char *s = getenv("UCOUNT_SCALE");
    return s != NULL ? strtod(s, NULL) : 1.0;
}

static void counted(cbench_state *b)
{
    CBENCH_ITER(b) {
        uint64_t x = 1;
        for (int i = 0; i < 64; i++) {
            x += (uint64_t)i;
            __asm__ __volatile__("" : "+r"(x));
        }
        cbench_do_not_optimize(x);
    }
    double items = 3.0 * scale() * (double)cbench_iterations(b);
    cbench_counter(b, "items", items, CBENCH_COUNTER_PER_ITERATION);
    cbench_counter(b, "items_rate", items, CBENCH_COUNTER_RATE | CBENCH_COUNTER_HIGHER_IS_BETTER);
}

static void table_size(cbench_state *b)
{
    cbench_counter(b, "table", 3.0 * 1024 * 1024, CBENCH_COUNTER_BASE_1024);
}
CBENCH(ucount, counted, .teardown = table_size)

/* Two threads each count 3 per iteration: summed, 6; averaged, 3. */
static void threaded(cbench_state *b)
{
    CBENCH_ITER(b) { cbench_clobber_memory(); }
    double n = (double)cbench_iterations(b);
    cbench_counter(b, "sum", 3 * n, CBENCH_COUNTER_PER_ITERATION);
    cbench_counter(b, "avg", 3 * n, CBENCH_COUNTER_PER_ITERATION | CBENCH_COUNTER_AVG_THREADS);
}
CBENCH(ucount, threaded, CBENCH_THREADS(2))

static void bad(cbench_state *b)
{
    CBENCH_ITER(b) { cbench_clobber_memory(); }
    cbench_counter(b, "not ok #", 1, 0);
}
CBENCH(ucount, bad)

CBENCH_MAIN()
