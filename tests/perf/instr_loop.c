/* SPDX-License-Identifier: MIT
 *
 * instr_loop.c - helper for instr_run.c: N iterations of a volatile add
 * inside cbench_instr_region_begin/end.
 * usage: test-instr-loop N [plain|double|none|fail]
 *   plain: one region; double: begin/end called twice (must not re-toggle);
 *   none: no region at all; fail: exit status 3 after the region.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "perf/instr.h"

static volatile uint64_t sum;

int main(int argc, char **argv)
{
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1000;
    const char *mode = argc > 2 ? argv[2] : "plain";
    int region = strcmp(mode, "none") != 0, twice = strcmp(mode, "double") == 0;
    if (region)
        cbench_instr_region_begin();
    if (twice)
        cbench_instr_region_begin();
    for (long i = 0; i < n; i++)
        sum += (uint64_t)i;
    if (region)
        cbench_instr_region_end();
    if (twice)
        cbench_instr_region_end();
    return strcmp(mode, "fail") == 0 ? 3 : 0;
}
