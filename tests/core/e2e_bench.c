/* SPDX-License-Identifier: MIT
 *
 * A small bench executable for the end-to-end tests of the engine
 * (e2e.sh): a few real benchmarks, one whose work scales with
 * E2E_SCALE, and one that crashes or hangs on demand (E2E_MISBEHAVE=
 * segv|abort|hang|spin: hang sleeps, which a signal cuts short; spin
 * never returns), so crash isolation can be tested for real.
 */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cbench.h"

/* k dependent adds: the asm keeps the chain real. */
static void adds(cbench_state *b)
{
    int64_t k = cbench_param(b);
    CBENCH_ITER(b) {
        uint64_t x = 1;
        for (int64_t i = 0; i < k; i++) {
            x += (uint64_t)i;
            __asm__ __volatile__("" : "+r"(x));
        }
        cbench_do_not_optimize(x);
    }
}
CBENCH(e2e, adds, CBENCH_PARAMS(64, 128), .reference = 1)

static void scaled(cbench_state *b)
{
    const char *s = getenv("E2E_SCALE");
    int64_t k = (int64_t)(128 * (s ? strtod(s, NULL) : 1.0));
    CBENCH_ITER(b) {
        uint64_t x = 1;
        for (int64_t i = 0; i < k; i++) {
            x += (uint64_t)i;
            __asm__ __volatile__("" : "+r"(x));
        }
        cbench_do_not_optimize(x);
    }
}
CBENCH(e2e, scaled, .throughput = CBENCH_THROUGHPUT_ELEMENTS, .throughput_per_iter = 128)

static void misbehave(cbench_state *b)
{
    const char *m = getenv("E2E_MISBEHAVE");
    if (m != NULL && strcmp(m, "segv") == 0)
        raise(SIGSEGV);
    if (m != NULL && strcmp(m, "abort") == 0)
        abort();
    if (m != NULL && strcmp(m, "spin") == 0)
        for (;;)
            cbench_clobber_memory();
    CBENCH_ITER(b) {
        if (m != NULL && strcmp(m, "hang") == 0)
            sleep(10);
        cbench_clobber_memory();
    }
}
CBENCH(e2e, misbehave)

CBENCH_MAIN()
