/* SPDX-License-Identifier: MIT
 *
 * A bench executable with multi-threaded benchmarks, driven by
 * threads.sh through its command line: ids, filters, TAP, baselines,
 * exports, the oversubscription warning, ratios per thread count.
 */
#include <stdint.h>
#include <stdlib.h>

#include "cbench.h"
#include "measure/team.h"

/* Each thread's own counter, a cache line apart... */
static struct { _Alignas(64) uint64_t v; } own[64];
/* ... or all in one line. */
static uint64_t packed[64];

static void own_line(cbench_state *b)
{
    uint64_t *mine = &own[cbench_thread_index(b) % 64].v;
    CBENCH_ITER(b) {
        (*mine)++;
        cbench_clobber_memory();
    }
}
CBENCH(mt, own_line, CBENCH_THREADS(1, 2), .reference = 1,
       .throughput = CBENCH_THROUGHPUT_ELEMENTS, .throughput_per_iter = 1)

static void shared_line(cbench_state *b)
{
    uint64_t *mine = &packed[cbench_thread_index(b) % 64];
    CBENCH_ITER(b) {
        (*mine)++;
        cbench_clobber_memory();
    }
}
CBENCH(mt, shared_line, CBENCH_THREADS(1, 2),
       .throughput = CBENCH_THROUGHPUT_ELEMENTS, .throughput_per_iter = 1)

static void sized(cbench_state *b)
{
    uint64_t *mine = &own[cbench_thread_index(b) % 64].v;
    int64_t n = cbench_param(b);
    CBENCH_ITER(b) {
        for (int64_t i = 0; i < n; i++)
            (*mine)++;
        cbench_clobber_memory();
    }
}
CBENCH(mt, sized, CBENCH_PARAMS(64), CBENCH_THREADS(2))

static void plain(cbench_state *b)
{
    CBENCH_ITER(b) { own[0].v++; cbench_clobber_memory(); }
}
CBENCH(mt, plain)

/* One thread more than this process may use: registered at run time. */
int main(int argc, char **argv)
{
    static int over[1];
    over[0] = (int)cbench_team_cpus() + 1;
    cbench_options o = {.threads = over, .n_threads = 1};
    if (cbench_register("mt", "over", own_line, &o) != 0)
        return 1;
    return cbench_main_ex(argc, argv, 1);
}
