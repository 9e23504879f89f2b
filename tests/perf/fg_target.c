/* SPDX-License-Identifier: MIT
 *
 * fg_target.c - a stand-in bench executable for the flamegraph test: it
 * understands `--exact ID --profile-time SECONDS` like cbench benches, burns
 * CPU in harness_overhead() outside the profiled region, and inside it
 * (cbench_profile_enable/disable) spends about 2/3 of the time in
 * fg_leaf_heavy and 1/3 in fg_leaf_light, both called from fg_body.
 * A flame graph of it must show fg_body > fg_leaf_* and no harness_overhead.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "perf/profile.h"

static volatile uint64_t sink;

/* CPU time, so the sample count does not depend on the machine's load. */
static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

__attribute__((noinline)) static void spin(uint64_t n)
{
    for (uint64_t i = 0; i < n; i++)
        sink += i;
}

__attribute__((noinline)) void fg_leaf_heavy(void);
__attribute__((noinline)) void fg_leaf_light(void);
__attribute__((noinline)) void fg_body(void);
__attribute__((noinline)) void harness_overhead(double seconds);

void fg_leaf_heavy(void) { spin(200000); }
void fg_leaf_light(void) { spin(100000); }

void fg_body(void)
{
    fg_leaf_heavy();
    fg_leaf_light();
}

void harness_overhead(double seconds)
{
    double end = now_s() + seconds;
    while (now_s() < end)
        spin(10000);
}

int main(int argc, char **argv)
{
    const char *id = NULL;
    double seconds = 0;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--exact") == 0)
            id = argv[i + 1];
        else if (strcmp(argv[i], "--profile-time") == 0)
            seconds = strtod(argv[i + 1], NULL);
    }
    if (id == NULL || strcmp(id, "fg/body") != 0 || !(seconds > 0)) {
        fprintf(stderr, "usage: %s --exact fg/body --profile-time SECONDS\n", argv[0]);
        return 2;
    }
    if (cbench_profile_ctl_open() < 0)
        fprintf(stderr, "fg_target: perf control fifos unusable\n");
    harness_overhead(0.2);
    cbench_profile_enable();
    for (double end = now_s() + seconds; now_s() < end;)
        fg_body();
    cbench_profile_disable();
    harness_overhead(0.2);
    return 0;
}
