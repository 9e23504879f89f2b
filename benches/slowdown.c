/* SPDX-License-Identifier: MIT
 *
 * slowdown.c - the four kernels of the peer comparison (issue 9) at 4,096
 * and 1,000,000 points, with work that can be scaled from the environment:
 *
 *   CBENCH_SLOWDOWN=1.03 build/benches/slowdown
 *
 * makes every benchmark process round(1.03 n) points while its id still
 * says n: "the same code got 3 % slower". Unset (or 1) it is the
 * unchanged code, for the A/A test. tools/peer/gbench_points.cc honours
 * the same variable with the same rounding, so tools/peer-compare asks
 * both frameworks the same two questions: does unchanged code stay
 * unchanged, and is a 3 % slowdown flagged?
 */
#include <cbench.h>

#include <stdio.h>
#include <stdlib.h>

#include "points_kernels.h"

#define SLOWDOWN_SEED 20260101u

static double slowdown_factor = 1.0;

typedef struct slowdown_bench {
    points_layout layout;
    points_data d;
} slowdown_bench;

static int slowdown_setup(cbench_state *b, points_layout layout,
                          double bytes_per_point)
{
    size_t n = (size_t)cbench_param(b);
    slowdown_bench *sb = malloc(sizeof *sb);
    if (sb == NULL)
        return cbench_skip(b, "slowdown: out of memory");
    if (points_alloc(&sb->d, layout, points_scaled(n, slowdown_factor),
                     SLOWDOWN_SEED) != 0) {
        free(sb);
        return cbench_skip(b, "slowdown: cannot allocate the points");
    }
    /* The nominal work: a slowdown shows as lower throughput too. */
    cbench_set_bytes(b, bytes_per_point * (double)n);
    cbench_set_user_data(b, sb);
    return 0;
}

static void slowdown_teardown(cbench_state *b)
{
    slowdown_bench *sb = cbench_user_data(b);
    points_free(&sb->d);
    free(sb);
}

static int setup_aos_all(cbench_state *b)
{
    return slowdown_setup(b, POINTS_AOS, 24);
}

static int setup_soa_all(cbench_state *b)
{
    return slowdown_setup(b, POINTS_SOA, 24);
}

static int setup_aos_x(cbench_state *b)
{
    return slowdown_setup(b, POINTS_AOS, 8);
}

static int setup_soa_x(cbench_state *b)
{
    return slowdown_setup(b, POINTS_SOA, 8);
}

#define SLOWDOWN_BODY(name)                                               \
    static void name(cbench_state *b)                                     \
    {                                                                     \
        slowdown_bench *sb = cbench_user_data(b);                         \
        CBENCH_ITER(b) {                                                  \
            points_##name(&sb->d, POINTS_DT);                             \
            cbench_clobber_memory();                                      \
        }                                                                 \
    }

SLOWDOWN_BODY(aos_all)
SLOWDOWN_BODY(soa_all)
SLOWDOWN_BODY(aos_x)
SLOWDOWN_BODY(soa_x)

#define SLOWDOWN_OPTS(name)                                               \
    CBENCH_PARAMS(4096, 1000000), .param_name = "points",                 \
    .setup = setup_##name, .teardown = slowdown_teardown

CBENCH(slowdown, aos_all, SLOWDOWN_OPTS(aos_all), .reference = 1)
CBENCH(slowdown, soa_all, SLOWDOWN_OPTS(soa_all))
CBENCH(slowdown, aos_x, SLOWDOWN_OPTS(aos_x))
CBENCH(slowdown, soa_x, SLOWDOWN_OPTS(soa_x))

int main(int argc, char **argv)
{
    const char *s = getenv("CBENCH_SLOWDOWN");
    if (points_parse_slowdown(s, &slowdown_factor) != 0) {
        fprintf(stderr, "slowdown: CBENCH_SLOWDOWN='%s': expected a factor "
                "between 0.5 and 2, such as 1.03\n", s);
        return 2;
    }
    if (slowdown_factor != 1.0)
        fprintf(stderr, "slowdown: CBENCH_SLOWDOWN=%g: every kernel "
                "processes %g x its points\n", slowdown_factor,
                slowdown_factor);
    return cbench_main(argc, argv);
}
